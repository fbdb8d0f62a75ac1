/**
 * Symbolic first derivatives of the state derivatives with respect to primitives (states for
 * the Jacobian, parameters for forward sensitivities), by the chain rule through the
 * intermediates: each intermediate m gets a sparse gradient G_m, written in terms of the
 * gradients of the intermediates it uses ("d:m:j" symbols), so nothing is inlined twice.
 */
import { call, type Expr, sym } from "../expr/ast.js";
import { differentiate } from "../expr/differentiate.js";
import { simplify } from "../expr/simplify.js";
import type { ModelEquations } from "./intermediates.js";
import { primitivesOf } from "./layout.js";

export interface GradientPlan {
  /** Per intermediate (same order as eq.intermediates): independent index -> derivative expr. */
  readonly intermediateGrads: Map<number, Expr>[];
  /** Per row (state derivative): independent index -> derivative expr. */
  readonly rowGrads: Map<number, Expr>[];
}

/** Name of the symbol holding d(intermediate m)/d(independent j). */
export const gradSymbol = (m: number, j: number): string => `d:${m}:${j}`;

/**
 * @param independents primitive names to differentiate by, e.g. ["y:0", "y:1", ...].
 * Throws NotDifferentiable if some operator has no rule (callers fall back to differences).
 */
export function gradients(
  eq: ModelEquations,
  independents: readonly string[],
  rows: readonly Expr[] = eq.derivatives,
): GradientPlan {
  const indexOfIndependent = new Map(independents.map((n, j) => [n, j]));
  const indexOfIntermediate = new Map(eq.intermediates.map((x, m) => [x.name, m]));
  const intermediateGrads: Map<number, Expr>[] = [];

  const gradOf = (e: Expr): Map<number, Expr> => {
    const g = new Map<number, Expr>();
    const addTerm = (j: number, term: Expr) => {
      const prev = g.get(j);
      g.set(j, prev ? call("+", prev, term) : term);
    };
    for (const name of [...primitivesOf(e, "y"), ...primitivesOf(e, "p")]) {
      const j = indexOfIndependent.get(name);
      if (j === undefined) continue;
      const dj = differentiate(e, name);
      if (!(dj.kind === "num" && dj.value === 0)) addTerm(j, dj);
    }
    for (const name of [...primitivesOf(e, "r"), ...primitivesOf(e, "v")]) {
      const m = indexOfIntermediate.get(name);
      if (m === undefined) continue;
      const gm = intermediateGrads[m];
      if (!gm || gm.size === 0) continue;
      const outer = differentiate(e, name);
      if (outer.kind === "num" && outer.value === 0) continue;
      for (const j of gm.keys()) addTerm(j, call("*", outer, sym(gradSymbol(m, j))));
    }
    for (const [j, x] of g) {
      const s = simplify(x);
      if (s.kind === "num" && s.value === 0) g.delete(j);
      else g.set(j, s);
    }
    return g;
  };

  eq.intermediates.forEach((x, m) => {
    intermediateGrads[m] = gradOf(x.expr);
  });
  const rowGrads = rows.map(gradOf);
  return { intermediateGrads, rowGrads };
}
