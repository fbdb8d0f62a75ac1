/**
 * Symbolic derivatives for forward sensitivities, emitted as straight-line functions like the
 * Jacobian (see emit.ts):
 * - ∂f/∂p for chosen parameter slots, column-compressed (entries of parameter s together);
 * - the fused "sensitivity terms" f, J (in the system's sparsity order) and ∂f/∂p in one call,
 *   so that the rates and their gradients are computed once per evaluation;
 * - gradients ∂e/∂y and ∂e/∂p of arbitrary expressions (observables: d e/dθ = ∂e/∂y·S + ∂e/∂p·Sp).
 * All come from one `gradients()` plan over states and parameters (chain rule through the
 * intermediates), so ∂f/∂p is exact wherever the Jacobian is.
 */
import { type Expr, call, exprKey, num } from "../expr/ast.js";
import { CodeBuilder } from "../expr/codegen.js";
import type { SparsityPattern } from "../solve/types.js";
import { type GradientPlan, gradients } from "./derivatives.js";
import { modelFunctionFromLines, scopeFor, type VecFn } from "./emit.js";
import type { ModelEquations } from "./intermediates.js";

/** A sparse derivative table: entry q is d row[q] / d independent col[q], grouped by column. */
export interface SparseColumns {
  /** Entries of column j: colStart[j] .. colStart[j+1]-1. */
  readonly colStart: Int32Array;
  /** Row of each entry. */
  readonly rowIndex: Int32Array;
}

/** ∂f/∂p for a list of parameter slots: out[q] is the value of entry q (column = slot position). */
export interface ParameterJacobian extends SparseColumns {
  /** Parameter slots (indices into p), one per column. */
  readonly slots: Int32Array;
  readonly values: VecFn;
}

/** f, J values (in `pattern` order) and ∂f/∂p values (in `columns` order), in one call. */
export type SensitivityTermsFn = (
  t: number,
  y: Float64Array,
  p: Float64Array,
  f: Float64Array,
  jac: Float64Array,
  dfdp: Float64Array,
) => void;

export interface SensitivityTerms {
  readonly slots: Int32Array;
  readonly columns: SparseColumns;
  readonly evaluate: SensitivityTermsFn;
}

/** Gradients of expressions: ∂e/∂y (columns = states) and ∂e/∂p (columns = slots' positions). */
export interface ExpressionGradients {
  readonly slots: Int32Array;
  /** Rows are expressions. */
  readonly dy: SparseColumns;
  readonly dp: SparseColumns;
  /** out[k] = e_k, dyValues[q], dpValues[q] in the order of dy and dp. */
  readonly evaluate: (
    t: number,
    y: Float64Array,
    p: Float64Array,
    out: Float64Array,
    dyValues: Float64Array,
    dpValues: Float64Array,
  ) => void;
}

const yName = (i: number) => `y:${i}`;
const pName = (s: number) => `p:${s}`;

interface Table {
  readonly name: string;
  /** (row, independent index in the plan) per entry, in output order. */
  readonly entries: readonly (readonly [number, number])[];
}

/**
 * One function `(t, y, p, [f,] ...tables)`: intermediates once, only the gradient temporaries
 * the entries need, then f (when `rhsRows` is given) and every table entry.
 */
function emitTables<F>(
  eq: ModelEquations,
  plan: GradientPlan,
  rows: readonly Expr[] | null,
  tables: Table[],
): F {
  const b = new CodeBuilder(scopeFor(eq));
  const wanted: Expr[] = [];
  for (const tab of tables) {
    for (const [r, j] of tab.entries) {
      const e = plan.rowGrads[r].get(j);
      if (e) wanted.push(e);
    }
  }
  // gradient temporaries d:m:j reachable from the wanted entries
  const need = new Set<string>();
  const visit = (e: Expr): void => {
    if (e.kind === "sym" && e.name.startsWith("d:") && !need.has(e.name)) {
      need.add(e.name);
      const [, m, j] = e.name.split(":").map(Number);
      const g = plan.intermediateGrads[m]?.get(j);
      if (g) visit(g);
    } else if (e.kind === "call") for (const a of e.args) visit(a);
  };
  wanted.forEach(visit);
  const temps: [number, number, Expr][] = [];
  plan.intermediateGrads.forEach((g, m) => {
    for (const [j, e] of g) if (need.has(`d:${m}:${j}`)) temps.push([m, j, e]);
  });
  for (const x of eq.intermediates) b.count(x.expr);
  for (const [, , e] of temps) b.count(e);
  for (const e of wanted) b.count(e);
  if (rows) for (const e of rows) b.count(e);
  eq.intermediates.forEach((x, m) => b.lines.push(`const i${m} = ${b.emit(x.expr)};`));
  // intermediates are in evaluation order and a temp only uses earlier ones: emit in plan order
  for (const [m, j, e] of temps) b.lines.push(`const g${m}_${j} = ${b.emit(e)};`);
  if (rows) rows.forEach((e, i) => b.lines.push(`f[${i}] = ${b.emit(e)};`));
  for (const tab of tables) {
    tab.entries.forEach(([r, j], q) => {
      const e = plan.rowGrads[r].get(j);
      b.lines.push(`${tab.name}[${q}] = ${e ? b.emit(e) : "0"};`);
    });
  }
  const args = ["t", "y", "p", ...(rows ? ["f"] : []), ...tables.map((x) => x.name)];
  return modelFunctionFromLines<F>(eq, args, b.lines);
}

