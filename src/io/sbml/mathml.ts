/**
 * Content MathML (the SBML subset, L2V1..L3V2) -> Expr. Function definitions are inlined with
 * `substitute`, so the AST never holds user functions. Every element we cannot read becomes an
 * issue with its line and column, naming what is supported; the expression is then NaN.
 */
import { call, type Expr, num, type Op, substitute, sym, time } from "../../core/expr/ast.js";
import { type Issue, issue, suggestion } from "../../core/issues.js";
import { attr, type XmlElement } from "./xml.js";

export const MATHML_NS = "http://www.w3.org/1998/Math/MathML";
const CSYMBOL = "http://www.sbml.org/sbml/symbols/";
/**
 * The value SBML Level 3 defines for csymbol avogadro (CODATA 2006, as the L3V1/L3V2
 * specifications and libSBML use), not the 2019 SI value in core/expr's AVOGADRO.
 */
export const SBML_AVOGADRO = 6.02214179e23;

/** A function definition as read: parameter names and the body element (parsed on first use). */
export interface FunctionDefinition {
  readonly id: string;
  readonly params: readonly string[];
  readonly body: XmlElement | undefined;
  readonly el: XmlElement;
}

export interface MathContext {
  readonly file: string;
  readonly functions: ReadonlyMap<string, FunctionDefinition>;
  readonly issues: Issue[];
  /** Parsed bodies, memoised; also used to detect recursive definitions. */
  readonly bodies: Map<string, Expr | "busy">;
}

export function mathContext(
  file: string,
  issues: Issue[],
): MathContext & {
  functions: Map<string, FunctionDefinition>;
} {
  return { file, functions: new Map(), issues, bodies: new Map() };
}

const UNARY: Record<string, Op> = {
  exp: "exp",
  ln: "ln",
  abs: "abs",
  floor: "floor",
  ceiling: "ceil",
  factorial: "factorial",
  not: "not",
  sin: "sin",
  cos: "cos",
  tan: "tan",
  sec: "sec",
  csc: "csc",
  cot: "cot",
  sinh: "sinh",
  cosh: "cosh",
  tanh: "tanh",
  sech: "sech",
  csch: "csch",
  coth: "coth",
  arcsin: "arcsin",
  arccos: "arccos",
  arctan: "arctan",
  arcsec: "arcsec",
  arccsc: "arccsc",
  arccot: "arccot",
  arcsinh: "arcsinh",
  arccosh: "arccosh",
  arctanh: "arctanh",
  arcsech: "arcsech",
  arccsch: "arccsch",
  arccoth: "arccoth",
};
const BINARY: Record<string, Op> = {
  divide: "/",
  power: "^",
  quotient: "quotient",
  rem: "rem",
  implies: "implies",
};
const RELATIONAL: Record<string, Op> = { eq: "eq", neq: "neq", gt: "gt", lt: "lt", geq: "ge", leq: "le" };
const NARY: Record<string, { op: Op; empty?: number }> = {
  plus: { op: "+", empty: 0 },
  times: { op: "*", empty: 1 },
  and: { op: "and", empty: 1 },
  or: { op: "or", empty: 0 },
  xor: { op: "xor", empty: 0 },
  max: { op: "max" },
  min: { op: "min" },
};
const CONSTANTS: Record<string, number> = {
  true: 1,
  false: 0,
  pi: Math.PI,
  exponentiale: Math.E,
  infinity: Infinity,
  notanumber: NaN,
};

export const SUPPORTED_MATHML = [
  "apply",
  "ci",
  "cn",
  "csymbol (time, avogadro, delay, rateOf)",
  "piecewise",
  "lambda",
  ...Object.keys(CONSTANTS),
  ...Object.keys(NARY),
  "minus",
  "root",
  "log",
  ...Object.keys(UNARY),
  ...Object.keys(BINARY),
  ...Object.keys(RELATIONAL),
];

