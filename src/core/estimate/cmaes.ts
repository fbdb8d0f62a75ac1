/**
 * CMA-ES, the (μ/μ_w, λ) covariance-matrix adaptation evolution strategy with rank-one and
 * rank-μ updates and cumulative step-size adaptation, as in Hansen, "The CMA Evolution Strategy:
 * A Tutorial" (arXiv:1604.00772), default parameters from there. The search runs in the box
 * scaled to [0, 1]^n; samples outside are reflected back in (and the reflected point is what
 * enters the update). Seeded; failures (non-finite objective) rank last.
 */
import { symmetricEigen } from "./dense.js";
import { type Rng, rngFor } from "./rng.js";

export interface CmaesOptions {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly seed?: number;
  /** Initial step size as a fraction of the box width (default 0.3). */
  readonly sigma0?: number;
  readonly populationSize?: number;
  readonly maxEvaluations?: number;
  /** Stop when the best values of the last iterations differ by less than this. */
  readonly tolFun?: number;
  /** Stop when the search distribution is narrower than this (fraction of the box). */
  readonly tolX?: number;
  readonly shouldStop?: () => boolean;
  readonly onIteration?: (iteration: number, best: number, evaluations: number) => void;
}

export interface CmaesResult {
  readonly u: Float64Array;
  readonly value: number;
  readonly evaluations: number;
  readonly iterations: number;
  readonly status: "converged" | "maxEvaluations" | "cancelled";
  readonly message: string;
}

function reflect(z: number): number {
  // reflect into [0, 1] (period 2)
  let x = z - 2 * Math.floor(z / 2);
  if (x > 1) x = 2 - x;
  return x;
}

