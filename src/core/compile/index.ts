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
import type { InitialValues } from "./initial.js";
import { algebraicInitialValues } from "./algebraic-initial.js";
import { chooseAlgebraicVariables } from "./algebraic-rules.js";
import { algebraicStates, daeSystem, rateOfIssues, withAlgebraicRows } from "./dae.js";
import { fastSubsystem } from "./fast-reactions.js";
import { buildEquations, type ModelEquations } from "./intermediates.js";
import { buildLayout, type Layout } from "./layout.js";
import {
  type ExpressionGradients,
  type ParameterJacobian,
  expressionGradients,
  parameterJacobian,
} from "./sensitivity.js";

/** Observers kept per compiled model (the oldest goes first). */
const OBSERVERS_MAX = 256;

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
  /** Non-fatal findings (e.g. no analytic Jacobian). */
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
  // algebraic rules and fast reactions make a DAE (dae.ts); a value a rule determines is not missing
  const algebraic = chooseAlgebraicVariables(net);
  const determined = new Set(algebraic.variables.map((v) => v.variable));
  const issues = validateNetwork(net).filter((i) => !determinedValue(i, determined));
  issues.push(...algebraic.issues);
  if (hasErrors(issues)) return { ok: false, issues };

  const { layout, issues: layoutIssues } = buildLayout(
    net,
    new Set(algebraic.variables.map((v) => v.variable)),
  );
  const { eq: odeEq, issues: eqIssues } = buildEquations(net, layout);
  const eq = withAlgebraicRows(net, layout, odeEq, algebraic.variables);
  const fast = fastSubsystem(net, layout, eq);
  const algebraicRows = algebraicStates(layout, algebraic.variables);
  const daeIds = new Set([
    ...algebraic.variables.map((v) => v.variable),
    ...(fast.fast?.species.map((i) => layout.stateIds[i]) ?? []),
  ]);
  issues.push(...layoutIssues, ...eqIssues, ...fast.issues, ...rateOfIssues(net, daeIds));
  const warnings: Issue[] = [];
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
  const odeSystem: OdeSystem = {
    size: n,
    stateIds: layout.stateIds,
    rhs,
    timeDependent,
    ...(jacobian ? { jacobian } : {}),
    ...(sparsity && jacobianSparse ? { sparsity, jacobianSparse } : {}),
  };
  const system =
    algebraicRows.size > 0 || fast.fast
      ? daeSystem(odeSystem, eq, layout, algebraicRows, fast.fast)
      : odeSystem;

  const algebraicIds = algebraic.variables.map((v) => v.variable);
  const algebraicInitial = {
    ids: algebraicIds,
    rows: algebraicIds.map((id) => layout.stateIndex.get(id)!),
    residual:
      algebraicIds.length > 0
        ? emitVector(
            eq,
            algebraicIds.map((id) => eq.derivatives[layout.stateIndex.get(id)!]),
          )
        : () => {},
  };
  const observers = new Map<string, VecFn>();
  const model: CompiledModel = {
    network: net,
    layout,
    equations: eq,
    system,
    warnings,
    initial(overrides = new Map(), t0 = 0) {
      const map = overrides instanceof Map ? overrides : new Map(Object.entries(overrides));
      return algebraicInitialValues(net, layout, algebraicInitial, map, t0);
    },
    observer(ids) {
      // one generated function per list of ids: results of repeated runs (fits call this for
      // every gradient) ask for the same lists, and generating one cost ~40 µs
      const key = ids.join("\u0000");
      const hit = observers.get(key);
      if (hit) return hit;
      const exprs = ids.map((id) => sym(id));
      assertKnownSymbols(layout, exprs, "observer");
      const f = emitVector(
        eq,
        exprs.map((e) => eq.prim(e)),
      );
      if (observers.size >= OBSERVERS_MAX) observers.delete(observers.keys().next().value!);
      observers.set(key, f);
      return f;
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

/** validateNetwork's "no value" issues of a quantity an algebraic rule determines. */
function determinedValue(i: Issue, determined: ReadonlySet<string>): boolean {
  const m = /^(?:compartments|species|parameters)\[\d+\] \((.+)\)$/.exec(i.path);
  if (!m || !determined.has(m[1])) return false;
  return (
    i.code === "missing-value" ||
    (i.code === "bad-value" && /^Compartment size \S+ is not a finite/.test(i.message))
  );
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
