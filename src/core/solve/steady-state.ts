/**
 * Steady states f(y) = 0: damped Newton with a backtracking line search on the scaled residual,
 * then, when Newton cannot (singular Jacobian from conservation laws, no convergence, leaving
 * the positive orthant's basin), forward integration until the residual is small, as AMICI
 * does (Fröhlich et al., PLoS Comput. Biol. 17, 2021). Integration keeps conserved totals,
 * so it finds the steady state in the same conservation class as y0. Never throws for
 * numerical trouble: the result says what happened.
 *
 * A system with a mass matrix (M·y' = f, index 1) has its steady states where f = 0, algebraic
 * rows included: Newton is the same; the integration fallback uses a method that declares
 * `massMatrix` (Rodas5P unless one is given), and keeps M·y's conserved totals as the ODE case does.
 */
import type { OdeSystem, SolverMethod, SolverStats, StatusCode } from "./types.js";
import type { HybridHandler } from "./hybrid.js";
import { integrate } from "./integrate.js";
import { IterationMatrix } from "./linalg/iteration-matrix.js";
import { atolVector, firstNonFinite, negligibleSizes } from "./norms.js";
import { newStats } from "./stepper-common.js";
import { fmt } from "./messages.js";
import { bdf } from "./methods/bdf.js";
import { rodas5p } from "./methods/rodas5p.js";

export interface SteadyStateOptions {
  /** Residual tolerance: converged when |f_i| ≤ rtol·|y_i| + atol_i for all i (per unit time). */
  readonly rtol?: number;
  readonly atol?: number | Float64Array;
  /** Time at which f is evaluated (for non-autonomous systems); default 0. */
  readonly t?: number;
  readonly maxNewtonIterations?: number;
  /** Longest forward integration before giving up (default 1e10 time units). */
  readonly tMax?: number;
  /** Method for the integration fallback (default BDF; Rodas5P for a system with a mass matrix when BDF cannot). */
  readonly method?: SolverMethod;
  /** Skip Newton and integrate (e.g. when several steady states exist and the one reached from y0 is wanted). */
  readonly integrationOnly?: boolean;
}

export interface SteadyStateResult {
  readonly status: "ok" | "notConverged" | Exclude<StatusCode, "ok" | "terminated">;
  readonly y: Float64Array;
  readonly method: "newton" | "integration";
  /** max_i |f_i| / (rtol·|y_i| + atol_i) at y: ≤ 1 means converged. */
  readonly residual: number;
  /** Integration time used (0 for Newton). */
  readonly t: number;
  readonly message: string;
  readonly stats: SolverStats;
}