export function cmaes(f: (u: Float64Array) => number, u0: Float64Array, o: CmaesOptions): CmaesResult {
  const n = u0.length;
  const rng: Rng = rngFor(o.seed ?? 1, 0xc3a);
  const width = Float64Array.from(o.upper, (h, k) => h - o.lower[k]);
  const toU = (z: Float64Array) => Float64Array.from(z, (x, k) => o.lower[k] + width[k] * x);
  const lam = o.populationSize ?? 4 + Math.floor(3 * Math.log(n));
  const mu = Math.floor(lam / 2);
  const wRaw = Array.from({ length: mu }, (_, i) => Math.log(mu + 0.5) - Math.log(i + 1));
  const wSum = wRaw.reduce((a, b) => a + b, 0);
  const w = wRaw.map((x) => x / wSum);
  const mueff = 1 / w.reduce((s, x) => s + x * x, 0);
  const cc = (4 + mueff / n) / (n + 4 + (2 * mueff) / n);
  const cs = (mueff + 2) / (n + mueff + 5);
  const c1 = 2 / ((n + 1.3) ** 2 + mueff);
  const cmu = Math.min(1 - c1, (2 * (mueff - 2 + 1 / mueff)) / ((n + 2) ** 2 + mueff));
  const damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  const maxEval = o.maxEvaluations ?? 1000 * n * n + 2000;
  const tolFun = o.tolFun ?? 1e-9;
  const tolX = o.tolX ?? 1e-10;

  const mean = Float64Array.from(u0, (x, k) => Math.min(1, Math.max(0, (x - o.lower[k]) / width[k])));
  let sigma = o.sigma0 ?? 0.3;
  const pc = new Float64Array(n);
  const ps = new Float64Array(n);
  let C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) C[i * n + i] = 1;
  let B = Float64Array.from(C);
  let D = new Float64Array(n).fill(1);

  let best = { z: Float64Array.from(mean), value: f(toU(mean)) };
  let evaluations = 1;
  const history: number[] = [];
  let it = 0;
  const done = (status: CmaesResult["status"], message: string): CmaesResult => ({
    u: toU(best.z),
    value: best.value,
    evaluations,
    iterations: it,
    status,
    message,
  });

  while (evaluations < maxEval) {
    if (o.shouldStop?.()) return done("cancelled", "Cancelled.");
    it++;
    const pop: { z: Float64Array; y: Float64Array; value: number }[] = [];
    for (let j = 0; j < lam; j++) {
      const zn = Float64Array.from({ length: n }, () => rng.normal());
      const y = new Float64Array(n);
      for (let a = 0; a < n; a++) {
        let s = 0;
        for (let b = 0; b < n; b++) s += B[a * n + b] * D[b] * zn[b];
        y[a] = s;
      }
      const z = Float64Array.from(y, (yy, a) => reflect(mean[a] + sigma * yy));
      // the reflected point defines the step that enters the update
      for (let a = 0; a < n; a++) y[a] = (z[a] - mean[a]) / sigma;
      const v = f(toU(z));
      evaluations++;
      pop.push({ z, y, value: Number.isFinite(v) ? v : Infinity });
    }
    pop.sort((p, q) => p.value - q.value);
    if (pop[0].value < best.value) best = { z: Float64Array.from(pop[0].z), value: pop[0].value };
    o.onIteration?.(it, best.value, evaluations);

    // recombination
    const yw = new Float64Array(n);
    for (let i = 0; i < mu; i++) for (let a = 0; a < n; a++) yw[a] += w[i] * pop[i].y[a];
    for (let a = 0; a < n; a++) mean[a] += sigma * yw[a];
    // C^{-1/2} yw = B D^{-1} Bᵀ yw
    const tmp = new Float64Array(n);
    for (let b = 0; b < n; b++) {
      let s = 0;
      for (let a = 0; a < n; a++) s += B[a * n + b] * yw[a];
      tmp[b] = s / D[b];
    }
    let psNorm = 0;
    for (let a = 0; a < n; a++) {
      let s = 0;
      for (let b = 0; b < n; b++) s += B[a * n + b] * tmp[b];
      ps[a] = (1 - cs) * ps[a] + Math.sqrt(cs * (2 - cs) * mueff) * s;
      psNorm += ps[a] * ps[a];
    }
    psNorm = Math.sqrt(psNorm);
    const hsig = psNorm / Math.sqrt(1 - (1 - cs) ** (2 * it)) / chiN < 1.4 + 2 / (n + 1) ? 1 : 0;
    for (let a = 0; a < n; a++) pc[a] = (1 - cc) * pc[a] + hsig * Math.sqrt(cc * (2 - cc) * mueff) * yw[a];
    const next = new Float64Array(n * n);
    const c1a = c1 * (1 - (1 - hsig * hsig) * cc * (2 - cc));
    for (let a = 0; a < n; a++)
      for (let b = 0; b <= a; b++) {
        let rmu = 0;
        for (let i = 0; i < mu; i++) rmu += w[i] * pop[i].y[a] * pop[i].y[b];
        const v = (1 - c1a - cmu) * C[a * n + b] + c1 * pc[a] * pc[b] + cmu * rmu;
        next[a * n + b] = v;
        next[b * n + a] = v;
      }
    C = next;
    sigma *= Math.exp((cs / damps) * (psNorm / chiN - 1));
    sigma = Math.min(sigma, 2);
    const eig = symmetricEigen(C, n);
    B = Float64Array.from(eig.vectors);
    D = Float64Array.from(eig.values, (x) => Math.sqrt(Math.max(x, 1e-300)));

    history.push(pop[0].value);
    if (history.length > 10 + Math.ceil((30 * n) / lam)) history.shift();
    const span = Math.max(...history) - Math.min(...history);
    if (history.length >= 10 && Number.isFinite(span) && span < tolFun * Math.max(1, Math.abs(best.value)))
      return done(
        "converged",
        `Best values changed by less than ${tolFun} over ${history.length} iterations.`,
      );
    const spread = sigma * Math.max(...D);
    if (spread < tolX) return done("converged", `Search distribution narrower than ${tolX} of the box.`);
  }
  return done("maxEvaluations", `Stopped after ${evaluations} evaluations.`);
}
