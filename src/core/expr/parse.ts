/**
 * Infix text -> AST. A small recursive-descent parser; errors are issues with a column.
 *
 * Precedence, loosest first: `||`, `&&`, comparisons (== != < <= > >=), `+ -`, `* /`,
 * unary `- + !`, `^` (right-associative; `**` is accepted too). So -x^2 = -(x^2), 2^-1 = 0.5.
 * Names: `time` is simulation time; pi, exponentiale, avogadro, true, false, inf, nan are
 * constants; everything else of the form [A-Za-z_][A-Za-z0-9_]* is a symbol.
 */
import { issue, type Issue, suggestion } from "../issues.js";
import { AVOGADRO, call, type Expr, isUnary, num, type Op, sym, time, UNARY_FUNCTIONS } from "./ast.js";

export type ParseResult = { ok: true; expr: Expr } | { ok: false; issues: Issue[] };

/** Function names accepted in text, with their AST operator (aliases included). */
const FUNCTION_ALIASES: Record<string, Op> = {
  log: "ln",
  ceiling: "ceil",
  asin: "arcsin",
  acos: "arccos",
  atan: "arctan",
  asinh: "arcsinh",
  acosh: "arccosh",
  atanh: "arctanh",
  lt: "lt",
  leq: "le",
  le: "le",
  gt: "gt",
  geq: "ge",
  ge: "ge",
  eq: "eq",
  neq: "neq",
};

/** Functions that take a fixed number of arguments [min, max]. */
const ARITY: Partial<Record<string, [number, number]>> = {
  pow: [2, 2],
  power: [2, 2],
  root: [2, 2],
  quotient: [2, 2],
  rem: [2, 2],
  implies: [2, 2],
  delay: [2, 2],
  rateOf: [1, 1],
  log: [1, 2],
  min: [1, Infinity],
  max: [1, Infinity],
  and: [0, Infinity],
  or: [0, Infinity],
  xor: [0, Infinity],
  plus: [0, Infinity],
  times: [0, Infinity],
  piecewise: [1, Infinity],
  lt: [2, Infinity],
  le: [2, Infinity],
  leq: [2, Infinity],
  gt: [2, Infinity],
  ge: [2, Infinity],
  geq: [2, Infinity],
  eq: [2, Infinity],
  neq: [2, 2],
};

const CONSTANTS: Record<string, number> = {
  pi: Math.PI,
  exponentiale: Math.E,
  avogadro: AVOGADRO,
  true: 1,
  false: 0,
  inf: Infinity,
  INF: Infinity,
  infinity: Infinity,
  Infinity: Infinity,
  nan: NaN,
  NaN: NaN,
};

/** Every function name the parser accepts (for "did you mean"); digamma is internal only. */
export const KNOWN_FUNCTIONS: readonly string[] = [
  ...new Set([
    ...Object.keys(ARITY),
    ...Object.keys(FUNCTION_ALIASES),
    ...UNARY_FUNCTIONS.filter((f) => f !== "neg" && f !== "digamma"),
  ]),
].sort();

type Tok = { type: "num" | "name" | "op" | "end"; text: string; pos: number; value?: number };

