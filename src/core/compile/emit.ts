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
  return modelFunctionFromLines<VecFn>(eq, ["t", "y", "p", "out"], b.lines);
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
  return modelFunctionFromLines<VecFn>(eq, ["t", "y", "p", "out"], b.lines);
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
  return modelFunctionFromLines<VecFn>(eq, ["t", "y", "p", "out"], b.lines);
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
  return modelFunctionFromLines<VecFn>(eq, ["t", "y", "p", "out"], b.lines);
}

/**
 * Above this many lines generated code is split into chunks: V8 optimises no function whose
 * bytecode exceeds ~60 KB (--max-optimized-bytecode-size), and an unoptimised table runs ~20×
 * slower (IL-6 liver, f + J + ∂f/∂p: 44 µs as one 2000-line function, 2 µs when optimised).
 */
const CHUNK_LINES = 300;

/**
 * One function from straight-line code, or for long code a sequence of chunk functions run in
 * order: the named values (intermediates i<m>, gradients g<m>_<j>, hoisted temporaries _t<k>)
 * then live in a scratch array shared by the chunks (the names are generated, never user text).
 * Takes at most six arguments; the result is not reentrant (one scratch array): generated
 * functions never call themselves (a delayed value is a different function).
 */
export function modelFunctionFromLines<F>(
  eq: ModelEquations,
  args: readonly string[],
  lines: readonly string[],
): F {
  if (lines.length <= CHUNK_LINES) return modelFunction<F>(eq, args, lines.join("\n"));
  const decl = /^const ([A-Za-z_][A-Za-z0-9_]*) = /;
  const ref = /\b(?:i\d+|g\d+_\d+|_t\d+)\b/g;
  // a value goes through the scratch array only when another chunk reads it; the others stay
  // local constants, which V8 keeps in registers (the IL-6 liver model's reduced PHx system,
  // called in a loop: f 1.44 → 1.03 µs, J 3.65 → 2.59 µs); the arithmetic is the same
  const chunkOf = (line: number) => Math.floor(line / CHUNK_LINES);
  const declaredIn = new Map<string, number>();
  lines.forEach((l, k) => {
    const d = decl.exec(l);
    if (d) declaredIn.set(d[1], chunkOf(k));
  });
  const shared = new Set<string>();
  lines.forEach((l, k) => {
    for (const name of l.match(ref) ?? []) {
      const at = declaredIn.get(name);
      if (at !== undefined && at !== chunkOf(k)) shared.add(name);
    }
  });
  const slot = new Map<string, number>();
  for (const name of declaredIn.keys()) if (shared.has(name)) slot.set(name, slot.size);
  const body = lines.map((l) => {
    const d = decl.exec(l);
    const line = d && slot.has(d[1]) ? l.replace(decl, "$1 = ") : l;
    return line.replace(ref, (name) => (slot.has(name) ? `w[${slot.get(name)}]` : name));
  });
  const params = [...args, ...["_a3", "_a4", "_a5"].slice(args.length - 3), "w"];
  if (params.length !== 7) throw new Error("il6sim internal error: chunked code takes at most six arguments");
  type Chunk = (
    t: number,
    y: Float64Array,
    p: Float64Array,
    a: unknown,
    b: unknown,
    c: unknown,
    w: Float64Array,
  ) => void;
  const chunks: Chunk[] = [];
  for (let k = 0; k < body.length; k += CHUNK_LINES)
    chunks.push(modelFunction<Chunk>(eq, params, body.slice(k, k + CHUNK_LINES).join("\n")));
  const w = new Float64Array(slot.size);
  const run = (t: number, y: Float64Array, p: Float64Array, a: unknown, b: unknown, c: unknown): void => {
    for (let k = 0; k < chunks.length; k++) chunks[k](t, y, p, a, b, c, w);
  };
  return run as F;
}
