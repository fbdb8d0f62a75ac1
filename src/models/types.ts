/**
 * What a library model offers the surfaces (CLI, web, analysis): its network per organism and
 * genotype, the catalogues users pick from by id, observables with units, and named scenarios.
 * The biology lives behind this interface; the surfaces only call it.
 */
import type { Expr } from "../core/expr/ast.js";
import type { Issue } from "../core/issues.js";
import type { Network } from "../core/network/types.js";
import type { ResolvedScenario, SolverChoice, TimelineEntry } from "../core/scenario/types.js";
import type { TimedAction } from "../core/simulate/types.js";

export interface CatalogEntry {
  readonly id: string;
  readonly description: string;
}

export interface DrugEntry extends CatalogEntry {
  readonly name: string;
  /** Organisms in which the drug is active (tocilizumab: human only). */
  readonly organisms: readonly string[];
  readonly routes: readonly string[];
  /** Dose units accepted, e.g. ["ug", "mg", "mg/kg"]. */
  readonly units: readonly string[];
}

export interface InjuryParam {
  readonly name: string;
  /** Unit of the value ("1" for a fraction, "mg/kg" for a dose). */
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly description: string;
}

export interface InjuryEntry extends CatalogEntry {
  readonly params: readonly InjuryParam[];
}

export interface ObservableDef extends CatalogEntry {
  /** Unit of the value users read ("pg/mL", "%", "1"). */
  readonly unit: string;
  /** Model-level expression over network ids. */
  readonly expr: Expr;
  /** "start": divide by the value at the scenario start (fold-change observables). */
  readonly relativeTo?: "start";
  /** Organisms for which it is defined (all when absent). */
  readonly organisms?: readonly string[];
}

export interface NamedScenario extends CatalogEntry {
  /** The experiment it mirrors, with its citation. */
  readonly mirrors: string;
  readonly scenario: ResolvedScenario;
}

/** One published observation checked against the model (a row of the validation report). */
export interface ValidationRow {
  readonly id: string;
  readonly organism: string;
  /** What was observed, in words ("serum IL-6 peak time after 70% PHx"). */
  readonly observation: string;
  /** Citation. */
  readonly source: string;
  /** The band, in words and units ("2-4 h", "20-80 ng/mL"). */
  readonly expected: string;
  /** The simulated value (number in the band's unit) or a short text. */
  readonly simulated: number | string;
  readonly unit: string;
  readonly pass: boolean;
  /** Why it fails, or what the check does, when that needs saying. */
  readonly note?: string;
}

/** Inter-individual variability of one parameter: lognormal around its value. */
export interface ParameterPrior {
  readonly id: string;
  /** Coefficient of variation (0.3 = 30%). */
  readonly cv: number;
  /** Why this spread (citation, or "assumed" and the reason). */
  readonly source: string;
}

export interface LibraryModel {
  readonly id: string;
  readonly description: string;
  readonly version: string;
  readonly timeUnit: string;
  readonly organisms: readonly string[];
  readonly genotypes: readonly CatalogEntry[];
  readonly drugs: readonly DrugEntry[];
  readonly injuries: readonly InjuryEntry[];
  readonly observables: readonly ObservableDef[];
  readonly scenarios: readonly NamedScenario[];
  /** Solver settings for scenarios that name none (measured for this model: see its README). */
  readonly solver?: SolverChoice;
  /** Default observables for a scenario that names none. */
  readonly defaultObservables: readonly string[];
  /** The network for one organism with genotype overrides applied, or issues (unknown ids, ...). */
  network(
    organism: string,
    genotype: readonly string[],
  ): { ok: true; network: Network } | { ok: false; issues: Issue[] };
  /**
   * Timed actions for one timeline entry (dose -> depot/plasma jumps or an infusion switch,
   * injury -> surgery scaling and damage inputs), or issues (tocilizumab in a mouse, a fraction
   * outside (0, 1), a unit that is not a dose).
   */
  actions(
    entry: TimelineEntry,
    context: { organism: string; path: string },
  ): { actions: TimedAction[]; issues: Issue[] };
  /** The validation report: every published check, for one organism or all. */
  validate?(organism?: string): ValidationRow[];
  /**
   * Default priors for virtual populations (lognormal around the organism's values, each with
   * its source), used when a population run names none.
   */
  parameterPriors?(organism: string): readonly ParameterPrior[];
}
