/**
 * Multi-start local optimisation (as pyPESTO and Data2Dynamics do): the nominal point plus
 * seeded Latin-hypercube starts over the box on the optimiser scale, each run to convergence
 * by Levenberg–Marquardt; results sorted by cost. The "waterfall" (how many starts reach the
 * best value) says whether the optimum was found reliably.
 */
import { levenbergMarquardt, type LocalResult } from "./levenberg-marquardt.js";
import type { Objective } from "./objective.js";
import { latinHypercube, rngFor } from "./rng.js";

export interface StartResult {
  readonly index: number;
  readonly start: Float64Array;
  readonly result: LocalResult;
  /** Negative log-likelihood at the result (Infinity if the start failed). */
  readonly nll: number;
}

export interface MultiStartOptions {
  readonly starts?: number;
  readonly seed?: number;
  /** Use the nominal values as the first start (default true). */
  readonly includeNominal?: boolean;
  readonly maxIterations?: number;
  readonly shouldStop?: () => boolean;
  readonly onStart?: (done: number, total: number, bestNll: number) => void;
}

/** Start points: nominal first, then a Latin hypercube over [lower, upper]. */
export function startPoints(
  objective: Objective,
  n: number,
  seed: number,
  includeNominal = true,
): Float64Array[] {
  const { lower, upper, nominal } = objective.free;
  const np = lower.length;
  const out: Float64Array[] = includeNominal ? [Float64Array.from(nominal)] : [];
  const lhs = latinHypercube(Math.max(0, n - out.length), np, rngFor(seed, 0x57a));
  for (const z of lhs) out.push(Float64Array.from(z, (x, k) => lower[k] + x * (upper[k] - lower[k])));
  return out;
}

export function multiStart(objective: Objective, options: MultiStartOptions = {}): StartResult[] {
  const starts = startPoints(
    objective,
    options.starts ?? 10,
    options.seed ?? 1,
    options.includeNominal ?? true,
  );
  const results: StartResult[] = [];
  let best = Infinity;
  for (let i = 0; i < starts.length; i++) {
    if (options.shouldStop?.()) break;
    let result: LocalResult;
    try {
      result = levenbergMarquardt(
        (u, withJ) => objective.residuals(u, withJ, options.shouldStop),
        starts[i],
        {
          lower: objective.free.lower,
          upper: objective.free.upper,
          ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
          ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
        },
      );
    } catch (err) {
      // a model that throws (an internal error in a simulation) fails this start, not the fit
      const np = starts[i].length;
      result = {
        u: starts[i],
        cost: Infinity,
        status: "failed",
        message: `Error: ${(err as Error).message}`,
        iterations: 0,
        evaluations: 0,
        gradient: new Float64Array(np),
        hessian: new Float64Array(np * np),
      };
    }
    const nll = result.status === "failed" ? Infinity : objective.nll(result.u).nll;
    results.push({ index: i, start: starts[i], result, nll });
    best = Math.min(best, nll);
    options.onStart?.(i + 1, starts.length, best);
  }
  return results.sort((a, b) => a.nll - b.nll || a.index - b.index);
}
