/**
 * Profile likelihood (Raue et al., Bioinformatics 25, 2009): fix one parameter, re-optimise
 * the others (warm-started Levenberg–Marquardt), step away from the optimum in both directions
 * with an adaptive step until Δ(2·NLL) exceeds the χ²₁ threshold or a bound is reached.
 * The confidence interval is where the profile crosses the threshold (linear interpolation);
 * an open side is reported as such (practically non-identifiable in that direction).
 */
import { levenbergMarquardt } from "./levenberg-marquardt.js";
import type { Objective } from "./objective.js";
import { chiSquare1Quantile } from "./stats.js";

export interface ProfilePoint {
  /** Value of the profiled parameter on the optimiser scale. */
  readonly u: number;
  /** Δ(2·NLL) relative to the optimum. */
  readonly delta: number;
}

export interface ProfileResult {
  readonly parameter: string;
  readonly index: number;
  readonly points: ProfilePoint[];
  /** CI on the optimiser scale; undefined side = the profile did not cross the threshold. */
  readonly lower?: number;
  readonly upper?: number;
  readonly threshold: number;
  /** Why each side stopped. */
  readonly stoppedLow: "threshold" | "bound" | "maxSteps" | "failed" | "cancelled";
  readonly stoppedHigh: "threshold" | "bound" | "maxSteps" | "failed" | "cancelled";
  /** A point lower than the optimum was found: the fit had not converged. */
  readonly betterOptimum?: Float64Array;
}

export interface ProfileOptions {
  readonly level?: number;
  readonly maxSteps?: number;
  readonly shouldStop?: () => boolean;
  readonly onStep?: (parameter: string, points: number) => void;
}

export function profileParameter(
  objective: Objective,
  uBest: Float64Array,
  costBest: number,
  k: number,
  options: ProfileOptions = {},
): ProfileResult {
  const threshold = chiSquare1Quantile(options.level ?? 0.95);
  const maxSteps = options.maxSteps ?? 40;
  const { lower, upper, ids } = objective.free;
  const width = upper[k] - lower[k];
  const points: ProfilePoint[] = [{ u: uBest[k], delta: 0 }];
  let betterOptimum: Float64Array | undefined;
  let betterDelta = -1e-6;
  const side = (dir: 1 | -1): { ci?: number; stopped: ProfileResult["stoppedLow"] } => {
    let u: Float64Array = Float64Array.from(uBest);
    let delta = 0;
    let step = 0.02 * width;
    const minStep = 1e-6 * width;
    for (let s = 0; s < maxSteps; s++) {
      if (options.shouldStop?.()) return { stopped: "cancelled" };
      const bound = dir > 0 ? upper[k] : lower[k];
      if (u[k] === bound) return { stopped: "bound" };
      let next: Float64Array | undefined;
      let nextDelta = 0;
      for (;;) {
        const trial = Float64Array.from(u);
        trial[k] = dir > 0 ? Math.min(bound, u[k] + step) : Math.max(bound, u[k] - step);
        const res = levenbergMarquardt(
          (x, withJ) => objective.residuals(x, withJ, options.shouldStop),
          trial,
          {
            lower,
            upper,
            fixed: new Set([k]),
            maxIterations: 100,
            ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
          },
        );
        if (res.status === "failed" || !Number.isFinite(res.cost)) {
          if (step <= minStep) return { stopped: "failed" };
          step /= 2;
          continue;
        }
        const d = 2 * (res.cost - costBest);
        // too big a jump in Δ: halve the step so the crossing is resolved
        if (d - delta > threshold / 3 && step > minStep) {
          step /= 2;
          continue;
        }
        next = res.u;
        nextDelta = d;
        break;
      }
      if (nextDelta < betterDelta) {
        betterDelta = nextDelta;
        betterOptimum = Float64Array.from(next);
      }
      points.push({ u: next[k], delta: nextDelta });
      options.onStep?.(ids[k], points.length);
      if (nextDelta >= threshold) {
        const t = (threshold - delta) / (nextDelta - delta || 1);
        return { ci: u[k] + t * (next[k] - u[k]), stopped: "threshold" };
      }
      if (nextDelta - delta < threshold / 10) step = Math.min(step * 2, 0.2 * width);
      u = next;
      delta = nextDelta;
    }
    return { stopped: "maxSteps" };
  };
  const hi = side(1);
  const lo = side(-1);
  points.sort((a, b) => a.u - b.u);
  return {
    parameter: ids[k],
    index: k,
    points,
    threshold,
    stoppedLow: lo.stopped,
    stoppedHigh: hi.stopped,
    ...(lo.ci !== undefined ? { lower: lo.ci } : {}),
    ...(hi.ci !== undefined ? { upper: hi.ci } : {}),
    ...(betterOptimum ? { betterOptimum } : {}),
  };
}
