/**
 * Morris elementary-effects screening (Morris 1991) with the μ* measure of Campolongo, Cariboni
 * & Saltelli (2007): r one-at-a-time trajectories on a p-level grid in the unit hypercube,
 * step Δ = p / (2(p − 1)); per factor and output: μ (mean effect), μ* (mean |effect|, the
 * importance), σ (spread: non-linearity or interactions), with bootstrap CIs for μ* over
 * trajectories. Effects are per unit of the factor's normalised range.
 */
import { type Rng, permutation, rngFor } from "../estimate/rng.js";
import { percentileSorted } from "../estimate/stats.js";
import { type Factor, factorValue, type VectorModel } from "./design.js";

export interface MorrisOptions {
  readonly trajectories?: number;
  readonly levels?: number;
  readonly seed?: number;
  readonly bootstrap?: number;
  readonly level?: number;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface MorrisIndices {
  readonly factor: string;
  readonly mu: number;
  readonly muStar: number;
  readonly sigma: number;
  readonly muStarCi: readonly [number, number];
}

export interface MorrisResult {
  readonly outputs: number;
  /** indices[o][k] for output o, factor k. */
  readonly indices: MorrisIndices[][];
  readonly runs: number;
  /** Trajectories dropped because a run failed. */
  readonly failedTrajectories: number;
  readonly cancelled: boolean;
}

/** One trajectory: k + 1 points in [0,1]^k, and which factor moved (and by ±Δ) between them. */
export function morrisTrajectory(
  k: number,
  levels: number,
  rng: Rng,
): { points: Float64Array[]; moved: number[]; steps: number[] } {
  const delta = levels / (2 * (levels - 1));
  const x = new Float64Array(k);
  const dir = Array.from({ length: k }, () => (rng.uniform() < 0.5 ? 1 : -1));
  // base levels such that x ± Δ stays on the grid inside [0,1]
  const lowLevels = Math.floor((1 - delta) * (levels - 1) + 1e-9) + 1;
  for (let i = 0; i < k; i++) {
    const v = rng.int(lowLevels) / (levels - 1);
    x[i] = dir[i] > 0 ? v : v + delta;
  }
  const order = permutation(k, rng);
  const points = [Float64Array.from(x)];
  const moved: number[] = [];
  const steps: number[] = [];
  for (const i of order) {
    x[i] += dir[i] * delta;
    points.push(Float64Array.from(x));
    moved.push(i);
    steps.push(dir[i] * delta);
  }
  return { points, moved, steps };
}

export function morris(
  factors: readonly Factor[],
  model: VectorModel,
  options: MorrisOptions = {},
): MorrisResult {
  const k = factors.length;
  const r = options.trajectories ?? 20;
  const levels = options.levels ?? 4;
  const rng = rngFor(options.seed ?? 1, 0x3055);
  const effects: number[][][] = []; // [trajectory][output][factor]
  let outputs = 0;
  let runs = 0;
  let failed = 0;
  let cancelled = false;
  const values = new Float64Array(k);
  const evalAt = (z: Float64Array) => {
    for (let i = 0; i < k; i++) values[i] = factorValue(factors[i], z[i]);
    runs++;
    return model(values);
  };
  for (let t = 0; t < r; t++) {
    if (options.shouldStop?.()) {
      cancelled = true;
      break;
    }
    const traj = morrisTrajectory(k, levels, rng);
    const ys = traj.points.map(evalAt);
    outputs = ys[0].length;
    if (ys.some((y) => y.some((v) => !Number.isFinite(v)))) {
      failed++;
      continue;
    }
    const ee = Array.from({ length: outputs }, () => new Array<number>(k).fill(NaN));
    traj.moved.forEach((i, s) => {
      for (let o = 0; o < outputs; o++) ee[o][i] = (ys[s + 1][o] - ys[s][o]) / traj.steps[s];
    });
    effects.push(ee);
    options.onProgress?.(t + 1, r);
  }
  const nb = options.bootstrap ?? 500;
  const alpha = (1 - (options.level ?? 0.95)) / 2;
  const brng = rngFor(options.seed ?? 1, 0xb007);
  const indices = Array.from({ length: outputs }, (_, o) =>
    factors.map((f, i) => {
      const e = effects.map((tr) => tr[o][i]);
      const n = e.length;
      const mu = e.reduce((s, x) => s + x, 0) / n;
      const muStar = e.reduce((s, x) => s + Math.abs(x), 0) / n;
      const sigma = n > 1 ? Math.sqrt(e.reduce((s, x) => s + (x - mu) ** 2, 0) / (n - 1)) : NaN;
      const boot = new Float64Array(nb);
      for (let b = 0; b < nb; b++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += Math.abs(e[brng.int(n)]);
        boot[b] = s / n;
      }
      boot.sort();
      const ci: [number, number] = [
        percentileSorted(boot, 100 * alpha),
        percentileSorted(boot, 100 * (1 - alpha)),
      ];
      return { factor: f.id, mu, muStar, sigma, muStarCi: ci };
    }),
  );
  return { outputs, indices, runs, failedTrajectories: failed, cancelled };
}
