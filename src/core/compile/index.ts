/**
 * Network -> CompiledModel: an OdeSystem (RHS, analytic dense and sparse Jacobians from the
 * symbolic derivatives), the slot layout, initial values, and observers of named quantities.
 */
import { type Expr, dependsOnTime, sym, symbols } from "../expr/ast.js";
import { NotDifferentiable } from "../expr/differentiate.js";
import { type Issue, IssueError, hasErrors, issue, suggestion } from "../issues.js";
import type { Network } from "../network/types.js";
import { validateNetwork } from "../network/validate.js";
import type { OdeSystem } from "../solve/types.js";
import { gradients } from "./derivatives.js";
import {
  emitDenseJacobian,
  emitRhs,
  emitSparseJacobian,
  emitVector,
  sparsityOf,
  type VecFn,
} from "./emit.js";
import { computeInitialValues, type InitialValues } from "./initial.js";
import { buildEquations, type ModelEquations } from "./intermediates.js";
import { buildLayout, type Layout } from "./layout.js";
import {
  type ExpressionGradients,
  type ParameterJacobian,
  expressionGradients,
  parameterJacobian,
} from "./sensitivity.js";

export type { VecFn } from "./emit.js";
export type { InitialValues } from "./initial.js";
export type { Layout, StateKind } from "./layout.js";
export type { ModelEquations } from "./intermediates.js";
export type { ExpressionGradients, ParameterJacobian, SparseColumns } from "./sensitivity.js";

export interface CompiledModel {
  readonly network: Network;
  readonly layout: Layout;
  readonly equations: ModelEquations;
  readonly system: OdeSystem;
  /** Non-fatal findings (e.g. no analytic Jacobian, fast reactions treated as ordinary). */
  readonly warnings: readonly Issue[];
  /** State and parameter vectors at t0, with symbol overrides (by model id) applied first. */
  initial(overrides?: ReadonlyMap<string, number> | Record<string, number>, t0?: number): InitialValues;
  /** out[k] = value of model symbol ids[k] (species as concentration unless amount-only). */
  observer(ids: readonly string[]): VecFn;
  /** out[k] = value of the model expression exprs[k]. */
  expressions(exprs: readonly Expr[]): VecFn;
  /** out[k] = value of exprs[k], already in slot terms (see primitive()). */
  primitiveExpressions(exprs: readonly Expr[]): VecFn;
  /**
   * Rewrite a model expression into slot terms (for callers that generate their own code);
   * `locals` maps extra names to slot-term expressions (they shadow model ids).
   */
  primitive(e: Expr, locals?: ReadonlyMap<string, Expr>): Expr;
  /**
   * ∂f/∂p (symbolic, sparse, column-compressed) for parameter ids (slots of `layout.paramIds`:
   * parameters, constant compartments and species, reaction-local "reaction.param").
   * Throws NotDifferentiable where the analytic Jacobian is unavailable too.
   */
  parameterJacobian(ids: readonly string[]): ParameterJacobian;
  /**
   * Values and gradients of model expressions with respect to every state and the given
   * parameter ids: d e/dθ = ∂e/∂y · dy/dθ + ∂e/∂p · dp/dθ (observable sensitivities).
   */
  expressionGradients(exprs: readonly Expr[], parameterIds: readonly string[]): ExpressionGradients;
}

export type CompileResult =
  { ok: true; model: CompiledModel; issues: Issue[] } | { ok: false; issues: Issue[] };

export interface CompileOptions {
  /** Build the analytic Jacobian (default true). */
  readonly jacobian?: boolean;
}