/**
 * b^e·ln(b) → 0 at b = 0 (its limit for e > 0): the derivative of b^e by the exponent, e.g. a Hill
 * coefficient, is otherwise 0·(−∞) = NaN whenever the base (a concentration) is zero. In every
 * product holding both b^e and ln(b), ln(b) becomes piecewise(0, b == 0, ln(b)).
 */
function guardPowerLogs(e: Expr): Expr {
  if (e.kind !== "call") return e;
  const args = e.args.map(guardPowerLogs);
  if (e.op === "*") {
    const bases = new Set(
      args.flatMap((a) => (a.kind === "call" && a.op === "^" ? [exprKey(a.args[0])] : [])),
    );
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.kind === "call" && a.op === "ln" && bases.has(exprKey(a.args[0])))
        args[i] = call("piecewise", num(0), call("eq", a.args[0], num(0)), a);
    }
  }
  return { kind: "call", op: e.op, args };
}

function guardPlan(plan: GradientPlan): GradientPlan {
  for (const g of [...plan.intermediateGrads, ...plan.rowGrads])
    for (const [j, e] of g) g.set(j, guardPowerLogs(e));
  return plan;
}

/** Entries (row, plan index) of the independents first..first+count-1, grouped by column. */
function columnsOf(
  plan: GradientPlan,
  first: number,
  count: number,
): { columns: SparseColumns; entries: [number, number][] } {
  const colStart = new Int32Array(count + 1);
  const rows: number[] = [];
  const entries: [number, number][] = [];
  for (let c = 0; c < count; c++) {
    plan.rowGrads.forEach((g, r) => {
      if (g.has(first + c)) {
        rows.push(r);
        entries.push([r, first + c]);
      }
    });
    colStart[c + 1] = rows.length;
  }
  return { columns: { colStart, rowIndex: Int32Array.from(rows) }, entries };
}

/** ∂f/∂p for the given parameter slots (throws NotDifferentiable like the Jacobian). */
export function parameterJacobian(eq: ModelEquations, slots: readonly number[]): ParameterJacobian {
  const plan = guardPlan(gradients(eq, slots.map(pName)));
  const { columns, entries } = columnsOf(plan, 0, slots.length);
  const values = emitTables<VecFn>(eq, plan, null, [{ name: "out", entries }]);
  return { ...columns, slots: Int32Array.from(slots), values };
}

/**
 * f, J in the order of `pattern` (the system's sparsity) and ∂f/∂p for `slots`, in one
 * generated function: what the right-hand side of the sensitivity system needs per call.
 */
export function sensitivityTerms(
  eq: ModelEquations,
  n: number,
  pattern: SparsityPattern,
  slots: readonly number[],
): SensitivityTerms {
  const plan = guardPlan(
    gradients(eq, [...Array.from({ length: n }, (_, i) => yName(i)), ...slots.map(pName)]),
  );
  const jacEntries: [number, number][] = [];
  for (let i = 0; i < n; i++)
    for (let q = pattern.rowStart[i]; q < pattern.rowStart[i + 1]; q++)
      jacEntries.push([i, pattern.colIndex[q]]);
  const { columns, entries } = columnsOf(plan, n, slots.length);
  const evaluate = emitTables<SensitivityTermsFn>(eq, plan, eq.derivatives, [
    { name: "jac", entries: jacEntries },
    { name: "dfdp", entries },
  ]);
  return { slots: Int32Array.from(slots), columns, evaluate };
}

/** Values and gradients of primitive expressions with respect to all states and the given slots. */
export function expressionGradients(
  eq: ModelEquations,
  n: number,
  exprs: readonly Expr[],
  slots: readonly number[],
): ExpressionGradients {
  const plan = guardPlan(
    gradients(eq, [...Array.from({ length: n }, (_, i) => yName(i)), ...slots.map(pName)], exprs),
  );
  const dy = columnsOf(plan, 0, n);
  const dp = columnsOf(plan, n, slots.length);
  const evaluate = emitTables<ExpressionGradients["evaluate"]>(eq, plan, exprs, [
    { name: "dy", entries: dy.entries },
    { name: "dp", entries: dp.entries },
  ]);
  return { slots: Int32Array.from(slots), dy: dy.columns, dp: dp.columns, evaluate };
}
