/**
 * Pieces every stepper shares: option defaults, statistics, the smallest allowed step and the
 * final-step landing rule. Kept here so that methods stay mostly coefficients.
 */
import type { OdeSystem, SolverOptions, SolverStats } from "./types.js";
import { atolVector } from "./norms.js";

export function newStats(): SolverStats {
  return { steps: 0, rejectedSteps: 0, rhsEvals: 0, jacEvals: 0, luDecompositions: 0, linearSolves: 0 };
}

export interface ResolvedOptions {
  readonly rtol: number;
  readonly atol: Float64Array;
  readonly hmax: number;
  /** User's hmin, or NaN for the default 1e-14·max(1, |t|). */
  readonly hmin: number;
  readonly h0: number;
}

export function resolveOptions(system: OdeSystem, options: SolverOptions): ResolvedOptions {
  const rtol = options.rtol;
  if (!(rtol > 0)) throw new Error(`rtol must be positive (got ${rtol})`);
  return {
    rtol,
    atol: atolVector(system.size, options.atol),
    hmax: options.hmax !== undefined && options.hmax > 0 ? options.hmax : Infinity,
    hmin: options.hmin !== undefined && options.hmin > 0 ? options.hmin : NaN,
    h0: options.h0 !== undefined && options.h0 > 0 ? options.h0 : NaN,
  };
}

/** Smallest step allowed at t: the user's hmin or 1e-14·max(1,|t|), never below 4 ulps of t. */
export function minStep(t: number, hmin: number): number {
  const base = Number.isNaN(hmin) ? 1e-14 * Math.max(1, Math.abs(t)) : hmin;
  return Math.max(base, 4 * Number.EPSILON * Math.abs(t));
}

/**
 * A step that would overshoot tStop, or leave a sliver under 1 % of h before it, is replaced by
 * exactly the rest (stretching a step by < 1 % is harmless and avoids a tiny last step).
 */
export function landsOnStop(t: number, h: number, tStop: number): boolean {
  return h >= 0.99 * (tStop - t);
}