/** The expression inside a <math> element (its single child); undefined if it is empty. */
export function readMath(mathEl: XmlElement, ctx: MathContext, where: string): Expr | undefined {
  const kids = mathEl.children.filter((c) => c.uri === MATHML_NS || c.name !== "annotation");
  if (kids.length === 0) return undefined;
  if (kids.length > 1) report(ctx, kids[1], where, "A <math> element holds one expression.");
  return toExpr(kids[0], ctx, where);
}

function report(ctx: MathContext, el: XmlElement, where: string, message: string, hint?: string): Expr {
  ctx.issues.push(
    issue("invalid-mathml", ctx.file, `${where}: ${message}`, {
      line: el.line,
      column: el.column,
      ...(hint !== undefined ? { hint } : {}),
    }),
  );
  return num(NaN);
}

function mathChildren(el: XmlElement): XmlElement[] {
  return el.children.filter((c) => c.uri === MATHML_NS);
}

function readNumber(el: XmlElement, ctx: MathContext, where: string): Expr {
  const type = attr(el, "type") ?? "real";
  const parts = el.text.trim().split(/\s+/);
  const parse = (s: string): number => {
    const t = s.trim().toLowerCase();
    if (t === "inf" || t === "infinity") return Infinity;
    if (t === "-inf" || t === "-infinity") return -Infinity;
    if (t === "nan") return NaN;
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim()) ? Number(s) : NaN;
  };
  let v: number;
  if (type === "e-notation" || type === "rational") {
    if (parts.length !== 2)
      return report(ctx, el, where, `<cn type="${type}"> needs two numbers separated by <sep/>.`);
    const [a, b] = parts.map(parse);
    // e-notation via the decimal string, so "6.02214179 <sep/> 23" is exactly 6.02214179e23
    v = type === "rational" ? a / b : Number(`${parts[0]}e${parts[1]}`);
    if (Number.isNaN(v)) v = a * Math.pow(10, b);
  } else if (type === "integer") {
    const base = Number(attr(el, "base") ?? "10");
    v = base === 10 ? parse(parts[0] ?? "") : parseInt(parts[0] ?? "", base);
  } else if (type === "real" || type === "double") {
    v = parse(parts.join(""));
  } else
    return report(
      ctx,
      el,
      where,
      `Unknown <cn> type "${type}".`,
      "Use integer, real, e-notation or rational.",
    );
  if (Number.isNaN(v) && !/^nan$/i.test(parts[0] ?? ""))
    return report(ctx, el, where, `"${el.text}" is not a number.`);
  return num(v);
}

function csymbolKind(el: XmlElement): string {
  const url = (attr(el, "definitionURL") ?? "").trim();
  return url.startsWith(CSYMBOL) ? url.slice(CSYMBOL.length) : url;
}

export function toExpr(el: XmlElement, ctx: MathContext, where: string): Expr {
  if (el.uri !== MATHML_NS)
    return report(
      ctx,
      el,
      where,
      `<${el.name}> is not a MathML element.`,
      "Math must be in the MathML namespace.",
    );
  switch (el.name) {
    case "cn":
      return readNumber(el, ctx, where);
    case "ci": {
      const name = el.text.trim();
      if (!name) return report(ctx, el, where, "<ci> is empty.");
      return sym(name);
    }
    case "csymbol": {
      const k = csymbolKind(el);
      if (k === "time") return time;
      if (k === "avogadro") return num(SBML_AVOGADRO);
      if (k === "delay" || k === "rateOf")
        return report(ctx, el, where, `csymbol ${k} is a function: use it as the first child of <apply>.`);
      return report(
        ctx,
        el,
        where,
        `Unknown csymbol "${attr(el, "definitionURL") ?? ""}".`,
        "Supported: time, avogadro, delay, rateOf.",
      );
    }
    case "semantics": {
      const first = mathChildren(el).find((c) => c.name !== "annotation" && c.name !== "annotation-xml");
      return first ? toExpr(first, ctx, where) : report(ctx, el, where, "<semantics> holds no expression.");
    }
    case "piecewise":
      return readPiecewise(el, ctx, where);
    case "apply":
      return readApply(el, ctx, where);
    default: {
      const c = CONSTANTS[el.name];
      if (c !== undefined) return num(c);
      return report(
        ctx,
        el,
        where,
        `Unsupported MathML element <${el.name}>.`,
        `${suggestion(el.name, SUPPORTED_MATHML, "element")} Supported: the SBML MathML subset.`,
      );
    }
  }
}

