/**
 * AST -> straight-line JavaScript, through the AST only: every identifier is resolved by
 * il6sim's own resolver to a slot such as `y[3]`, and that fragment is checked against a strict
 * pattern before it is used, so user text can never reach the generated code. Numbers are
 * printed from their numeric value. Repeated subexpressions across all expressions given to one
 * CodeBuilder are hoisted into `const` temporaries (common-subexpression elimination), so V8
 * sees one flat function.
 */
import { type Expr, exprKey, isRelational } from "./ast.js";
import { MATH } from "./functions.js";

/** How symbols, time and the history-dependent operators are written in generated code. */
export interface CodegenScope {
  /** Code for a symbol, e.g. "y[3]" or "p[0]"; undefined when the name is unknown. */
  resolve(name: string): string | undefined;
  /** Code for simulation time (default "t"). */
  readonly time?: string;
  /** Code for delay(e, tau) given the code for tau; absent means delay() is an error. */
  delay?(e: Expr, tauCode: string): string;
  /** Code for rateOf(e); absent means rateOf() is an error. */
  rateOf?(e: Expr): string;
}

/** The only shapes a resolved fragment may have. */
const SAFE_SLOT = /^[A-Za-z_$][A-Za-z0-9_$]*(\[\d+\])?$/;

export class UnknownSymbolError extends Error {
  constructor(readonly symbol: string) {
    super(`unknown symbol "${symbol}" in an expression`);
  }
}

const JS_UNARY: Record<string, string> = {
  exp: "Math.exp",
  ln: "Math.log",
  log10: "Math.log10",
  sqrt: "Math.sqrt",
  abs: "Math.abs",
  floor: "Math.floor",
  ceil: "Math.ceil",
  sin: "Math.sin",
  cos: "Math.cos",
  tan: "Math.tan",
  sinh: "Math.sinh",
  cosh: "Math.cosh",
  tanh: "Math.tanh",
  arcsin: "Math.asin",
  arccos: "Math.acos",
  arctan: "Math.atan",
  arcsinh: "Math.asinh",
  arccosh: "Math.acosh",
  arctanh: "Math.atanh",
};
const HELPERS = new Set(Object.keys(MATH));
const JS_REL: Record<string, string> = { lt: "<", le: "<=", gt: ">", ge: ">=", eq: "===", neq: "!==" };

export function jsNumber(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "(-Infinity)";
  const s = String(v);
  return v < 0 || Object.is(v, -0) ? `(${s === "0" ? "-0" : s})` : s;
}

/** Collects hoisted temporaries for a group of expressions compiled into one function body. */
export class CodeBuilder {
  readonly lines: string[] = [];
  private readonly counts = new Map<string, number>();
  private readonly temps = new Map<string, string>();
  private nTemp = 0;

  constructor(
    private readonly scope: CodegenScope,
    private readonly tempPrefix = "_t",
  ) {}

  /** Register expressions first so that sharing between them is seen. */
  count(e: Expr): void {
    if (e.kind !== "call") return;
    const k = exprKey(e);
    const n = (this.counts.get(k) ?? 0) + 1;
    this.counts.set(k, n);
    if (n === 1) for (const a of e.args) this.count(a);
  }

  /** A JS expression (number-valued) for e; may push hoisted `const` lines. */
  emit(e: Expr): string {
    switch (e.kind) {
      case "num":
        return jsNumber(e.value);
      case "time":
        return this.scope.time ?? "t";
      case "sym": {
        const slot = this.scope.resolve(e.name);
        if (slot === undefined) throw new UnknownSymbolError(e.name);
        if (!SAFE_SLOT.test(slot)) throw new Error(`il6sim internal error: unsafe slot "${slot}"`);
        return slot;
      }
      case "call":
        break;
    }
    const key = exprKey(e);
    const existing = this.temps.get(key);
    if (existing) return existing;
    const code = this.emitCall(e);
    if ((this.counts.get(key) ?? 0) > 1) {
      const name = `${this.tempPrefix}${this.nTemp++}`;
      this.lines.push(`const ${name} = ${code};`);
      this.temps.set(key, name);
      return name;
    }
    return code;
  }

