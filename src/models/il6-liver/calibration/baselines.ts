/**
 * The bars of design/model.md for the rat liver volumes (five complete chow animals, 10-168 h,
 * 25 points), recomputed here so the calibration report states them from the same data:
 * the per-time-point mean (the least-squares floor for any curve shared by all animals), a
 * pooled 2-parameter logistic (V0 and r at t = 0, K = 1) and a per-animal 2-parameter logistic
 * (K and r, from the animal's own 0.3 h volume). test/core/estimate/rat-logistic.test.ts
 * reproduces the same numbers through the whole estimation stack.
 */
import { levenbergMarquardt } from "../../../core/estimate/levenberg-marquardt.js";
import { COMPLETE, RAT_CHOW } from "./rat-data.js";

export const FIT_TIMES = [10, 24, 48, 72, 168] as const;

const points = (a: string) => RAT_CHOW.find((x) => x.id === a)!.points;
const value = (a: string, t: number) => points(a).find(([u]) => u === t)![1];

export const rmse = (residuals: readonly number[]): number =>
  Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / residuals.length);

/** RMSE of the mean at each time point. */
export function perTimeMeanRmse(): number {
  return rmse(
    FIT_TIMES.flatMap((t) => {
      const v = COMPLETE.map((a) => value(a, t));
      const m = v.reduce((p, q) => p + q, 0) / v.length;
      return v.map((x) => x - m);
    }),
  );
}

const logistic = (K: number, r: number, v0: number, t0: number, t: number) =>
  K / (1 + (K / v0 - 1) * Math.exp(-r * (t - t0)));

/** Least squares over log10 parameters with the core Levenberg-Marquardt and a forward-difference Jacobian. */
function leastSquares(res: (x: number[]) => number[], x0: number[], lo: number[], hi: number[]): number[] {
  const f = (u: Float64Array, withJ: boolean) => {
    const x = Array.from(u, (v) => 10 ** v);
    const r = Float64Array.from(res(x));
    if (!withJ) return { ok: true, r };
    const J = new Float64Array(r.length * u.length);
    u.forEach((_, k) => {
      const h = 1e-7;
      const up = Float64Array.from(u);
      up[k] += h;
      const r2 = res(Array.from(up, (v) => 10 ** v));
      r2.forEach((v, i) => (J[i * u.length + k] = (v - r[i]) / h));
    });
    return { ok: true, r, J };
  };
  const log = (xs: number[]) => Float64Array.from(xs, Math.log10);
  return Array.from(levenbergMarquardt(f, log(x0), { lower: log(lo), upper: log(hi) }).u, (v) => 10 ** v);
}

/** Pooled logistic (V0, r at t = 0; K = 1). */
export function pooledLogisticRmse(): number {
  const res = ([v0, r]: number[]) =>
    COMPLETE.flatMap((a) => FIT_TIMES.map((t) => logistic(1, r, v0, 0, t) - value(a, t)));
  return rmse(res(leastSquares(res, [0.4, 0.01], [0.05, 1e-4], [0.99, 1])));
}

/** Per-animal logistic (K, r) from each animal's 0.3 h volume. */
export function perAnimalLogisticRmse(): number {
  return rmse(
    COMPLETE.flatMap((a) => {
      const res = ([K, r]: number[]) =>
        FIT_TIMES.map((t) => logistic(K, r, value(a, 0.3), 0.3, t) - value(a, t));
      const best = [
        [1, 0.02],
        [1.2, 0.01],
        [0.9, 0.05],
      ]
        .map((x0) => res(leastSquares(res, x0, [0.5, 1e-4], [3, 1])))
        .sort((p, q) => rmse(p) - rmse(q))[0];
      return best;
    }),
  );
}