function tokenize(src: string): Tok[] | Issue {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const numMatch = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (numMatch) {
      toks.push({ type: "num", text: numMatch[0], pos: i, value: Number(numMatch[0]) });
      i += numMatch[0].length;
      continue;
    }
    const nameMatch = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (nameMatch) {
      toks.push({ type: "name", text: nameMatch[0], pos: i });
      i += nameMatch[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (["**", "<=", ">=", "==", "!=", "&&", "||"].includes(two)) {
      toks.push({ type: "op", text: two, pos: i });
      i += 2;
      continue;
    }
    if ("+-*/^(),<>!".includes(c)) {
      toks.push({ type: "op", text: c, pos: i });
      i++;
      continue;
    }
    return issue("parse-error", "", `Unexpected character "${c}" at column ${i + 1}.`, {
      column: i + 1,
      hint: "Formulas use numbers, names, + - * / ^, comparisons, && || !, and function calls.",
    });
  }
  toks.push({ type: "end", text: "", pos: src.length });
  return toks;
}

class ParseError {
  constructor(
    readonly pos: number,
    readonly message: string,
    readonly hint?: string,
  ) {}
}

class Parser {
  private k = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.k];
  }
  private next(): Tok {
    return this.toks[this.k++];
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t.type === "op" && t.text === text;
  }
  private expect(text: string): void {
    const t = this.next();
    if (t.type !== "op" || t.text !== text) {
      throw new ParseError(t.pos, `Expected "${text}" but found ${describe(t)}.`);
    }
  }

  parseAll(): Expr {
    const e = this.or();
    const t = this.peek();
    if (t.type !== "end")
      throw new ParseError(t.pos, `Unexpected ${describe(t)} after a complete expression.`);
    return e;
  }

  private or(): Expr {
    const args = [this.and()];
    while (this.isOp("||")) {
      this.next();
      args.push(this.and());
    }
    return args.length === 1 ? args[0] : call("or", ...args);
  }
  private and(): Expr {
    const args = [this.comparison()];
    while (this.isOp("&&")) {
      this.next();
      args.push(this.comparison());
    }
    return args.length === 1 ? args[0] : call("and", ...args);
  }
  private comparison(): Expr {
    const left = this.additive();
    const ops: Record<string, Op> = { "<": "lt", "<=": "le", ">": "gt", ">=": "ge", "==": "eq", "!=": "neq" };
    const t = this.peek();
    if (t.type === "op" && ops[t.text]) {
      this.next();
      const right = this.additive();
      const t2 = this.peek();
      if (t2.type === "op" && ops[t2.text]) {
        throw new ParseError(
          t2.pos,
          "Comparisons cannot be chained.",
          "Combine them with &&: a < b && b < c.",
        );
      }
      return call(ops[t.text], left, right);
    }
    return left;
  }
  private additive(): Expr {
    let e = this.multiplicative();
    for (;;) {
      if (this.isOp("+")) {
        this.next();
        const r = this.multiplicative();
        e = e.kind === "call" && e.op === "+" ? call("+", ...e.args, r) : call("+", e, r);
      } else if (this.isOp("-")) {
        this.next();
        e = call("-", e, this.multiplicative());
      } else return e;
    }
  }
  private multiplicative(): Expr {
    let e = this.unary();
    for (;;) {
      if (this.isOp("*")) {
        this.next();
        const r = this.unary();
        e = e.kind === "call" && e.op === "*" ? call("*", ...e.args, r) : call("*", e, r);
      } else if (this.isOp("/")) {
        this.next();
        e = call("/", e, this.unary());
      } else return e;
    }
  }
  private unary(): Expr {
    if (this.isOp("-")) {
      this.next();
      const a = this.unary();
      return a.kind === "num" ? num(-a.value) : call("neg", a);
    }
    if (this.isOp("+")) {
      this.next();
      return this.unary();
    }
    if (this.isOp("!")) {
      this.next();
      return call("not", this.unary());
    }
    return this.power();
  }
  private power(): Expr {
    const base = this.primary();
    if (this.isOp("^") || this.isOp("**")) {
      this.next();
      // right-associative, and the exponent may carry a sign: 2^-3
      return call("^", base, this.unary());
    }
    return base;
  }
  private primary(): Expr {
    const t = this.next();
    if (t.type === "num") return num(t.value!);
    if (t.type === "op" && t.text === "(") {
      const e = this.or();
      this.expect(")");
      return e;
    }
    if (t.type === "name") {
      if (this.isOp("(")) return this.callArgs(t);
      if (t.text === "time") return time;
      if (t.text in CONSTANTS) return num(CONSTANTS[t.text]);
      return sym(t.text);
    }
    throw new ParseError(t.pos, `Expected a number, a name or "(" but found ${describe(t)}.`);
  }
  private callArgs(nameTok: Tok): Expr {
    this.expect("(");
    const args: Expr[] = [];
    if (!this.isOp(")")) {
      args.push(this.or());
      while (this.isOp(",")) {
        this.next();
        args.push(this.or());
      }
    }
    this.expect(")");
    return buildCall(nameTok, args);
  }
}

function buildCall(t: Tok, args: Expr[]): Expr {
  const name = t.text;
  const arity = ARITY[name] ?? (isUnary(FUNCTION_ALIASES[name] ?? name) ? [1, 1] : undefined);
  if (!arity) {
    throw new ParseError(t.pos, `Unknown function "${name}".`, suggestion(name, KNOWN_FUNCTIONS, "function"));
  }
  if (args.length < arity[0] || args.length > arity[1]) {
    const want =
      arity[0] === arity[1]
        ? `${arity[0]}`
        : arity[1] === Infinity
          ? `at least ${arity[0]}`
          : `${arity[0]} or ${arity[1]}`;
    throw new ParseError(t.pos, `Function "${name}" takes ${want} argument(s), got ${args.length}.`);
  }
  switch (name) {
    case "pow":
    case "power":
      return call("^", args[0], args[1]);
    case "root":
      return call("^", args[1], call("/", num(1), args[0]));
    case "log":
      return args.length === 1 ? call("ln", args[0]) : call("/", call("ln", args[1]), call("ln", args[0]));
    case "plus":
      return args.length === 0 ? num(0) : args.length === 1 ? args[0] : call("+", ...args);
    case "times":
      return args.length === 0 ? num(1) : args.length === 1 ? args[0] : call("*", ...args);
    case "and":
      return args.length === 0 ? num(1) : call("and", ...args);
    case "or":
    case "xor":
      return args.length === 0 ? num(0) : call(name, ...args);
    case "min":
    case "max":
      return args.length === 1 ? args[0] : call(name, ...args);
    default:
      return call((FUNCTION_ALIASES[name] ?? name) as Op, ...args);
  }
}

function describe(t: Tok): string {
  return t.type === "end" ? "the end of the formula" : `"${t.text}"`;
}

/** Parse infix text; `path` names where the text came from, for issues. */
export function parseExpr(src: string, path = "formula"): ParseResult {
  const toks = tokenize(src);
  if (!Array.isArray(toks)) return { ok: false, issues: [{ ...toks, path }] };
  try {
    return { ok: true, expr: new Parser(toks).parseAll() };
  } catch (err) {
    if (err instanceof ParseError) {
      return {
        ok: false,
        issues: [
          issue("parse-error", path, `${err.message} (in "${src}", column ${err.pos + 1})`, {
            column: err.pos + 1,
            ...(err.hint ? { hint: err.hint } : {}),
          }),
        ],
      };
    }
    throw err;
  }
}

/** Parse text that is part of il6sim itself (library models): a parse error is a bug. */
export function parseTrusted(src: string): Expr {
  const r = parseExpr(src);
  if (!r.ok) throw new Error(`il6sim internal error: bad built-in formula: ${r.issues[0].message}`);
  return r.expr;
}
