/**
 * Structural conservation laws: vectors l with lᵀ f(y) ≡ 0 whatever y, read from the
 * stoichiometry. A state takes part when its derivative is Σ_k N_ik v_k, linear in the reaction
 * rates with coefficients that depend on parameters only (species amounts; conversion factors
 * allowed); states with any other derivative (rate rules, explicit time) do not. The laws span
 * the left null space of N over those states (a state that nothing changes is one by itself).
 * Used where J = ∂f/∂y is singular because of them: at a steady state, the totals lᵀy come from
 * the initial values, not from f = 0 (sensitivity-steady.ts).
 */
import { type Expr, dependsOnTime } from "../expr/ast.js";
import { differentiate, NotDifferentiable } from "../expr/differentiate.js";
import { evaluate } from "../expr/evaluate.js";
import type { ModelEquations } from "./intermediates.js";
import { primitivesOf } from "./layout.js";

/** Per state: null (takes no part) or its coefficients by reaction symbol ("v:k"). */
type Rows = (Map<string, Expr> | null)[];

const rowsCache = new WeakMap<ModelEquations, Rows>();
/** Laws of models whose stoichiometry does not depend on parameters (the usual case). */
const lawsCache = new WeakMap<ModelEquations, Float64Array[]>();

function stoichiometricRows(eq: ModelEquations): Rows {
  const hit = rowsCache.get(eq);
  if (hit) return hit;
  const rows: Rows = eq.derivatives.map((e) => {
    if (dependsOnTime(e) || primitivesOf(e, "y").length > 0 || primitivesOf(e, "r").length > 0) return null;
    const coefficients = new Map<string, Expr>();
    try {
      for (const v of primitivesOf(e, "v")) {
        const c = differentiate(e, v);
        if (primitivesOf(c, "v").length > 0 || primitivesOf(c, "y").length > 0) return null; // not linear in the rates
        coefficients.set(v, c);
      }
    } catch (err) {
      if (err instanceof NotDifferentiable) return null;
      throw err;
    }
    return coefficients;
  });
  rowsCache.set(eq, rows);
  return rows;
}

/**
 * A basis of the structural conservation laws at parameters p (each of length n, zero on the
 * states that take no part), by Gauss–Jordan elimination of Nᵀ with partial pivoting.
 */
export function conservationLaws(eq: ModelEquations, n: number, p: Float64Array): Float64Array[] {
  const hit = lawsCache.get(eq);
  if (hit) return hit;
  const rows = stoichiometricRows(eq);
  // the laws depend on p only through the rows that read it (conversion factors, constant sources)
  const constant = rows.every((r, i) => !r || primitivesOf(eq.derivatives[i], "p").length === 0);
  const env = (vZero: boolean) => ({
    value: (name: string) =>
      name.startsWith("p:") ? p[Number(name.slice(2))] : vZero && name.startsWith("v:") ? 0 : NaN,
  });
  const members: number[] = [];
  const reactions = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!r) return;
    // a constant source (f = c(p) ≠ 0 with all rates 0) is not stoichiometric
    if (evaluate(eq.derivatives[i], env(true)) !== 0) return;
    members.push(i);
    for (const v of r.keys()) if (!reactions.has(v)) reactions.set(v, reactions.size);
  });
  const ns = members.length;
  const R = reactions.size;
  // M = Nᵀ: R × ns
  const M = new Float64Array(R * ns);
  members.forEach((i, col) => {
    for (const [v, c] of rows[i]!) M[reactions.get(v)! * ns + col] = evaluate(c, env(false));
  });
  let scale = 0;
  for (const x of M) scale = Math.max(scale, Math.abs(x));
  const tol = 1e-10 * (scale || 1);
  const pivotCol: number[] = [];
  let r = 0;
  for (let col = 0; col < ns && r < R; col++) {
    let best = r;
    for (let i = r + 1; i < R; i++) if (Math.abs(M[i * ns + col]) > Math.abs(M[best * ns + col])) best = i;
    if (Math.abs(M[best * ns + col]) <= tol) continue;
    if (best !== r)
      for (let j = 0; j < ns; j++) {
        const t = M[r * ns + j];
        M[r * ns + j] = M[best * ns + j];
        M[best * ns + j] = t;
      }
    const d = M[r * ns + col];
    for (let j = 0; j < ns; j++) M[r * ns + j] /= d;
    for (let i = 0; i < R; i++) {
      if (i === r) continue;
      const f = M[i * ns + col];
      if (f === 0) continue;
      for (let j = 0; j < ns; j++) M[i * ns + j] -= f * M[r * ns + j];
    }
    pivotCol.push(col);
    r++;
  }
  const isPivot = new Set(pivotCol);
  const laws: Float64Array[] = [];
  for (let free = 0; free < ns; free++) {
    if (isPivot.has(free)) continue;
    const l = new Float64Array(n);
    l[members[free]] = 1;
    pivotCol.forEach((col, row) => {
      const x = -M[row * ns + free];
      if (Math.abs(x) > tol) l[members[col]] = x;
    });
    laws.push(l);
  }
  if (constant) lawsCache.set(eq, laws);
  return laws;
}
