/**
 * Generated functions over (t, y, p): right-hand side, dense and sparse Jacobians, and
 * observers of named quantities. Each is one straight-line JavaScript function built from the
 * AST by CodeBuilder (identifiers resolved to slots, shared subexpressions hoisted).
 */
import type { Expr } from "../expr/ast.js";
import { CodeBuilder, type CodegenScope, makeFunction } from "../expr/codegen.js";
import type { SparsityPattern } from "../solve/types.js";
import type { GradientPlan } from "./derivatives.js";
import type { ModelEquations } from "./intermediates.js";

export type VecFn = (t: number, y: Float64Array, p: Float64Array, out: Float64Array) => void;

/** Slots for primitive names: y:i -> y[i], p:i -> p[i], r:X / v:k -> i<m>, d:m:j -> g<m>_<j>. */
export function scopeFor(eq: ModelEquations, extra?: (name: string) => string | undefined): CodegenScope {
  const interIndex = new Map(eq.intermediates.map((x, m) => [x.name, m]));
  return {
    resolve(name) {
      const colon = name.indexOf(":");
      const kind = name.slice(0, colon);
      const rest = name.slice(colon + 1);
      if (kind === "y" || kind === "p") return `${kind}[${Number(rest)}]`;
      if (kind === "r" || kind === "v") {
        const m = interIndex.get(name);
        return m === undefined ? undefined : `i${m}`;
      }
      if (kind === "d") {
        const [m, j] = rest.split(":").map(Number);
        return `g${m}_${j}`;
      }
      return extra?.(name);
    },
    // D is bound by modelFunction(); the table compiles each delayed expression once
    delay: (e, tauCode) => `D.value(${eq.delays.indexOf(e)}, t - (${tauCode}), p)`,
  };
}

/** A generated function of the model (binds the delay table as D). */
export function modelFunction<F>(eq: ModelEquations, params: readonly string[], body: string): F {
  return makeFunction<F>(params, body, { D: eq.delays });
}

/** Indices of the intermediates that exprs depend on, directly or through others, in order. */
function neededIntermediates(eq: ModelEquations, exprs: readonly Expr[]): number[] {
  const index = new Map(eq.intermediates.map((x, m) => [x.name, m]));
  const need = new Set<number>();
  const visit = (e: Expr): void => {
    if (e.kind === "sym") {
      const m = index.get(e.name);
      if (m !== undefined && !need.has(m)) {
        need.add(m);
        visit(eq.intermediates[m].expr);
      }
    } else if (e.kind === "call") e.args.forEach(visit);
  };
  exprs.forEach(visit);
  return [...need].sort((a, b) => a - b);
}

function emitIntermediates(b: CodeBuilder, eq: ModelEquations): void {
  eq.intermediates.forEach((x, m) => {
    const code = b.emit(x.expr);
    b.lines.push(`const i${m} = ${code};`);
  });
}

export function emitRhs(eq: ModelEquations): VecFn {
  const b = new CodeBuilder(scopeFor(eq));
  for (const x of eq.intermediates) b.count(x.expr);
  for (const d of eq.derivatives) b.count(d);
  emitIntermediates(b, eq);
  eq.derivatives.forEach((d, i) => {
    const code = b.emit(d);
    b.lines.push(`out[${i}] = ${code};`);
  });
  return modelFunction<VecFn>(eq, ["t", "y", "p", "out"], b.lines.join("\n"));
}

function emitGradientTemps(b: CodeBuilder, plan: GradientPlan): void {
  plan.intermediateGrads.forEach((g, m) => {
    for (const [j, e] of g) {
      const code = b.emit(e);
      b.lines.push(`const g${m}_${j} = ${code};`);
    }
  });
}

function countAll(b: CodeBuilder, eq: ModelEquations, plan: GradientPlan): void {
  for (const x of eq.intermediates) b.count(x.expr);
  for (const g of plan.intermediateGrads) for (const e of g.values()) b.count(e);
  for (const g of plan.rowGrads) for (const e of g.values()) b.count(e);
}

/** Dense row-major Jacobian writing only structural non-zeros (out[i*n + j]). */
export function emitDenseJacobian(eq: ModelEquations, plan: GradientPlan, n: number): VecFn {
  const b = new CodeBuilder(scopeFor(eq));
  countAll(b, eq, plan);
  emitIntermediates(b, eq);
  emitGradientTemps(b, plan);
  plan.rowGrads.forEach((g, i) => {
    for (const [j, e] of g) {
      const code = b.emit(e);
      b.lines.push(`out[${i * n + j}] = ${code};`);
    }
  });
  return modelFunction<VecFn>(eq, ["t", "y", "p", "out"], b.lines.join("\n"));
}

/** Pattern = structural non-zeros plus the diagonal, columns sorted within each row. */
export function sparsityOf(plan: GradientPlan, n: number): SparsityPattern {
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Set(plan.rowGrads[i].keys());
    row.add(i);
    const sorted = [...row].sort((a, c) => a - c);
    cols.push(...sorted);
    rowStart[i + 1] = cols.length;
  }
  return { rowStart, colIndex: Int32Array.from(cols) };
}

/** Jacobian values in the order of `pattern` (zeros where only the diagonal was added). */
export function emitSparseJacobian(eq: ModelEquations, plan: GradientPlan, pattern: SparsityPattern): VecFn {
  const b = new CodeBuilder(scopeFor(eq));
  countAll(b, eq, plan);
  emitIntermediates(b, eq);
  emitGradientTemps(b, plan);
  const n = pattern.rowStart.length - 1;
  for (let i = 0; i < n; i++) {
    for (let k = pattern.rowStart[i]; k < pattern.rowStart[i + 1]; k++) {
      const e = plan.rowGrads[i].get(pattern.colIndex[k]);
      const code = e ? b.emit(e) : "0";
      b.lines.push(`out[${k}] = ${code};`);
    }
  }
  return modelFunction<VecFn>(eq, ["t", "y", "p", "out"], b.lines.join("\n"));
}

/** out[k] = value of exprs[k] (primitive expressions) at (t, y, p). */
export function emitVector(eq: ModelEquations, exprs: readonly Expr[]): VecFn {
  const b = new CodeBuilder(scopeFor(eq));
  // only the intermediates these expressions need: observers stay cheap, and a delayed
  // expression does not evaluate every other delay (which would recurse through the history)
  const needed = neededIntermediates(eq, exprs);
  for (const m of needed) b.count(eq.intermediates[m].expr);
  for (const e of exprs) b.count(e);
  for (const m of needed) {
    const code = b.emit(eq.intermediates[m].expr);
    b.lines.push(`const i${m} = ${code};`);
  }
  exprs.forEach((e, k) => {
    const code = b.emit(e);
    b.lines.push(`out[${k}] = ${code};`);
  });
  return modelFunction<VecFn>(eq, ["t", "y", "p", "out"], b.lines.join("\n"));
}
