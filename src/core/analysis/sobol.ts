/**
 * Variance-based (Sobol) sensitivity indices with the Saltelli sampling scheme: matrices A and B
 * of N points each (seeded Latin hypercube), and A_B^(i) = A with column i from B, so N(k + 2)
 * model runs. Estimators from Saltelli et al., Comput. Phys. Commun. 181 (2010), Table 2:
 * first order S_i = (1/N) Σ f(B)(f(A_B^i) − f(A)) / V (their (b)), total
 * S_Ti = (1/2N) Σ (f(A) − f(A_B^i))² / V (Jansen 1999, their (f)); V from A and B together.
 * Confidence intervals: bootstrap over the N rows (percentile intervals).
 */
import { latinHypercube, rngFor } from "../estimate/rng.js";
import { percentileSorted } from "../estimate/stats.js";
import { type Factor, factorValue, type VectorModel } from "./design.js";

export interface SobolOptions {
  /** Base sample size N (default 1024). */
  readonly samples?: number;
  readonly seed?: number;
  readonly bootstrap?: number;
  readonly level?: number;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SobolIndices {
  readonly factor: string;
  readonly S1: number;
  readonly ST: number;
  readonly S1Ci: readonly [number, number];
  readonly STCi: readonly [number, number];
}

export interface SobolResult {
  readonly outputs: number;
  /** indices[o][k] for output o, factor k. */
  readonly indices: SobolIndices[][];
  readonly variance: number[];
  readonly runs: number;
  /** Rows dropped because a run failed (an estimator needs the whole row). */
  readonly failedRows: number;
  readonly cancelled: boolean;
}

export function sobol(
  factors: readonly Factor[],
  model: VectorModel,
  options: SobolOptions = {},
): SobolResult {
  const k = factors.length;
  const N = options.samples ?? 1024;
  const rng = rngFor(options.seed ?? 1, 0x5017);
  const design = latinHypercube(N, 2 * k, rng);
  const values = new Float64Array(k);
  let runs = 0;
  const evalAt = (z: ArrayLike<number>) => {
    for (let i = 0; i < k; i++) values[i] = factorValue(factors[i], z[i]);
    runs++;
    return model(values);
  };
  // rows[j] = { fA, fB, fAB[i] } per output
  const fA: number[][] = [];
  const fB: number[][] = [];
  const fAB: number[][][] = [];
  let cancelled = false;
  const z = new Float64Array(k);
  for (let j = 0; j < N; j++) {
    if (options.shouldStop?.()) {
      cancelled = true;
      break;
    }
    const a = design[j].subarray(0, k);
    const b = design[j].subarray(k);
    const ya = evalAt(a);
    const yb = evalAt(b);
    const yab: number[][] = [];
    for (let i = 0; i < k; i++) {
      z.set(a);
      z[i] = b[i];
      yab.push(evalAt(z));
    }
    fA.push(ya);
    fB.push(yb);
    fAB.push(yab);
    options.onProgress?.(j + 1, N);
  }
  const outputs = fA[0]?.length ?? 0;
  const okRows = fA
    .map((_, j) => [fA[j], fB[j], ...fAB[j]].every((y) => y.every(Number.isFinite)))
    .map((ok, j) => (ok ? j : -1))
    .filter((j) => j >= 0);

  const estimate = (rows: ArrayLike<number>, o: number, i: number): [number, number, number] => {
    const n = rows.length;
    let mean = 0;
    for (let r = 0; r < n; r++) mean += fA[rows[r]][o] + fB[rows[r]][o];
    mean /= 2 * n;
    let v = 0;
    let s1 = 0;
    let st = 0;
    for (let r = 0; r < n; r++) {
      const j = rows[r];
      const a = fA[j][o];
      const b = fB[j][o];
      const ab = fAB[j][i][o];
      v += (a - mean) ** 2 + (b - mean) ** 2;
      s1 += (b - mean) * (ab - a); // centred: same expectation, far less variance for outputs with a large mean
      st += (a - ab) ** 2;
    }
    v /= 2 * n - 1;
    return [s1 / n / v, st / (2 * n) / v, v];
  };

  const nb = options.bootstrap ?? 300;
  const alpha = (1 - (options.level ?? 0.95)) / 2;
  const brng = rngFor(options.seed ?? 1, 0xb005);
  const resamples = Array.from({ length: nb }, () =>
    Int32Array.from(okRows, () => okRows[brng.int(okRows.length)]),
  );
  const variance: number[] = [];
  const indices = Array.from({ length: outputs }, (_, o) =>
    factors.map((f, i) => {
      const [S1, ST, V] = estimate(okRows, o, i);
      if (i === 0) variance.push(V);
      const b1 = new Float64Array(nb);
      const bt = new Float64Array(nb);
      resamples.forEach((rows, b) => {
        const e = estimate(rows, o, i);
        b1[b] = e[0];
        bt[b] = e[1];
      });
      b1.sort();
      bt.sort();
      const ci = (x: Float64Array): [number, number] => [
        percentileSorted(x, 100 * alpha),
        percentileSorted(x, 100 * (1 - alpha)),
      ];
      return { factor: f.id, S1, ST, S1Ci: ci(b1), STCi: ci(bt) };
    }),
  );
  return { outputs, indices, variance, runs, failedRows: fA.length - okRows.length, cancelled };
}
