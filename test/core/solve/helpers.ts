/** Small systems with known solutions, shared by the solver tests. */
import type { OdeSystem } from "../../../src/core/solve/types.js";
import { bdf, integrate, rodas5p, tsit5 } from "../../../src/core/solve/index.js";
import type { SolverMethod } from "../../../src/core/solve/index.js";

export const METHODS = [rodas5p, bdf, tsit5] as const;
export const NO_P = new Float64Array(0);

/** y' = −k y (k = p[0]). */
export const decay: OdeSystem = {
  size: 1,
  stateIds: ["drug"],
  timeDependent: false,
  rhs: (_t, y, p, f) => {
    f[0] = -p[0] * y[0];
  },
  jacobian: (_t, _y, p, J) => {
    J[0] = -p[0];
  },
};

/** y' = A y with A = [[−a, −w], [w, −a]]: a damped rotation, exact solution below. */
export const rotation = (a: number, w: number): OdeSystem => ({
  size: 2,
  stateIds: ["u", "v"],
  timeDependent: false,
  rhs: (_t, y, _p, f) => {
    f[0] = -a * y[0] - w * y[1];
    f[1] = w * y[0] - a * y[1];
  },
  jacobian: (_t, _y, _p, J) => {
    J[0] = -a;
    J[1] = -w;
    J[2] = w;
    J[3] = -a;
  },
});

export function rotationExact(a: number, w: number, y0: readonly number[], t: number): [number, number] {
  const e = Math.exp(-a * t);
  const c = Math.cos(w * t);
  const s = Math.sin(w * t);
  return [e * (c * y0[0] - s * y0[1]), e * (s * y0[0] + c * y0[1])];
}

/** A + B ⇌ C with kon = p[0], koff = p[1]; states A, B, C. No Jacobian: finite differences. */
export const binding: OdeSystem = {
  size: 3,
  stateIds: ["A", "B", "C"],
  timeDependent: false,
  rhs: (_t, y, p, f) => {
    const v = p[0] * y[0] * y[1] - p[1] * y[2];
    f[0] = -v;
    f[1] = -v;
    f[2] = v;
  },
};

/** C(t) of A + B ⇌ C from C(0) = 0: x = x₋x₊(1 − E)/(x₊ − x₋E), E = exp(−kon(x₊ − x₋)t). */
export function bindingExact(kon: number, koff: number, A0: number, B0: number, t: number): number {
  const b = kon * (A0 + B0) + koff;
  const disc = Math.sqrt(b * b - 4 * kon * kon * A0 * B0);
  const xp = (b + disc) / (2 * kon);
  const xm = (b - disc) / (2 * kon);
  const E = Math.exp(-kon * (xp - xm) * t);
  return (xm * xp * (1 - E)) / (xp - xm * E);
}

/** y' = y (for event timing: y = e at t = 1). */
export const growth: OdeSystem = {
  size: 1,
  stateIds: ["cells"],
  timeDependent: false,
  rhs: (_t, y, _p, f) => {
    f[0] = y[0];
  },
  jacobian: (_t, _y, _p, J) => {
    J[0] = 1;
  },
};

/** Least-squares slope of log(err) against log(x). */
export function logLogSlope(x: readonly number[], err: readonly number[]): number {
  const lx = x.map(Math.log);
  const ly = err.map(Math.log);
  const mx = lx.reduce((s, v) => s + v, 0) / lx.length;
  const my = ly.reduce((s, v) => s + v, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

/** Global error at T = 2 on the damped rotation (a = 0.3, w = 2) with constant steps h (h0 = hmax = h, tolerances too loose to reject). */
export function fixedStepError(method: SolverMethod, h: number): number {
  const a = 0.3,
    w = 2,
    y0 = [1, 0.5],
    T = 2;
  const r = integrate(rotation(a, w), NO_P, Float64Array.from(y0), {
    method,
    t0: 0,
    tEnd: T,
    rtol: 1e6,
    atol: 1e6,
    h0: h,
    hmax: h,
    outputTimes: [T],
  });
  if (r.status !== "ok" || r.stats.steps < Math.round(T / h))
    throw new Error(`fixed-step run failed: ${r.message}`);
  const ex = rotationExact(a, w, y0, T);
  return Math.max(Math.abs(r.yFinal[0] - ex[0]), Math.abs(r.yFinal[1] - ex[1]));
}