function readPiecewise(el: XmlElement, ctx: MathContext, where: string): Expr {
  const args: Expr[] = [];
  let otherwise: Expr | undefined;
  for (const c of mathChildren(el)) {
    if (c.name === "piece") {
      const kids = mathChildren(c);
      if (kids.length !== 2) {
        report(ctx, c, where, "<piece> needs a value and a condition.");
        continue;
      }
      args.push(toExpr(kids[0], ctx, where), toExpr(kids[1], ctx, where));
    } else if (c.name === "otherwise") {
      const kids = mathChildren(c);
      if (kids.length !== 1) report(ctx, c, where, "<otherwise> needs one value.");
      else otherwise = toExpr(kids[0], ctx, where);
    } else report(ctx, c, where, `<${c.name}> cannot appear in <piecewise>; use <piece> and <otherwise>.`);
  }
  if (otherwise !== undefined) args.push(otherwise);
  if (args.length === 0) return num(NaN);
  return call("piecewise", ...args);
}

function qualifier(kids: XmlElement[], name: string, ctx: MathContext, where: string) {
  const i = kids.findIndex((k) => k.name === name);
  if (i < 0) return { rest: kids, value: undefined as Expr | undefined };
  const q = kids[i];
  const inner = mathChildren(q);
  const value =
    inner.length === 1 ? toExpr(inner[0], ctx, where) : report(ctx, q, where, `<${name}> holds one value.`);
  return { rest: kids.filter((_, j) => j !== i), value };
}

function readApply(el: XmlElement, ctx: MathContext, where: string): Expr {
  const kids = mathChildren(el);
  const head = kids[0];
  if (!head) return report(ctx, el, where, "<apply> is empty.");
  const rawArgs = kids.slice(1);
  const argsOf = (xs: XmlElement[]) => xs.map((k) => toExpr(k, ctx, where));
  const arity = (n: number, args: Expr[], name: string): boolean => {
    if (args.length === n) return true;
    report(ctx, el, where, `<${name}> takes ${n} argument${n === 1 ? "" : "s"}, not ${args.length}.`);
    return false;
  };
  const name = head.name;
  if (name === "ci") return callFunction(head.text.trim(), argsOf(rawArgs), ctx, head, where);
  if (name === "csymbol") {
    const k = csymbolKind(head);
    const args = argsOf(rawArgs);
    if (k === "delay") return arity(2, args, "delay") ? call("delay", args[0], args[1]) : num(NaN);
    if (k === "rateOf") return arity(1, args, "rateOf") ? call("rateOf", args[0]) : num(NaN);
    return report(
      ctx,
      head,
      where,
      `csymbol "${attr(head, "definitionURL") ?? ""}" is not a function.`,
      "Supported functions: delay, rateOf.",
    );
  }
  if (name === "root") {
    const { rest, value: degree } = qualifier(rawArgs, "degree", ctx, where);
    const args = argsOf(rest);
    if (!arity(1, args, "root")) return num(NaN);
    if (!degree || (degree.kind === "num" && degree.value === 2)) return call("sqrt", args[0]);
    return call("^", args[0], call("/", num(1), degree));
  }
  if (name === "log") {
    const { rest, value: base } = qualifier(rawArgs, "logbase", ctx, where);
    const args = argsOf(rest);
    if (!arity(1, args, "log")) return num(NaN);
    if (!base || (base.kind === "num" && base.value === 10)) return call("log10", args[0]);
    return call("/", call("ln", args[0]), call("ln", base));
  }
  const args = argsOf(rawArgs);
  if (name === "minus") {
    if (args.length === 1) return call("neg", args[0]);
    return arity(2, args, "minus") ? call("-", args[0], args[1]) : num(NaN);
  }
  const u = UNARY[name];
  if (u) return arity(1, args, name) ? call(u, args[0]) : num(NaN);
  const b = BINARY[name];
  if (b) return arity(2, args, name) ? call(b, args[0], args[1]) : num(NaN);
  const r = RELATIONAL[name];
  if (r) {
    if (args.length === 0) return report(ctx, el, where, `<${name}> needs arguments.`);
    if (args.length === 1) return num(1);
    if (r === "neq" && args.length !== 2) return report(ctx, el, where, "<neq> takes 2 arguments.");
    return call(r, ...args);
  }
  const n = NARY[name];
  if (n) {
    if (args.length === 0) {
      if (n.empty === undefined) return report(ctx, el, where, `<${name}> needs at least one argument.`);
      return num(n.empty);
    }
    if (args.length === 1 && (n.op === "+" || n.op === "*" || n.op === "min" || n.op === "max"))
      return args[0];
    return call(n.op, ...args);
  }
  if (name === "apply" || name === "lambda")
    return report(
      ctx,
      head,
      where,
      `<${name}> as an operator is not supported.`,
      "Call a function definition by its id.",
    );
  return report(
    ctx,
    head,
    where,
    `Unsupported MathML operator <${name}>.`,
    `${suggestion(name, SUPPORTED_MATHML, "operator")}`,
  );
}

