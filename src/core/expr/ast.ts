/**
 * The one expression AST for everything users write: our infix formulas, SBML MathML, scenario
 * formulas. Nodes are immutable plain objects; booleans are numbers (1 true, 0 false), as in SBML.
 */

export type Expr = Num | Sym | Time | Call;

export interface Num {
  readonly kind: "num";
  readonly value: number;
}

/** A reference to a named quantity (species, parameter, compartment, reaction, local name). */
export interface Sym {
  readonly kind: "sym";
  readonly name: string;
}

/** Simulation time (SBML csymbol time; `time` in infix text). */
export interface Time {
  readonly kind: "time";
}

export interface Call {
  readonly kind: "call";
  readonly op: Op;
  readonly args: readonly Expr[];
}

/** Operators with a fixed number of arguments (n-ary ones are listed in NARY_OPS). */
export const UNARY_FUNCTIONS = [
  "neg",
  "exp",
  "ln",
  "log10",
  "sqrt",
  "abs",
  "floor",
  "ceil",
  "factorial",
  "sin",
  "cos",
  "tan",
  "sec",
  "csc",
  "cot",
  "sinh",
  "cosh",
  "tanh",
  "sech",
  "csch",
  "coth",
  "arcsin",
  "arccos",
  "arctan",
  "arcsec",
  "arccsc",
  "arccot",
  "arcsinh",
  "arccosh",
  "arctanh",
  "arcsech",
  "arccsch",
  "arccoth",
  "not",
  "digamma",
] as const;

export const BINARY_OPS = ["-", "/", "^", "quotient", "rem", "implies", "delay"] as const;
export const NARY_OPS = ["+", "*", "min", "max", "and", "or", "xor"] as const;
/** Comparisons; n-ary like MathML (a < b < c means a < b and b < c). */
export const RELATIONAL_OPS = ["lt", "le", "gt", "ge", "eq", "neq"] as const;

export type UnaryFunction = (typeof UNARY_FUNCTIONS)[number];
export type BinaryOp = (typeof BINARY_OPS)[number];
export type NaryOp = (typeof NARY_OPS)[number];
export type RelationalOp = (typeof RELATIONAL_OPS)[number];
/**
 * piecewise(v1, c1, v2, c2, ..., [otherwise]); rateOf(x) is SBML L3V2's rate of change of x.
 */
export type Op = UnaryFunction | BinaryOp | NaryOp | RelationalOp | "piecewise" | "rateOf";

const UNARY_SET: ReadonlySet<string> = new Set(UNARY_FUNCTIONS);
const BINARY_SET: ReadonlySet<string> = new Set(BINARY_OPS);
const NARY_SET: ReadonlySet<string> = new Set(NARY_OPS);
const RELATIONAL_SET: ReadonlySet<string> = new Set(RELATIONAL_OPS);

export const isUnary = (op: string): op is UnaryFunction => UNARY_SET.has(op);
export const isBinary = (op: string): op is BinaryOp => BINARY_SET.has(op);
export const isNary = (op: string): op is NaryOp => NARY_SET.has(op);
export const isRelational = (op: string): op is RelationalOp => RELATIONAL_SET.has(op);
export const isLogical = (op: string): boolean =>
  op === "and" || op === "or" || op === "xor" || op === "not" || op === "implies";
export const isBooleanValued = (e: Expr): boolean =>
  e.kind === "call" && (isRelational(e.op) || isLogical(e.op));

export const AVOGADRO = 6.02214076e23;

// ---------------------------------------------------------------- constructors

export const num = (value: number): Num => ({ kind: "num", value });
export const sym = (name: string): Sym => ({ kind: "sym", name });
export const time: Time = { kind: "time" };
export const call = (op: Op, ...args: Expr[]): Call => ({ kind: "call", op, args });

export const add = (...args: Expr[]): Expr => (args.length === 1 ? args[0] : call("+", ...args));
export const mul = (...args: Expr[]): Expr => (args.length === 1 ? args[0] : call("*", ...args));
export const sub = (a: Expr, b: Expr): Call => call("-", a, b);
export const div = (a: Expr, b: Expr): Call => call("/", a, b);
export const pow = (a: Expr, b: Expr): Call => call("^", a, b);
export const neg = (a: Expr): Call => call("neg", a);
export const piecewise = (...args: Expr[]): Call => call("piecewise", ...args);

/** Coerce a number or name into an expression (builder convenience). */
export function toExpr(x: Expr | number | string): Expr {
  if (typeof x === "number") return num(x);
  if (typeof x === "string") return sym(x);
  return x;
}

// ---------------------------------------------------------------- traversal

/** Every symbol name an expression refers to (sorted, unique). */
export function symbols(e: Expr, out: Set<string> = new Set()): Set<string> {
  if (e.kind === "sym") out.add(e.name);
  else if (e.kind === "call") for (const a of e.args) symbols(a, out);
  return out;
}

export function dependsOnTime(e: Expr): boolean {
  if (e.kind === "time") return true;
  return e.kind === "call" && e.args.some(dependsOnTime);
}

export function containsOp(e: Expr, op: Op): boolean {
  if (e.kind !== "call") return false;
  return e.op === op || e.args.some((a) => containsOp(a, op));
}

/** Replace symbols by expressions (used to inline SBML function definitions and rules). */
export function substitute(e: Expr, map: ReadonlyMap<string, Expr>): Expr {
  switch (e.kind) {
    case "sym":
      return map.get(e.name) ?? e;
    case "call": {
      let changed = false;
      const args = e.args.map((a) => {
        const b = substitute(a, map);
        if (b !== a) changed = true;
        return b;
      });
      return changed ? { kind: "call", op: e.op, args } : e;
    }
    default:
      return e;
  }
}

/** Rename symbols (e.g. prefix a module's local ids). */
export function renameSymbols(e: Expr, rename: (name: string) => string): Expr {
  switch (e.kind) {
    case "sym": {
      const n = rename(e.name);
      return n === e.name ? e : sym(n);
    }
    case "call":
      return { kind: "call", op: e.op, args: e.args.map((a) => renameSymbols(a, rename)) };
    default:
      return e;
  }
}

/** Structural key: equal keys mean structurally equal expressions (used for CSE and tests). */
export function exprKey(e: Expr): string {
  switch (e.kind) {
    case "num":
      return Object.is(e.value, -0) ? "#-0" : `#${e.value}`;
    case "sym":
      return `$${e.name}`;
    case "time":
      return "@t";
    case "call":
      return `(${e.op} ${e.args.map(exprKey).join(" ")})`;
  }
}

export function exprEquals(a: Expr, b: Expr): boolean {
  return exprKey(a) === exprKey(b);
}
