/**
 * Tree-walking evaluation. Used for one-off values (initial assignments, checks, tests);
 * anything evaluated per step is compiled instead (compile.ts).
 */
import type { Expr } from "./ast.js";
import { MATH, truthy } from "./functions.js";

export interface EvalEnv {
  /** Value of a symbol; throw or return NaN for unknown names. */
  value(name: string): number;
  readonly time?: number;
  /** Past value of an expression (SBML csymbol delay). */
  delay?(e: Expr, tau: number): number;
  /** Rate of change of a symbol (SBML L3V2 rateOf). */
  rateOf?(e: Expr): number;
}

/** Environment over a plain record of values (unknown names evaluate to NaN). */
export function envOf(values: Record<string, number> | ReadonlyMap<string, number>, time = 0): EvalEnv {
  const get =
    values instanceof Map
      ? (n: string) => values.get(n) ?? NaN
      : (n: string) => (values as Record<string, number>)[n] ?? NaN;
  return { value: get, time };
}

const UNARY: Record<string, (x: number) => number> = {
  neg: (x) => -x,
  exp: Math.exp,
  ln: Math.log,
  log10: Math.log10,
  sqrt: Math.sqrt,
  abs: Math.abs,
  floor: Math.floor,
  ceil: Math.ceil,
  factorial: MATH.factorial,
  digamma: MATH.digamma,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sec: MATH.sec,
  csc: MATH.csc,
  cot: MATH.cot,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  sech: MATH.sech,
  csch: MATH.csch,
  coth: MATH.coth,
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  arcsec: MATH.arcsec,
  arccsc: MATH.arccsc,
  arccot: MATH.arccot,
  arcsinh: Math.asinh,
  arccosh: Math.acosh,
  arctanh: Math.atanh,
  arcsech: MATH.arcsech,
  arccsch: MATH.arccsch,
  arccoth: MATH.arccoth,
  not: (x) => (truthy(x) ? 0 : 1),
};

function relational(op: string, xs: number[]): number {
  for (let i = 0; i + 1 < xs.length; i++) {
    const a = xs[i];
    const b = xs[i + 1];
    const ok =
      op === "lt"
        ? a < b
        : op === "le"
          ? a <= b
          : op === "gt"
            ? a > b
            : op === "ge"
              ? a >= b
              : op === "eq"
                ? a === b
                : a !== b;
    if (!ok) return 0;
  }
  return 1;
}

export function evaluate(e: Expr, env: EvalEnv): number {
  switch (e.kind) {
    case "num":
      return e.value;
    case "sym":
      return env.value(e.name);
    case "time":
      return env.time ?? 0;
    case "call":
      break;
  }
  const a = e.args;
  const ev = (x: Expr) => evaluate(x, env);
  const f = UNARY[e.op];
  if (f) return f(ev(a[0]));
  switch (e.op) {
    case "+": {
      let s = 0;
      for (const x of a) s += ev(x);
      return s;
    }
    case "*": {
      let s = 1;
      for (const x of a) s *= ev(x);
      return s;
    }
    case "-":
      return ev(a[0]) - ev(a[1]);
    case "/":
      return ev(a[0]) / ev(a[1]);
    case "^":
      return Math.pow(ev(a[0]), ev(a[1]));
    case "quotient":
      return MATH.quotient(ev(a[0]), ev(a[1]));
    case "rem":
      return MATH.rem(ev(a[0]), ev(a[1]));
    case "min":
      return Math.min(...a.map(ev));
    case "max":
      return Math.max(...a.map(ev));
    case "and":
      return a.every((x) => truthy(ev(x))) ? 1 : 0;
    case "or":
      return a.some((x) => truthy(ev(x))) ? 1 : 0;
    case "xor":
      return MATH.xor(...a.map(ev));
    case "implies":
      return !truthy(ev(a[0])) || truthy(ev(a[1])) ? 1 : 0;
    case "lt":
    case "le":
    case "gt":
    case "ge":
    case "eq":
    case "neq":
      return relational(e.op, a.map(ev));
    case "piecewise": {
      for (let i = 0; i + 1 < a.length; i += 2) if (truthy(ev(a[i + 1]))) return ev(a[i]);
      return a.length % 2 === 1 ? ev(a[a.length - 1]) : NaN;
    }
    case "delay":
      if (!env.delay) throw new Error("delay() needs a simulation history; it cannot be evaluated here");
      return env.delay(a[0], ev(a[1]));
    case "rateOf":
      if (!env.rateOf) throw new Error("rateOf() needs the model's rates; it cannot be evaluated here");
      return env.rateOf(a[0]);
  }
  throw new Error(`il6sim internal error: no evaluator for operator "${e.op}"`);
}
