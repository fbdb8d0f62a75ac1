/**
 * Expr -> Content MathML text (the SBML L3V2 subset). Operators with no MathML form
 * (digamma) throw an ExportError naming the operator.
 */
import type { Expr } from "../../../core/expr/ast.js";

export class ExportError extends Error {}

const CSYMBOL = "http://www.sbml.org/sbml/symbols/";
const NAMES: Record<string, string> = {
  "+": "plus",
  "-": "minus",
  "*": "times",
  "/": "divide",
  "^": "power",
  neg: "minus",
  ceil: "ceiling",
  le: "leq",
  ge: "geq",
  sqrt: "root",
  log10: "log",
};
const SAME = new Set([
  "exp",
  "ln",
  "abs",
  "floor",
  "factorial",
  "not",
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
  "quotient",
  "rem",
  "implies",
  "min",
  "max",
  "and",
  "or",
  "xor",
  "lt",
  "gt",
  "eq",
  "neq",
]);

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function number(v: number): string {
  if (Number.isNaN(v)) return "<notanumber/>";
  if (v === Infinity) return "<infinity/>";
  if (v === -Infinity) return "<apply><minus/><infinity/></apply>";
  if (Number.isInteger(v) && Math.abs(v) < 2 ** 53) return `<cn type="integer"> ${v} </cn>`;
  const s = String(v);
  const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(s);
  if (m) return `<cn type="e-notation"> ${m[1]} <sep/> ${Number(m[2])} </cn>`;
  return `<cn> ${s} </cn>`;
}

export function exprToMathML(e: Expr): string {
  switch (e.kind) {
    case "num":
      return number(e.value);
    case "sym":
      return `<ci> ${escapeXml(e.name)} </ci>`;
    case "time":
      return `<csymbol encoding="text" definitionURL="${CSYMBOL}time"> time </csymbol>`;
    case "call":
      break;
  }
  const args = e.args.map(exprToMathML).join("");
  if (e.op === "piecewise") {
    const parts: string[] = [];
    for (let i = 0; i + 1 < e.args.length; i += 2)
      parts.push(`<piece>${exprToMathML(e.args[i])}${exprToMathML(e.args[i + 1])}</piece>`);
    if (e.args.length % 2 === 1)
      parts.push(`<otherwise>${exprToMathML(e.args[e.args.length - 1])}</otherwise>`);
    return `<piecewise>${parts.join("")}</piecewise>`;
  }
  if (e.op === "delay" || e.op === "rateOf")
    return `<apply><csymbol encoding="text" definitionURL="${CSYMBOL}${e.op}"> ${e.op} </csymbol>${args}</apply>`;
  const name = NAMES[e.op] ?? (SAME.has(e.op) ? e.op : undefined);
  if (name === undefined) throw new ExportError(`the operator "${e.op}" has no SBML MathML form`);
  return `<apply><${name}/>${args}</apply>`;
}

/** A <math> element with the MathML namespace, indented for readability. */
export function mathElement(e: Expr, indent: string): string {
  return `${indent}<math xmlns="http://www.w3.org/1998/Math/MathML">${exprToMathML(e)}</math>`;
}
