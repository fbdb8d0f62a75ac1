/**
 * Initial values of a model with algebraic rules: what the rules determine is solved at t0
 * together with everything computed from it (initial assignments, species amounts from
 * concentrations in a compartment whose size a rule determines), as SBML requires of t0. The
 * unknowns are the values of the determined quantities; each trial recomputes all initial
 * values with those as overrides, and the residual is the rules' rows. Newton with difference
 * quotients (a few unknowns). A quantity with no declared value starts from 1. When Newton does
 * not converge the best values found are returned: the integration projects again
 * (solve/dae-init.ts) and reports what it cannot solve.
 */
import type { Network } from "../network/types.js";
import type { VecFn } from "./emit.js";
import { computeInitialValues, type InitialValues } from "./initial.js";
import type { Layout } from "./layout.js";

export interface AlgebraicInitial {
  /** Quantities the rules determine (model ids) and their state rows. */
  readonly ids: readonly string[];
  readonly rows: readonly number[];
  /** The rules' rows (0 = rule), evaluated at (t, y, p). */
  readonly residual: VecFn;
}

const MAX_NEWTON = 50;
/**
 * Rules that look into the past (delay) evaluate the initial values at earlier times, which
 * solve their own rules again: only the outermost solve iterates, nested ones take the guesses.
 */
let depth = 0;

export function algebraicInitialValues(
  net: Network,
  layout: Layout,
  alg: AlgebraicInitial,
  overrides: ReadonlyMap<string, number>,
  t0: number,
): InitialValues {
  const k = alg.ids.length;
  const first = computeInitialValues(net, layout, overrides, t0);
  if (k === 0) return first;
  depth++;
  try {
    return solve(net, layout, alg, overrides, t0, first);
  } finally {
    depth--;
  }
}

function solve(
  net: Network,
  layout: Layout,
  alg: AlgebraicInitial,
  overrides: ReadonlyMap<string, number>,
  t0: number,
  first: InitialValues,
): InitialValues {
  const k = alg.ids.length;
  const u = Float64Array.from(alg.ids, (id) => {
    const v = overrides.get(id) ?? first.symbols.get(id);
    return v !== undefined && Number.isFinite(v) ? v : 1;
  });
  const r = new Float64Array(k);
  const rTry = new Float64Array(k);
  const at = (uu: Float64Array): InitialValues => {
    const o = new Map(overrides);
    alg.ids.forEach((id, i) => o.set(id, uu[i]));
    return computeInitialValues(net, layout, o, t0);
  };
  const residual = (uu: Float64Array, out: Float64Array): number => {
    const init = at(uu);
    alg.residual(t0, init.y0, init.p, out);
    let s = 0;
    for (let i = 0; i < k; i++) s += out[i] * out[i];
    return Number.isFinite(s) ? s : Infinity;
  };
  let norm = depth > 1 ? 0 : residual(u, r);
  const J = new Float64Array(k * k);
  const du = new Float64Array(k);
  const trial = new Float64Array(k);
  for (let it = 0; it < MAX_NEWTON && norm > 0; it++) {
    for (let j = 0; j < k; j++) {
      const h = 1e-7 * Math.max(Math.abs(u[j]), 1e-3);
      trial.set(u);
      trial[j] += h;
      residual(trial, rTry);
      for (let i = 0; i < k; i++) J[i * k + j] = (rTry[i] - r[i]) / h;
    }
    for (let i = 0; i < k; i++) du[i] = -r[i];
    if (!solveDense(k, J, du)) break;
    let lambda = 1;
    let improved = false;
    for (let ls = 0; ls < 30; ls++, lambda *= 0.5) {
      for (let i = 0; i < k; i++) trial[i] = u[i] + lambda * du[i];
      const nt = residual(trial, rTry);
      if (nt < norm) {
        u.set(trial);
        r.set(rTry);
        norm = nt;
        improved = true;
        break;
      }
    }
    if (!improved) break;
    let step = 0;
    for (let i = 0; i < k; i++) step = Math.max(step, Math.abs(lambda * du[i]) / (Math.abs(u[i]) + 1e-12));
    if (step <= 1e-12) break;
  }
  const init = at(u);
  // a value the rules determine is not missing, whatever was declared
  const paths = new Set(alg.ids.map((id) => `initial (${id})`));
  return {
    ...init,
    issues: init.issues.filter((x) => !(x.code === "bad-initial-value" && paths.has(x.path))),
  };
}

/** Gaussian elimination with partial pivoting on a small k×k system; false when singular. */
function solveDense(k: number, A: Float64Array, b: Float64Array): boolean {
  const a = Float64Array.from(A);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let i = c + 1; i < k; i++) if (Math.abs(a[i * k + c]) > Math.abs(a[p * k + c])) p = i;
    if (!(Math.abs(a[p * k + c]) > 0)) return false;
    if (p !== c) {
      for (let j = 0; j < k; j++) [a[c * k + j], a[p * k + j]] = [a[p * k + j], a[c * k + j]];
      [b[c], b[p]] = [b[p], b[c]];
    }
    for (let i = c + 1; i < k; i++) {
      const f = a[i * k + c] / a[c * k + c];
      if (f === 0) continue;
      for (let j = c; j < k; j++) a[i * k + j] -= f * a[c * k + j];
      b[i] -= f * b[c];
    }
  }
  for (let c = k - 1; c >= 0; c--) {
    let s = b[c];
    for (let j = c + 1; j < k; j++) s -= a[c * k + j] * b[j];
    b[c] = s / a[c * k + c];
  }
  return true;
}
