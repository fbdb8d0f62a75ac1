/**
 * Error weights and norms shared by the steppers. The weighted RMS norm is the one CVODE and
 * OrdinaryDiffEq use: ‖v‖ = sqrt(mean((v_i · w_i)²)), w_i = 1 / (rtol·|y_i| + atol_i).
 */

/** Per-state absolute tolerance as an array (scalar broadcast). */
export function atolVector(n: number, atol: number | Float64Array): Float64Array {
  if (typeof atol === "number") return new Float64Array(n).fill(atol);
  if (atol.length !== n) throw new Error(`atol has ${atol.length} entries but the system has ${n} states`);
  return Float64Array.from(atol);
}

/** w_i = 1 / (rtol·|y_i| + atol_i). */
export function errorWeights(y: Float64Array, rtol: number, atol: Float64Array, w: Float64Array): void {
  for (let i = 0; i < y.length; i++) w[i] = 1 / (rtol * Math.abs(y[i]) + atol[i]);
}

export function wrmsNorm(v: Float64Array, w: Float64Array): number {
  let s = 0;
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const x = v[i] * w[i];
    s += x * x;
  }
  return n === 0 ? 0 : Math.sqrt(s / n); // no states (rules and events only): nothing to control
}

/** Index of the largest |v_i·w_i| (the state that drives an error test), -1 if n = 0. */
export function worstIndex(v: Float64Array, w: Float64Array): number {
  let best = -1;
  let bestVal = -1;
  for (let i = 0; i < v.length; i++) {
    const x = Math.abs(v[i] * w[i]);
    if (!(x <= bestVal)) {
      bestVal = x;
      best = i;
      if (Number.isNaN(x)) return i;
    }
  }
  return best;
}

/** Index of the first non-finite entry, or -1. */
export function firstNonFinite(v: Float64Array): number {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return i;
  return -1;
}

/** Floors for finite-difference increments: the size below which y_j is negligible. */
export function negligibleSizes(rtol: number, atol: Float64Array): Float64Array {
  const out = new Float64Array(atol.length);
  for (let i = 0; i < atol.length; i++) out[i] = atol[i] / Math.max(rtol, 1e-16);
  return out;
}

/**
 * Starting step (Hairer, Nørsett & Wanner, Solving ODEs I, II.4 "Starting step size"):
 * h0 from ‖y0‖/‖f0‖, refined with a difference estimate of y''. Uses two RHS evaluations
 * (f0 given, one more here). `order` is the method's order (1 for BDF's start).
 */
export function initialStep(
  rhs: (t: number, y: Float64Array, dydt: Float64Array) => void,
  t0: number,
  y0: Float64Array,
  f0: Float64Array,
  w: Float64Array,
  order: number,
  span: number,
  y1: Float64Array,
  f1: Float64Array,
): number {
  const n = y0.length;
  const d0 = wrmsNorm(y0, w);
  const d1 = wrmsNorm(f0, w);
  let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
  h0 = Math.min(h0, span);
  for (let i = 0; i < n; i++) y1[i] = y0[i] + h0 * f0[i];
  rhs(t0 + h0, y1, f1);
  for (let i = 0; i < n; i++) y1[i] = f1[i] - f0[i];
  const d2 = wrmsNorm(y1, w) / h0;
  const dmax = Math.max(d1, d2);
  const h1 = dmax <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dmax, 1 / (order + 1));
  let h = Math.min(100 * h0, h1, span);
  if (!Number.isFinite(h) || h <= 0) h = Math.min(1e-6, span);
  return h;
}
