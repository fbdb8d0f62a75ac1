/**
 * AST -> infix text that `parseExpr` reads back to the same AST (round trip), with the fewest
 * parentheses the precedence rules allow.
 */
import type { Expr } from "./ast.js";

const PREC = { or: 1, and: 2, cmp: 3, add: 4, mul: 5, unary: 6, pow: 7, atom: 8 } as const;
const CMP: Record<string, string> = { lt: "<", le: "<=", gt: ">", ge: ">=", eq: "==", neq: "!=" };

export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return String(v);
}

function wrap(s: string, inner: number, outer: number): string {
  return inner < outer ? `(${s})` : s;
}

function print(e: Expr): [string, number] {
  switch (e.kind) {
    case "num": {
      const s = formatNumber(e.value);
      return [s, e.value < 0 || Object.is(e.value, -0) ? PREC.unary : PREC.atom];
    }
    case "sym":
      return [e.name, PREC.atom];
    case "time":
      return ["time", PREC.atom];
    case "call":
      break;
  }
  const a = e.args;
  const at = (i: number, min: number) => {
    const [s, p] = print(a[i]);
    return wrap(s, p, min);
  };
  switch (e.op) {
    case "or":
    case "and": {
      if (a.length < 2) return [`${e.op}(${a.map(toText).join(", ")})`, PREC.atom];
      const p = e.op === "or" ? PREC.or : PREC.and;
      return [a.map((_, i) => at(i, p + 1)).join(e.op === "or" ? " || " : " && "), p];
    }
    case "lt":
    case "le":
    case "gt":
    case "ge":
    case "eq":
    case "neq":
      if (a.length === 2) return [`${at(0, PREC.add)} ${CMP[e.op]} ${at(1, PREC.add)}`, PREC.cmp];
      return [`${e.op}(${a.map(toText).join(", ")})`, PREC.atom];
    case "+":
      if (a.length < 2) return [`plus(${a.map(toText).join(", ")})`, PREC.atom];
      return [a.map((_, i) => at(i, i === 0 ? PREC.add : PREC.mul)).join(" + "), PREC.add];
    case "-":
      return [`${at(0, PREC.add)} - ${at(1, PREC.mul)}`, PREC.add];
    case "*":
      if (a.length < 2) return [`times(${a.map(toText).join(", ")})`, PREC.atom];
      return [a.map((_, i) => at(i, i === 0 ? PREC.mul : PREC.unary)).join(" * "), PREC.mul];
    case "/":
      return [`${at(0, PREC.mul)} / ${at(1, PREC.unary)}`, PREC.mul];
    case "neg":
      return [`-${at(0, PREC.pow)}`, PREC.unary];
    case "not":
      return [`!${at(0, PREC.pow)}`, PREC.unary];
    case "^":
      // base must bind tighter than ^ (atom); the exponent may be a unary expression
      return [`${at(0, PREC.atom)}^${at(1, PREC.unary)}`, PREC.pow];
    default:
      return [`${e.op}(${a.map(toText).join(", ")})`, PREC.atom];
  }
}

/** Infix text of an expression. */
export function toText(e: Expr): string {
  return print(e)[0];
}