export function steadyState(
  system: OdeSystem,
  p: Float64Array,
  y0: Float64Array,
  options: SteadyStateOptions = {},
): SteadyStateResult {
  const n = system.size;
  const rtol = options.rtol ?? 1e-8;
  const atol = atolVector(n, options.atol ?? 1e-12);
  const t = options.t ?? 0;
  const stats = newStats();
  const f = new Float64Array(n);
  // the row structure of a DAE (e.g. which fast reactions are on) is fixed where M is read
  if (system.mass) system.mass.values(t, y0, p, new Float64Array(system.mass.pattern.colIndex.length));
  const residual = (y: Float64Array): number => {
    stats.rhsEvals++;
    system.rhs(t, y, p, f);
    let r = 0;
    for (let i = 0; i < n; i++) {
      const v = Math.abs(f[i]) / (rtol * Math.abs(y[i]) + atol[i]);
      if (!(v <= r)) r = v;
    }
    return r;
  };
  const y = Float64Array.from(y0);
  let r = residual(y);
  if (r <= 1)
    return done("ok", "newton", y, r, 0, stats, `Already at a steady state (scaled residual ${fmt(r)}).`);

  if (!options.integrationOnly) {
    const M = new IterationMatrix(system, p, stats);
    const floor = negligibleSizes(rtol, atol);
    const dy = new Float64Array(n);
    const trial = new Float64Array(n);
    const maxIt = options.maxNewtonIterations ?? 50;
    for (let it = 0; it < maxIt && r > 1; it++) {
      M.evaluate(t, y, f, floor);
      if (M.factor(0) >= 0) break; // singular J (conservation laws): integrate instead
      dy.set(f);
      M.solve(dy); // (0·I − J) dy = f  ⇒  dy = −J⁻¹ f, the Newton step
      let lambda = 1;
      let accepted = false;
      for (let k = 0; k < 12; k++, lambda *= 0.5) {
        for (let i = 0; i < n; i++) trial[i] = y[i] + lambda * dy[i];
        const rt = residual(trial);
        if (rt < (1 - 1e-4 * lambda) * r) {
          y.set(trial);
          r = rt;
          accepted = true;
          break;
        }
      }
      if (!accepted) break;
    }
    if (r <= 1)
      return done(
        "ok",
        "newton",
        y,
        r,
        0,
        stats,
        `Newton converged to a steady state (scaled residual ${fmt(r)}).`,
      );
    y.set(y0);
    r = residual(y);
  }

  // Fallback: integrate forward, checking the residual at t = 1e-3, 1e-2, ... (as stops).
  const tMax = options.tMax ?? 1e10;
  let tReached = 0;
  let rLast = r;
  const check: HybridHandler = {
    nRoots: 0,
    nextStop: (tc) => Math.pow(10, Math.floor(Math.log10(Math.max(tc, 1e-4))) + 1),
    handle: (tc, yc) => {
      tReached = tc;
      rLast = residual(yc);
      return { changed: false, terminate: rLast <= 1 };
    },
  };
  const res = integrate(system, p, y0, {
    method: options.method ?? (system.mass && !bdf.massMatrix ? rodas5p : bdf),
    t0: 0,
    tEnd: tMax,
    rtol: rtol * 1e-2,
    atol: Float64Array.from(atol, (a) => a * 1e-2),
    hybrid: check,
    outputTimes: [],
    maxSteps: 1_000_000,
  });
  for (const k of Object.keys(stats) as (keyof SolverStats)[]) stats[k] += res.stats[k];
  const yEnd = res.yFinal;
  if (firstNonFinite(yEnd) >= 0 || res.status === "nonFinite") {
    return done(
      "nonFinite",
      "integration",
      yEnd,
      NaN,
      res.tFinal,
      stats,
      `Integrating towards a steady state failed: ${res.message}`,
    );
  }
  if (res.status === "terminated") {
    return done(
      "ok",
      "integration",
      yEnd,
      rLast,
      tReached,
      stats,
      `Reached a steady state by integrating to t = ${fmt(tReached)} (scaled residual ${fmt(rLast)}).`,
    );
  }
  if (res.status !== "ok")
    return done(
      res.status,
      "integration",
      yEnd,
      residual(yEnd),
      res.tFinal,
      stats,
      `Integrating towards a steady state failed: ${res.message}`,
    );
  const rEnd = residual(yEnd);
  if (rEnd <= 1)
    return done(
      "ok",
      "integration",
      yEnd,
      rEnd,
      tMax,
      stats,
      `Reached a steady state by integrating to t = ${fmt(tMax)}.`,
    );
  let worst = 0;
  for (let i = 0; i < n; i++)
    if (
      Math.abs(f[i]) / (rtol * Math.abs(yEnd[i]) + atol[i]) >
      Math.abs(f[worst]) / (rtol * Math.abs(yEnd[worst]) + atol[worst])
    )
      worst = i;
  return done(
    "notConverged",
    "integration",
    yEnd,
    rEnd,
    tMax,
    stats,
    `No steady state found: after integrating to t = ${fmt(tMax)} the scaled residual is still ${fmt(rEnd)} ` +
      `(state ${system.stateIds[worst] ?? worst} still changes at rate ${fmt(f[worst])}). The system may grow without bound or ` +
      `oscillate; check for a missing degradation of ${system.stateIds[worst] ?? worst}, or loosen rtol/atol.`,
  );
}

function done(
  status: SteadyStateResult["status"],
  method: "newton" | "integration",
  y: Float64Array,
  residual: number,
  t: number,
  stats: SolverStats,
  message: string,
): SteadyStateResult {
  return { status, y: Float64Array.from(y), method, residual, t, message, stats };
}