function callFunction(id: string, args: Expr[], ctx: MathContext, el: XmlElement, where: string): Expr {
  const f = ctx.functions.get(id);
  if (!f)
    return report(
      ctx,
      el,
      where,
      `Unknown function "${id}".`,
      suggestion(id, [...ctx.functions.keys()], "function"),
    );
  if (args.length !== f.params.length)
    return report(
      ctx,
      el,
      where,
      `Function "${id}" takes ${f.params.length} argument(s), not ${args.length}.`,
    );
  const body = functionBody(f, ctx);
  return substitute(body, new Map(f.params.map((p, i) => [p, args[i]])));
}

/** The body of a function definition as an Expr (function calls inside already inlined). */
export function functionBody(f: FunctionDefinition, ctx: MathContext): Expr {
  const memo = ctx.bodies.get(f.id);
  if (memo === "busy") return report(ctx, f.el, `function "${f.id}"`, `Function "${f.id}" calls itself.`);
  if (memo) return memo;
  ctx.bodies.set(f.id, "busy");
  const body = f.body ? toExpr(f.body, ctx, `function "${f.id}"`) : num(NaN);
  ctx.bodies.set(f.id, body);
  return body;
}

/** Read a functionDefinition's <math><lambda> into a FunctionDefinition (body parsed lazily). */
export function readLambda(
  id: string,
  fnEl: XmlElement,
  mathEl: XmlElement | undefined,
  ctx: MathContext,
): FunctionDefinition {
  let lambda = mathEl ? mathChildren(mathEl)[0] : undefined;
  if (lambda?.name === "semantics") lambda = mathChildren(lambda)[0];
  if (!lambda || lambda.name !== "lambda") {
    if (mathEl)
      report(ctx, lambda ?? mathEl, `function "${id}"`, "A function definition's math must be a <lambda>.");
    return { id, params: [], body: undefined, el: fnEl };
  }
  const kids = mathChildren(lambda);
  const params: string[] = [];
  for (const k of kids) {
    if (k.name !== "bvar") continue;
    const ci = mathChildren(k)[0];
    if (ci?.name === "ci") params.push(ci.text.trim());
    else report(ctx, k, `function "${id}"`, "<bvar> must hold a <ci>.");
  }
  const body = kids.filter((k) => k.name !== "bvar");
  return { id, params, body: body[body.length - 1], el: fnEl };
}
