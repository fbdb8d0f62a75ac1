/**
 * Parameter values with provenance. A parameter set is plain data (id -> spec); modules declare
 * only the parameters they use (see `declare`), so every network carries exactly its own
 * parameters, each with value, unit, source and confidence.
 */
import type { Confidence } from "../../../core/network/types.js";

export interface ParamSpec {
  readonly value: number;
  readonly unit: string;
  /** Citation as a reader would look it up, or the reason for an assumption. */
  readonly source: string;
  readonly confidence: Confidence;
  readonly note?: string;
  /**
   * Derived parameters: a formula over other parameter ids, kept as an initial assignment so
   * that an override of an input propagates. `value` is then filled in by `resolveSet`.
   */
  readonly formula?: string;
}

export type ParamSet = Readonly<Record<string, ParamSpec>>;

/** Shorthand for a sourced value. */
export function p(
  value: number,
  unit: string,
  source: string,
  confidence: Confidence,
  note?: string,
): ParamSpec {
  return { value, unit, source, confidence, ...(note !== undefined ? { note } : {}) };
}

/** A derived parameter: its formula over other ids, evaluated when the set is resolved. */
export function derived(formula: string, unit: string, note: string, source = "derived"): ParamSpec {
  return { value: NaN, unit, source, confidence: "derived", note, formula };
}

/** Per-minute rate constants from Sobotta 2017, converted to the model's hours. */
export const perMin = (v: number): number => v * 60;
