/**
 * Levenberg–Marquardt for bounded least squares min ½‖r(u)‖², l ≤ u ≤ h, on the optimiser's
 * (transformed) scale: Marquardt scaling (λ·diag(JᵀJ)), Nielsen's damping update
 * (Nielsen 1999; Madsen, Nielsen & Tingleff 2004), and bounds by projection with an active set
 * (variables at a bound whose gradient pushes outward are held), the projected LM of
 * Kanzow, Yamashita & Fukushima (J. Comput. Appl. Math. 172, 2004). Converges on the projected
 * gradient, the relative change of the cost, or the step size.
 */
import { cholesky, choleskySolve } from "./dense.js";

export interface ResidualFunction {
  (u: Float64Array, withJacobian: boolean): { ok: boolean; r: Float64Array; J?: Float64Array };
}

export type LocalStatus = "converged" | "maxIterations" | "failed" | "cancelled";

export interface LocalResult {
  readonly u: Float64Array;
  /** ½‖r‖² at u. */
  readonly cost: number;
  readonly status: LocalStatus;
  readonly message: string;
  readonly iterations: number;
  /** Residual evaluations (with or without Jacobian). */
  readonly evaluations: number;
  /** Jᵀr at u (gradient of the cost). */
  readonly gradient: Float64Array;
  /** JᵀJ at u (Gauss–Newton Hessian of the cost), row-major. */
  readonly hessian: Float64Array;
}

export interface LmOptions {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly maxIterations?: number;
  /** Projected-gradient tolerance (∞-norm). */
  readonly gtol?: number;
  /** Relative cost-change tolerance. */
  readonly ftol?: number;
  /** Relative step tolerance. */
  readonly xtol?: number;
  /** Indices held at their start value (profile likelihood). */
  readonly fixed?: ReadonlySet<number>;
  readonly shouldStop?: () => boolean;
  readonly onIteration?: (it: number, cost: number, u: Float64Array) => void;
}

export function levenbergMarquardt(f: ResidualFunction, u0: Float64Array, o: LmOptions): LocalResult {
  const np = u0.length;
  const maxIt = o.maxIterations ?? 200;
  const gtol = o.gtol ?? 1e-6;
  const ftol = o.ftol ?? 1e-10;
  const xtol = o.xtol ?? 1e-10;
  const u = Float64Array.from(u0, (x, k) => Math.min(o.upper[k], Math.max(o.lower[k], x)));
  let evaluations = 1;
  let cur = f(u, true);
  const g = new Float64Array(np);
  const A = new Float64Array(np * np);
  const costOf = (r: Float64Array) => 0.5 * r.reduce((s, x) => s + x * x, 0);
  const normal = (r: Float64Array, J: Float64Array) => {
    const nr = r.length;
    g.fill(0);
    A.fill(0);
    for (let i = 0; i < nr; i++) {
      const row = i * np;
      for (let a = 0; a < np; a++) {
        const ja = J[row + a];
        if (ja === 0) continue;
        g[a] += ja * r[i];
        for (let b = 0; b <= a; b++) A[a * np + b] += ja * J[row + b];
      }
    }
    for (let a = 0; a < np; a++) for (let b = 0; b < a; b++) A[b * np + a] = A[a * np + b];
  };
  const result = (status: LocalStatus, message: string, it: number, cost: number): LocalResult => ({
    u: Float64Array.from(u),
    cost,
    status,
    message,
    iterations: it,
    evaluations,
    gradient: Float64Array.from(g),
    hessian: Float64Array.from(A),
  });
  if (!cur.ok || !cur.J || !cur.r.every(Number.isFinite) || !cur.J.every(Number.isFinite))
    return result("failed", "The model could not be evaluated at the start point.", 0, Infinity);
  let cost = costOf(cur.r);
  normal(cur.r, cur.J);
  let lambda = -1;
  let nu = 2;
  const held = new Uint8Array(np);
  const M = new Float64Array(np * np);
  const rhs = new Float64Array(np);
  const trial = new Float64Array(np);

  for (let it = 1; it <= maxIt; it++) {
    if (o.shouldStop?.()) return result("cancelled", "Cancelled.", it - 1, cost);
    // active set and projected gradient
    let pg = 0;
    for (let k = 0; k < np; k++) {
      const atLow = u[k] <= o.lower[k] && g[k] > 0;
      const atHigh = u[k] >= o.upper[k] && g[k] < 0;
      held[k] = o.fixed?.has(k) || atLow || atHigh ? 1 : 0;
      if (!held[k]) pg = Math.max(pg, Math.abs(g[k]));
    }
    if (pg <= gtol)
      return result("converged", `Projected gradient ${pg.toExponential(2)} ≤ ${gtol}.`, it - 1, cost);
    if (lambda < 0) {
      let dmax = 0;
      for (let k = 0; k < np; k++) if (!held[k]) dmax = Math.max(dmax, A[k * np + k]);
      lambda = 1e-3 * (dmax || 1);
    }
    // (A + λ D) δ = −g on the free set
    let ok = false;
    const free = [...Array(np).keys()].filter((k) => !held[k]);
    const nf = free.length;
    while (!ok) {
      for (let a = 0; a < nf; a++) {
        for (let b = 0; b < nf; b++) M[a * nf + b] = A[free[a] * np + free[b]];
        const d = A[free[a] * np + free[a]];
        M[a * nf + a] += lambda * Math.max(d, 1e-12);
        rhs[a] = -g[free[a]];
      }
      ok = cholesky(M, nf);
      if (!ok) {
        lambda *= 10;
        if (lambda > 1e20) return result("failed", "The damped normal equations stayed singular.", it, cost);
      }
    }
    choleskySolve(M, nf, rhs);
    trial.set(u);
    for (let a = 0; a < nf; a++) {
      const k = free[a];
      trial[k] = Math.min(o.upper[k], Math.max(o.lower[k], u[k] + rhs[a]));
    }
    // predicted reduction of the quadratic model for the projected step
    let pred = 0;
    let stepNorm = 0;
    let uNorm = 0;
    for (let a = 0; a < np; a++) {
      const da = trial[a] - u[a];
      stepNorm += da * da;
      uNorm += u[a] * u[a];
      let Ad = 0;
      for (let b = 0; b < np; b++) Ad += A[a * np + b] * (trial[b] - u[b]);
      pred -= g[a] * da + 0.5 * da * Ad;
    }
    if (Math.sqrt(stepNorm) <= xtol * (1 + Math.sqrt(uNorm)))
      return result("converged", "Step below the step tolerance.", it, cost);
    const next = f(trial, false);
    evaluations++;
    const newCost = next.ok && next.r.every(Number.isFinite) ? costOf(next.r) : Infinity;
    const rho = pred > 0 ? (cost - newCost) / pred : -1;
    if (rho > 0 && newCost < cost) {
      const drop = cost - newCost;
      u.set(trial);
      cur = f(u, true);
      evaluations++;
      if (!cur.ok || !cur.J || !cur.J.every(Number.isFinite))
        return result("failed", "The Jacobian could not be evaluated.", it, newCost);
      cost = newCost;
      normal(cur.r, cur.J);
      lambda *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
      nu = 2;
      o.onIteration?.(it, cost, u);
      if (drop <= ftol * Math.max(1, cost))
        return result("converged", "Relative cost change below tolerance.", it, cost);
    } else {
      lambda *= nu;
      nu *= 2;
      if (lambda > 1e16)
        return result("converged", "No further decrease possible (damping saturated).", it, cost);
    }
  }
  return result("maxIterations", `Stopped after ${maxIt} iterations.`, maxIt, cost);
}
