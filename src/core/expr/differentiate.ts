/**
 * Symbolic differentiation d e / d x for a symbol x. Used for analytic Jacobians and forward
 * sensitivities. Piecewise and min/max differentiate branch-wise; comparisons, floor, ceil and
 * quotient have derivative zero almost everywhere. delay() and rateOf() are treated as
 * independent of the current state (zero), which is what a Newton iteration needs.
 */
import { call, type Expr, num } from "./ast.js";
import { simplify } from "./simplify.js";

const ZERO = num(0);
const ONE = num(1);
const TWO = num(2);

const c = call;
const mul = (...a: Expr[]) => c("*", ...a);
const div = (a: Expr, b: Expr) => c("/", a, b);
const pow = (a: Expr, b: Expr) => c("^", a, b);
const neg = (a: Expr) => c("neg", a);
const sq = (a: Expr) => pow(a, TWO);

function dependsOn(e: Expr, x: string): boolean {
  if (e.kind === "sym") return e.name === x;
  return e.kind === "call" && e.args.some((a) => dependsOn(a, x));
}

function d(e: Expr, x: string): Expr {
  if (!dependsOn(e, x)) return ZERO;
  if (e.kind === "sym") return ONE;
  if (e.kind !== "call") return ZERO;
  const a = e.args;
  const u = a[0];
  const du = () => d(u, x);
  switch (e.op) {
    case "+":
      return c("+", ...a.map((t) => d(t, x)));
    case "-":
      return c("-", d(a[0], x), d(a[1], x));
    case "neg":
      return neg(du());
    case "*":
      return c("+", ...a.map((_, i) => mul(...a.map((t, j) => (i === j ? d(t, x) : t)))));
    case "/": {
      const [p, q] = a;
      return c("-", div(d(p, x), q), div(mul(p, d(q, x)), sq(q)));
    }
    case "^": {
      const [b, ex] = a;
      if (!dependsOn(ex, x)) return mul(ex, pow(b, c("-", ex, ONE)), d(b, x));
      if (!dependsOn(b, x)) return mul(e, c("ln", b), d(ex, x));
      return mul(e, c("+", mul(d(ex, x), c("ln", b)), div(mul(ex, d(b, x)), b)));
    }
    case "exp":
      return mul(e, du());
    case "ln":
      return div(du(), u);
    case "log10":
      return div(du(), mul(u, num(Math.LN10)));
    case "sqrt":
      return div(du(), mul(TWO, e));
    case "abs":
      return mul(c("piecewise", ONE, c("gt", u, ZERO), num(-1), c("lt", u, ZERO), ZERO), du());
    case "sin":
      return mul(c("cos", u), du());
    case "cos":
      return neg(mul(c("sin", u), du()));
    case "tan":
      return mul(c("+", ONE, sq(e)), du());
    case "sec":
      return mul(e, c("tan", u), du());
    case "csc":
      return neg(mul(e, c("cot", u), du()));
    case "cot":
      return neg(mul(c("+", ONE, sq(e)), du()));
    case "sinh":
      return mul(c("cosh", u), du());
    case "cosh":
      return mul(c("sinh", u), du());
    case "tanh":
      return mul(c("-", ONE, sq(e)), du());
    case "sech":
      return neg(mul(e, c("tanh", u), du()));
    case "csch":
      return neg(mul(e, c("coth", u), du()));
    case "coth":
      return mul(c("-", ONE, sq(e)), du());
    case "arcsin":
      return div(du(), c("sqrt", c("-", ONE, sq(u))));
    case "arccos":
      return neg(div(du(), c("sqrt", c("-", ONE, sq(u)))));
    case "arctan":
      return div(du(), c("+", ONE, sq(u)));
    case "arccot":
      return neg(div(du(), c("+", ONE, sq(u))));
    case "arcsec":
      return div(du(), mul(c("abs", u), c("sqrt", c("-", sq(u), ONE))));
    case "arccsc":
      return neg(div(du(), mul(c("abs", u), c("sqrt", c("-", sq(u), ONE)))));
    case "arcsinh":
      return div(du(), c("sqrt", c("+", sq(u), ONE)));
    case "arccosh":
      return div(du(), c("sqrt", c("-", sq(u), ONE)));
    case "arctanh":
    case "arccoth":
      return div(du(), c("-", ONE, sq(u)));
    case "arcsech":
      return neg(div(du(), mul(u, c("sqrt", c("-", ONE, sq(u))))));
    case "arccsch":
      return neg(div(du(), mul(c("abs", u), c("sqrt", c("+", ONE, sq(u))))));
    case "factorial":
      return mul(e, c("digamma", c("+", u, ONE)), du());
    case "rem": {
      // rem(p, q) = p - q*trunc(p/q); trunc is piecewise constant
      const [p, q] = a;
      return c("-", d(p, x), mul(d(q, x), c("quotient", p, q)));
    }
    case "min":
    case "max": {
      if (a.length === 1) return du();
      const rest = a.length === 2 ? a[1] : c(e.op, ...a.slice(1));
      const pick = c(e.op === "max" ? "ge" : "le", u, rest);
      return c("piecewise", du(), pick, d(rest, x));
    }
    case "piecewise": {
      const out: Expr[] = [];
      for (let i = 0; i + 1 < a.length; i += 2) out.push(d(a[i], x), a[i + 1]);
      out.push(a.length % 2 === 1 ? d(a[a.length - 1], x) : ZERO);
      return c("piecewise", ...out);
    }
    case "digamma":
      throw new NotDifferentiable("digamma");
    default:
      // comparisons, logic, floor, ceil, quotient, delay, rateOf
      return ZERO;
  }
}

export class NotDifferentiable extends Error {
  constructor(readonly op: string) {
    super(`cannot differentiate ${op}() symbolically`);
  }
}

/** d e / d x, simplified. Throws NotDifferentiable for the rare operator without a rule. */
export function differentiate(e: Expr, x: string): Expr {
  return simplify(d(e, x));
}

/** Gradient with respect to several symbols. */
export function gradient(e: Expr, xs: readonly string[]): Expr[] {
  return xs.map((x) => differentiate(e, x));
}