export function compileNetwork(net: Network, options: CompileOptions = {}): CompileResult {
  const issues = validateNetwork(net);
  if (net.algebraicRules.length > 0) {
    issues.push(
      issue(
        "unsupported",
        "algebraicRules",
        `${net.algebraicRules.length} algebraic rule(s): il6sim has no DAE solver yet.`,
        { hint: "Rewrite each algebraic rule as an assignment rule for one of its variables." },
      ),
    );
  }
  if (hasErrors(issues)) return { ok: false, issues };

  const { layout, issues: layoutIssues } = buildLayout(net);
  const { eq, issues: eqIssues } = buildEquations(net, layout);
  issues.push(...layoutIssues, ...eqIssues);
  const warnings: Issue[] = [];
  for (const r of net.reactions) {
    if (r.fast) {
      warnings.push(
        issue(
          "fast-reaction",
          `reactions (${r.id})`,
          `Reaction "${r.id}" is marked fast; il6sim integrates it as an ordinary reaction.`,
          { hint: "Results match only if it is much faster than everything else.", severity: "warning" },
        ),
      );
    }
  }
  if (hasErrors(issues)) return { ok: false, issues: [...issues, ...warnings] };

  const n = layout.stateIds.length;
  const rhs = emitRhs(eq);
  eq.delays.compile = (e) => emitVector(eq, [e]);
  eq.delays.rhs = rhs;
  const timeDependent =
    eq.derivatives.some(dependsOnTime) || eq.intermediates.some((x) => dependsOnTime(x.expr));
  let jacobian: VecFn | undefined;
  let jacobianSparse: VecFn | undefined;
  let sparsity: OdeSystem["sparsity"];
  if (options.jacobian !== false) {
    try {
      const plan = gradients(
        eq,
        layout.stateIds.map((_, j) => `y:${j}`),
      );
      jacobian = emitDenseJacobian(eq, plan, n);
      sparsity = sparsityOf(plan, n);
      jacobianSparse = emitSparseJacobian(eq, plan, sparsity);
    } catch (err) {
      if (!(err instanceof NotDifferentiable)) throw err;
      warnings.push(
        issue(
          "no-analytic-jacobian",
          "math",
          `No analytic Jacobian (${err.message}); solvers use finite differences.`,
          { severity: "warning" },
        ),
      );
    }
  }
  const system: OdeSystem = {
    size: n,
    stateIds: layout.stateIds,
    rhs,
    timeDependent,
    ...(jacobian ? { jacobian } : {}),
    ...(sparsity && jacobianSparse ? { sparsity, jacobianSparse } : {}),
  };

  const model: CompiledModel = {
    network: net,
    layout,
    equations: eq,
    system,
    warnings,
    initial(overrides = new Map(), t0 = 0) {
      const map = overrides instanceof Map ? overrides : new Map(Object.entries(overrides));
      return computeInitialValues(net, layout, map, t0);
    },
    observer(ids) {
      const exprs = ids.map((id) => sym(id));
      assertKnownSymbols(layout, exprs, "observer");
      return emitVector(
        eq,
        exprs.map((e) => eq.prim(e)),
      );
    },
    expressions(exprs) {
      assertKnownSymbols(layout, exprs, "expression");
      return emitVector(
        eq,
        exprs.map((e) => eq.prim(e)),
      );
    },
    primitiveExpressions(exprs) {
      return emitVector(eq, exprs);
    },
    primitive: (e, locals) => eq.prim(e, locals),
    parameterJacobian(ids) {
      return parameterJacobian(eq, slotsOf(layout, ids));
    },
    expressionGradients(exprs, parameterIds) {
      return expressionGradients(
        eq,
        n,
        exprs.map((e) => eq.prim(e)),
        slotsOf(layout, parameterIds),
      );
    },
  };
  return { ok: true, model, issues: warnings };
}

function slotsOf(layout: Layout, ids: readonly string[]): number[] {
  return ids.map((id) => {
    const s = layout.paramIndex.get(id);
    if (s === undefined)
      throw new Error(
        `"${id}" is not a parameter slot (a parameter, constant compartment or species, or reaction.param) of this model.`,
      );
    return s;
  });
}

/** Expressions from callers name model ids; an unknown id is bad input, reported with a suggestion. */
function assertKnownSymbols(layout: Layout, exprs: readonly Expr[], what: string): void {
  const issues: Issue[] = [];
  exprs.forEach((e, k) => {
    for (const name of symbols(e)) {
      if (!layout.def.has(name)) {
        issues.push(
          issue("unknown-id", `${what}[${k}]`, `Unknown symbol "${name}".`, {
            hint: suggestion(name, [...layout.def.keys()], "symbol"),
          }),
        );
      }
    }
  });
  if (issues.length > 0) throw new IssueError(issues, `unknown ids in ${what}s`);
}
