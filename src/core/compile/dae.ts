/**
 * Differential-algebraic models: algebraic rules (algebraic-rules.ts chooses what each one
 * determines) and fast reactions (fast-reactions.ts) turn the model into M·y' = f of index 1,
 * which the solvers that declare `massMatrix` integrate (docs/solvers.md, "Differential-
 * algebraic systems"). The import of SBML already turns rules linear in one free quantity into
 * assignment rules (exact and cheaper); this is the route for what it cannot solve.
 */
import type { Expr } from "../expr/ast.js";
import { NotDifferentiable } from "../expr/differentiate.js";
import { simplify } from "../expr/simplify.js";
import { type Issue, issue } from "../issues.js";
import type { Network } from "../network/types.js";
import type { OdeSystem } from "../solve/types.js";
import type { AlgebraicVariable } from "./algebraic-rules.js";
import { algebraicMass, fastDaeSystem, fastExpressions } from "./dae-system.js";
import { gradients } from "./derivatives.js";
import { emitDenseJacobian, emitRhs, emitVector } from "./emit.js";
import type { FastSubsystem } from "./fast-reactions.js";
import type { ModelEquations } from "./intermediates.js";
import type { Layout } from "./layout.js";

/** The equations with each algebraic rule as the row of the state it determines (0 = rule). */
export function withAlgebraicRows(
  net: Network,
  layout: Layout,
  eq: ModelEquations,
  variables: readonly AlgebraicVariable[],
): ModelEquations {
  if (variables.length === 0) return eq;
  const derivatives = [...eq.derivatives];
  for (const { rule, variable } of variables)
    derivatives[layout.stateIndex.get(variable)!] = simplify(eq.prim(net.algebraicRules[rule].math));
  return { ...eq, derivatives };
}

/** State rows of the algebraic rules. */
export function algebraicStates(layout: Layout, variables: readonly AlgebraicVariable[]): Set<number> {
  return new Set(variables.map((v) => layout.stateIndex.get(v.variable)!));
}

/**
 * rateOf(x) of a quantity an algebraic rule determines, or of a species a fast reaction changes,
 * would need y' of a DAE, which f does not give: refused rather than computed wrongly.
 */
export function rateOfIssues(net: Network, ids: ReadonlySet<string>): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const visit = (e: Expr, path: string): void => {
    if (e.kind !== "call") return;
    const a = e.args[0];
    if (e.op === "rateOf" && a?.kind === "sym" && ids.has(a.name) && !seen.has(a.name)) {
      seen.add(a.name);
      issues.push(
        issue(
          "unsupported",
          path,
          `rateOf(${a.name}) is not supported: "${a.name}" is set by an algebraic rule or a fast reaction.`,
          { hint: "Use rateOf on a quantity that a rate rule or ordinary reactions change." },
        ),
      );
    }
    for (const x of e.args) visit(x, path);
  };
  net.assignmentRules.forEach((r) => visit(r.math, `assignmentRules (${r.variable})`));
  net.rateRules.forEach((r) => visit(r.math, `rateRules (${r.variable})`));
  net.algebraicRules.forEach((r, k) => visit(r.math, `algebraicRules[${k}]`));
  net.initialAssignments.forEach((r) => visit(r.math, `initialAssignments (${r.symbol})`));
  net.reactions.forEach((r) => visit(r.rate, `reactions (${r.id}).rate`));
  net.events.forEach((ev, k) => {
    visit(ev.trigger, `events[${k}].trigger`);
    ev.assignments.forEach((a) => visit(a.math, `events[${k}] (${a.variable})`));
  });
  return issues;
}

/**
 * The model's system with its mass matrix. `base` is the system generated from `eq` (rows of
 * algebraic rules included), used as it is without fast reactions.
 */
export function daeSystem(
  base: OdeSystem,
  eq: ModelEquations,
  layout: Layout,
  algebraic: ReadonlySet<number>,
  fast: FastSubsystem | null,
): OdeSystem {
  const n = layout.stateIds.length;
  if (!fast) return { ...base, mass: algebraicMass(n, algebraic) };
  const m = fast.species.length;
  const rows: Expr[] = [...eq.derivatives];
  fast.species.forEach((i, a) => (rows[i] = fast.slow[a]));
  rows.push(...fast.fastPart);
  const ext: ModelEquations = { ...eq, derivatives: rows };
  let plan;
  let jacobian;
  if (base.jacobian) {
    try {
      plan = gradients(
        ext,
        layout.stateIds.map((_, j) => `y:${j}`),
      );
      jacobian = emitDenseJacobian(ext, plan, n);
    } catch (err) {
      if (!(err instanceof NotDifferentiable)) throw err;
      plan = undefined;
    }
  }
  const exprs = fastExpressions(fast);
  if (rows.length !== n + m) throw new Error("il6sim internal error: fast rows miscounted");
  const jumpOnly = new Set<number>();
  eq.derivatives.forEach((d, i) => {
    if (layout.stateKinds[i] === "value" && !algebraic.has(i) && d.kind === "num" && d.value === 0)
      jumpOnly.add(i);
  });
  const info = { stateIds: layout.stateIds, timeDependent: base.timeDependent !== false, jumpOnly };
  return fastDaeSystem(info, algebraic, fast, {
    rhs: emitRhs(ext),
    ...(jacobian && plan ? { jacobian, plan } : {}),
    coefficients: emitVector(eq, exprs.coefficients),
    rates: emitVector(eq, exprs.rates),
  });
}
