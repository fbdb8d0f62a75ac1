/**
 * A scenario is data: what is done to a model over time, and what is read out. This is the
 * resolved form (numbers in the model's time unit, ids checked) that the scenario-file layer
 * produces from YAML/JSON with units, that named scenarios are written in, and that is stored
 * next to the results it produced.
 */
import type { Quantity } from "../units.js";

export type Intervention =
  /** A drug dose; the model's drug catalogue turns it into state jumps or an infusion. */
  | {
      readonly kind: "dose";
      readonly drug: string;
      readonly amount: Quantity;
      readonly route: string;
      readonly duration?: Quantity;
    }
  /** An injury (partial_hepatectomy, ccl4, ...) with its parameters (fraction_removed, dose). */
  | {
      readonly kind: "injury";
      readonly injury: string;
      readonly params: Readonly<Record<string, number | Quantity>>;
    }
  /** Set a model parameter from this time on. */
  | { readonly kind: "set"; readonly id: string; readonly value: number };

export interface TimelineEntry {
  /** Time in the model's time unit (hours for il6-liver); may be negative (pre-treatment). */
  readonly at: number;
  readonly intervention: Intervention;
}

export interface SolverChoice {
  readonly method?: string;
  readonly rtol?: number;
  readonly atol?: number;
}

export interface ResolvedScenario {
  /** Library model id ("il6-liver") or a path to an SBML file. */
  readonly model: string;
  readonly name?: string;
  readonly description?: string;
  /** Parameter set ("mouse" | "rat" | "human" for il6-liver). */
  readonly organism?: string;
  readonly genotype: readonly string[];
  /** Overrides by parameter id, in the parameter's own unit. */
  readonly parameters: Readonly<Record<string, number>>;
  /** Start time (default: the earlier of 0 and the first timeline entry). */
  readonly start?: number;
  readonly end: number;
  readonly timeline: readonly TimelineEntry[];
  readonly output: { readonly times: readonly number[]; readonly observables: readonly string[] };
  /** Start from the pre-injury steady state (default true for library models). */
  readonly steadyStateStart?: boolean;
  readonly solver?: SolverChoice;
}
