/**
 * A model's equations restricted to some of its states, with the others and some parameters
 * held at exactly zero (the dormant states of a run, see simulate/dormant.ts): zeros substituted,
 * what vanishes dropped (simplify folds x·0), the remaining states renumbered 0..m−1, and the
 * right-hand side and sparse Jacobian generated for that smaller system. Semantics are those of
 * the full model with the zeros in place, except that a literal 0·x is 0 even where x would be
 * infinite (as in simplify).
 */
import { type Expr, call, num, sym } from "../expr/ast.js";
import { simplify } from "../expr/simplify.js";
import type { SparsityPattern } from "../solve/types.js";
import { NotDifferentiable } from "../expr/differentiate.js";
import { gradients } from "./derivatives.js";
import { emitRhs, emitSparseJacobian, sparsityOf, type VecFn } from "./emit.js";
import type { Intermediate, ModelEquations } from "./intermediates.js";

export interface RestrictedSystem {
  readonly rhs: VecFn;
  /** Absent when some operator has no derivative rule. */
  readonly sparsity?: SparsityPattern;
  readonly jacobianSparse?: VecFn;
}

/**
 * The generated right-hand side and sparse Jacobian of restricted equations (from
 * restrictedModelEquations) over their m states.
 */
export function restrictedSystem(restricted: ModelEquations, m: number): RestrictedSystem {
  const rhs = emitRhs(restricted);
  try {
    const plan = gradients(
      restricted,
      Array.from({ length: m }, (_, k) => `y:${k}`),
    );
    const sparsity = sparsityOf(plan, m);
    return { rhs, sparsity, jacobianSparse: emitSparseJacobian(restricted, plan, sparsity) };
  } catch (err) {
    if (!(err instanceof NotDifferentiable)) throw err;
    return { rhs };
  }
}

/**
 * The equations of the states `active` (ascending indices of the full model, renumbered
 * 0..m−1), with the states `zeroStates` and the parameter slots `zeroParams` at zero. Delay
 * tables are not supported (callers leave delay models alone).
 */
export function restrictedModelEquations(
  eq: ModelEquations,
  active: Int32Array,
  zeroStates: Int32Array,
  zeroParams: Int32Array,
): ModelEquations {
  const zero = new Set<string>([
    ...Array.from(zeroStates, (i) => `y:${i}`),
    ...Array.from(zeroParams, (s) => `p:${s}`),
  ]);
  const renamed = new Map<string, string>();
  active.forEach((i, k) => renamed.set(`y:${i}`, `y:${k}`));
  const substitute = (e: Expr): Expr => {
    if (e.kind === "sym") {
      if (zero.has(e.name)) return num(0);
      const r = renamed.get(e.name);
      return r ? sym(r) : e;
    }
    if (e.kind !== "call") return e;
    return call(e.op, ...e.args.map(substitute));
  };
  const intermediates: Intermediate[] = [];
  for (const x of eq.intermediates) {
    const e = simplify(substitute(x.expr));
    if (e.kind === "num" && e.value === 0) zero.add(x.name);
    else intermediates.push({ name: x.name, expr: e });
  }
  const derivatives = Array.from(active, (i) => simplify(substitute(eq.derivatives[i])));
  return { intermediates, derivatives, prim: eq.prim, delays: eq.delays };
}
