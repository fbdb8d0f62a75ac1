/**
 * A reaction network as one immutable value, with SBML's meaning: a species symbol in a formula
 * is its concentration (amount / compartment size) unless the species has only substance units;
 * a reaction's rate is an extent per time (amount/time), so d(amount)/dt = Σ stoichiometry × rate.
 * Networks come from the builder (our models) or from SBML import; both produce this value.
 */
import type { Expr } from "../expr/ast.js";

export type Confidence = "measured" | "fitted" | "assumed" | "derived";

/** Where a parameter value comes from. Never invent a citation. */
export interface Provenance {
  /** Citation as a reader would look it up: "Dwivedi 2014 CPT Pharmacometrics Syst Pharmacol". */
  readonly source: string;
  /** measured: read from an experiment; fitted: a fit from a published model or ours; assumed: order of magnitude; derived: computed from other parameters. */
  readonly confidence: Confidence;
  readonly note?: string;
}

/** SBML-style annotations kept for export (MIRIAM identifiers.org URIs, SBO term). */
export interface Annotation {
  readonly sbo?: string;
  /** identifiers.org URIs, e.g. "https://identifiers.org/uniprot:P05231". */
  readonly is?: readonly string[];
}

interface Named {
  readonly id: string;
  readonly name?: string;
  readonly annotation?: Annotation;
  readonly notes?: string;
}

export interface Compartment extends Named {
  /** Size (volume for 3-D) in `unit`; NaN when set only by an initial assignment or rule. */
  readonly size: number;
  readonly spatialDimensions: number;
  readonly constant: boolean;
  readonly unit?: string;
}

export interface Species extends Named {
  readonly compartment: string;
  /** Exactly one of initialAmount / initialConcentration is set, unless an initial assignment or rule sets it. */
  readonly initialAmount?: number;
  readonly initialConcentration?: number;
  /** True: the symbol means the amount, and amounts are reported. */
  readonly hasOnlySubstanceUnits: boolean;
  /** True: reactions do not change it (rules and events may). */
  readonly boundaryCondition: boolean;
  readonly constant: boolean;
  /** Unit of the value users read (e.g. "nM" or "nmol"). */
  readonly unit?: string;
  /** Id of a parameter scaling this species' reaction changes (SBML L3 conversionFactor). */
  readonly conversionFactor?: string;
}

export interface Parameter extends Named {
  readonly value: number;
  readonly constant: boolean;
  readonly unit?: string;
  readonly provenance?: Provenance;
}

export interface SpeciesReference {
  readonly species: string;
  readonly stoichiometry: number;
  /** SBML L3 speciesReference id, a symbol whose value is the stoichiometry (may vary). */
  readonly id?: string;
  /** L3: false when the stoichiometry may change (rules or events target `id`). */
  readonly constant?: boolean;
}

export interface LocalParameter {
  readonly id: string;
  readonly value: number;
  readonly unit?: string;
}

export interface Reaction extends Named {
  readonly reactants: readonly SpeciesReference[];
  readonly products: readonly SpeciesReference[];
  readonly modifiers: readonly string[];
  /** Extent per unit time (amount/time). */
  readonly rate: Expr;
  readonly reversible: boolean;
  /** Parameters visible only inside `rate`; they shadow global ids. */
  readonly localParameters?: readonly LocalParameter[];
  /**
   * SBML fast flag: the reaction is at equilibrium at all times; the compiler turns the fast
   * subsystem into conserved-moiety and equilibrium rows of a DAE (integrated by Rodas5P).
   */
  readonly fast?: boolean;
}

export interface AssignmentRule {
  readonly variable: string;
  readonly math: Expr;
}

export interface RateRule {
  readonly variable: string;
  readonly math: Expr;
}

export interface AlgebraicRule {
  readonly math: Expr;
}

export interface InitialAssignment {
  readonly symbol: string;
  readonly math: Expr;
}

export interface EventAssignment {
  readonly variable: string;
  readonly math: Expr;
}

export interface NetworkEvent extends Named {
  readonly trigger: Expr;
  /** Value of the trigger just before t0 (SBML initialValue); true means no firing at t0. */
  readonly initialValue: boolean;
  /** False: a delayed event is cancelled if its trigger turns false before it executes. */
  readonly persistent: boolean;
  readonly delay?: Expr;
  readonly priority?: Expr;
  /** True: assignments are computed at trigger time; false: at execution time. */
  readonly useValuesFromTriggerTime: boolean;
  readonly assignments: readonly EventAssignment[];
}

export interface UnitDefinition {
  readonly id: string;
  readonly name?: string;
  readonly units: readonly { kind: string; exponent: number; scale: number; multiplier: number }[];
}

export interface Network extends Named {
  readonly compartments: readonly Compartment[];
  readonly species: readonly Species[];
  readonly parameters: readonly Parameter[];
  readonly reactions: readonly Reaction[];
  readonly assignmentRules: readonly AssignmentRule[];
  readonly rateRules: readonly RateRule[];
  readonly algebraicRules: readonly AlgebraicRule[];
  readonly initialAssignments: readonly InitialAssignment[];
  readonly events: readonly NetworkEvent[];
  /** Model-wide conversion factor parameter id (SBML L3). */
  readonly conversionFactor?: string;
  readonly unitDefinitions?: readonly UnitDefinition[];
  /** Model units (SBML L3 model attributes), e.g. { time: "hour", substance: "nmol", volume: "litre" }. */
  readonly units?: Readonly<
    Partial<Record<"time" | "substance" | "volume" | "area" | "length" | "extent", string>>
  >;
}

export const emptyNetwork = (id: string): Network => ({
  id,
  compartments: [],
  species: [],
  parameters: [],
  reactions: [],
  assignmentRules: [],
  rateRules: [],
  algebraicRules: [],
  initialAssignments: [],
  events: [],
});
