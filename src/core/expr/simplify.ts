/**
 * Algebraic clean-up: constant folding and the identities that symbolic derivatives produce
 * (x*0, x*1, x+0, x^1, --x). Keeps compiled Jacobians short. Multiplication by a literal zero
 * gives zero, as in every CAS (the 0*Inf case is deliberately ignored).
 */
import { call, type Expr, num } from "./ast.js";
import { evaluate } from "./evaluate.js";

const isNum = (e: Expr, v?: number): boolean => e.kind === "num" && (v === undefined || e.value === v);
const NO_ENV = { value: () => NaN };

function foldable(e: Expr): boolean {
  if (e.kind === "num") return true;
  if (e.kind !== "call") return false;
  if (e.op === "delay" || e.op === "rateOf") return false;
  return e.args.every((a) => a.kind === "num");
}

export function simplify(e: Expr): Expr {
  if (e.kind !== "call") return e;
  const args = e.args.map(simplify);
  const node = { kind: "call", op: e.op, args } as Expr;
  if (foldable(node) && args.length > 0) return num(evaluate(node, NO_ENV));
  switch (e.op) {
    case "+": {
      const flat: Expr[] = [];
      let c = 0;
      for (const a of args) {
        const parts = a.kind === "call" && a.op === "+" ? a.args : [a];
        for (const p of parts) {
          if (p.kind === "num") c += p.value;
          else flat.push(p);
        }
      }
      if (c !== 0 || flat.length === 0) flat.push(num(c));
      return flat.length === 1 ? flat[0] : call("+", ...flat);
    }
    case "*": {
      const flat: Expr[] = [];
      let c = 1;
      for (const a of args) {
        const parts = a.kind === "call" && a.op === "*" ? a.args : [a];
        for (const p of parts) {
          if (p.kind === "num") c *= p.value;
          else flat.push(p);
        }
      }
      if (c === 0) return num(0);
      if (flat.length === 0) return num(c);
      if (c === -1) {
        const body = flat.length === 1 ? flat[0] : call("*", ...flat);
        return call("neg", body);
      }
      if (c !== 1) flat.unshift(num(c));
      return flat.length === 1 ? flat[0] : call("*", ...flat);
    }
    case "-": {
      const [a, b] = args;
      if (isNum(b, 0)) return a;
      if (isNum(a, 0)) return simplify(call("neg", b));
      return call("-", a, b);
    }
    case "neg": {
      const [a] = args;
      if (a.kind === "call" && a.op === "neg") return a.args[0];
      return call("neg", a);
    }
    case "/": {
      const [a, b] = args;
      if (isNum(a, 0)) return num(0);
      if (isNum(b, 1)) return a;
      return call("/", a, b);
    }
    case "^": {
      const [a, b] = args;
      if (isNum(b, 1)) return a;
      if (isNum(b, 0)) return num(1);
      return call("^", a, b);
    }
    case "piecewise": {
      const out: Expr[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) {
        const cond = args[i + 1];
        if (cond.kind === "num") {
          if (cond.value !== 0 && !Number.isNaN(cond.value)) {
            if (out.length === 0) return args[i];
            out.push(args[i]);
            return call("piecewise", ...out);
          }
          continue; // a branch that can never be taken
        }
        out.push(args[i], cond);
      }
      if (args.length % 2 === 1) {
        if (out.length === 0) return args[args.length - 1];
        out.push(args[args.length - 1]);
      }
      if (out.length === 0) return num(NaN);
      return call("piecewise", ...out);
    }
    default:
      if (args.length === 1 && (e.op === "min" || e.op === "max")) return args[0];
      return call(e.op, ...args);
  }
}