  /** A JS boolean expression for a condition. */
  emitCond(e: Expr): string {
    if (e.kind === "call") {
      const a = e.args;
      if (isRelational(e.op)) {
        const op = JS_REL[e.op];
        const parts: string[] = [];
        for (let i = 0; i + 1 < a.length; i++) parts.push(`${this.emit(a[i])} ${op} ${this.emit(a[i + 1])}`);
        return parts.length === 1 ? `(${parts[0]})` : `(${parts.join(" && ")})`;
      }
      if (e.op === "and") return `(${a.map((x) => this.emitCond(x)).join(" && ")})`;
      if (e.op === "or") return `(${a.map((x) => this.emitCond(x)).join(" || ")})`;
      if (e.op === "not") return `(!${this.emitCond(a[0])})`;
      if (e.op === "implies") return `(!${this.emitCond(a[0])} || ${this.emitCond(a[1])})`;
    }
    if (e.kind === "num") return e.value !== 0 ? "true" : "false";
    return `(${this.emit(e)} !== 0)`;
  }

  private emitCall(e: Expr & { kind: "call" }): string {
    const a = e.args;
    const E = (x: Expr) => this.emit(x);
    const js = JS_UNARY[e.op];
    if (js) return `${js}(${E(a[0])})`;
    switch (e.op) {
      case "+":
        return `(${a.map(E).join(" + ")})`;
      case "*":
        return `(${a.map(E).join(" * ")})`;
      case "-":
        return `(${E(a[0])} - ${E(a[1])})`;
      case "/":
        return `(${E(a[0])} / ${E(a[1])})`;
      case "neg":
        return `(-${E(a[0])})`;
      case "^":
        return powCode(a[0], a[1], E);
      case "min":
      case "max":
        return `Math.${e.op}(${a.map(E).join(", ")})`;
      case "piecewise": {
        let code = a.length % 2 === 1 ? E(a[a.length - 1]) : "NaN";
        for (let i = a.length - (a.length % 2 === 1 ? 3 : 2); i >= 0; i -= 2) {
          code = `(${this.emitCond(a[i + 1])} ? ${E(a[i])} : ${code})`;
        }
        return code;
      }
      case "delay":
        if (!this.scope.delay) throw new Error("delay() is not available in this context");
        return this.scope.delay(a[0], E(a[1]));
      case "rateOf":
        if (!this.scope.rateOf) throw new Error("rateOf() is not available in this context");
        return this.scope.rateOf(a[0]);
      case "lt":
      case "le":
      case "gt":
      case "ge":
      case "eq":
      case "neq":
      case "and":
      case "or":
      case "not":
      case "implies":
        return `(${this.emitCond(e)} ? 1 : 0)`;
      default:
        if (HELPERS.has(e.op)) return `M.${e.op}(${a.map(E).join(", ")})`;
        throw new Error(`il6sim internal error: no code generator for operator "${e.op}"`);
    }
  }
}

/** Small integer powers become products: V8 handles x*x far better than Math.pow. */
function powCode(base: Expr, ex: Expr, E: (x: Expr) => string): string {
  const b = E(base);
  if (ex.kind === "num") {
    const n = ex.value;
    if (n === 2) return `(${b} * ${b})`;
    if (n === 3) return `(${b} * ${b} * ${b})`;
    if (n === 0.5) return `Math.sqrt(${b})`;
    if (n === -1) return `(1 / ${b})`;
  }
  return `Math.pow(${b}, ${E(ex)})`;
}

/**
 * Build a function from a body and parameter names. The body is generated by CodeBuilder
 * (never from user text); `M` gives it the shared math helpers.
 */
export function makeFunction<F>(
  params: readonly string[],
  body: string,
  env: Readonly<Record<string, unknown>> = {},
): F {
  const names = Object.keys(env);
  for (const p of [...params, ...names])
    if (!SAFE_SLOT.test(p)) throw new Error(`il6sim internal error: bad parameter "${p}"`);
  return new Function("M", ...names, `"use strict"; return function (${params.join(", ")}) {\n${body}\n};`)(
    MATH,
    ...names.map((n) => env[n]),
  ) as F;
}

/**
 * Compile one expression over a fixed list of symbol names to `(values, t) => number`.
 * Convenience for tests and one-off formulas; models compile their whole RHS at once.
 */
export function compileExpr(
  e: Expr,
  names: readonly string[],
): (values: ArrayLike<number>, t?: number) => number {
  const index = new Map(names.map((n, i) => [n, i]));
  const b = new CodeBuilder({
    resolve: (n) => (index.has(n) ? `v[${index.get(n)}]` : undefined),
  });
  b.count(e);
  const code = b.emit(e);
  return makeFunction(["v", "t"], `${b.lines.join("\n")}\nreturn ${code};`);
}
