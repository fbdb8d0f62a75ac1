/**
 * What every SBML reader function shares: the level and version, the file name, the issue
 * lists, the MathML context, and typed attribute helpers that report bad values with positions.
 */
import type { Expr } from "../../core/expr/ast.js";
import { type Issue, issue, type Severity } from "../../core/issues.js";
import { type MathContext, mathContext, MATHML_NS, readMath } from "./mathml.js";
import { attr, child, type XmlElement } from "./xml.js";

export interface ReadContext {
  readonly file: string;
  readonly level: number;
  readonly version: number;
  /** The SBML core namespace of this document. */
  readonly ns: string;
  readonly issues: Issue[];
  readonly math: MathContext & { functions: Map<string, import("./mathml.js").FunctionDefinition> };
  /** Where each element of the model starts, keyed "kind:id" and "id" (for locating later issues). */
  readonly positions: Map<string, { line: number; column: number }>;
}

export function readContext(file: string, level: number, version: number, ns: string): ReadContext {
  const issues: Issue[] = [];
  return { file, level, version, ns, issues, math: mathContext(file, issues), positions: new Map() };
}

export function report(
  ctx: ReadContext,
  el: XmlElement,
  code: string,
  message: string,
  extra: { hint?: string; severity?: Severity } = {},
): void {
  ctx.issues.push(issue(code, ctx.file, message, { ...extra, line: el.line, column: el.column }));
}

export function warn(ctx: ReadContext, el: XmlElement, code: string, message: string, hint?: string): void {
  report(ctx, el, code, message, { severity: "warning", ...(hint !== undefined ? { hint } : {}) });
}

/** "species \"S1\"" — how messages name an element. */
export function describe(el: XmlElement): string {
  const id = attr(el, "id") ?? attr(el, "variable") ?? attr(el, "symbol");
  return id !== undefined ? `${el.name} "${id}"` : `<${el.name}>`;
}

export function numberAttr(ctx: ReadContext, el: XmlElement, name: string): number | undefined {
  const s = attr(el, name);
  if (s === undefined) return undefined;
  const t = s.trim();
  const v = /^(INF|inf|Infinity)$/.test(t)
    ? Infinity
    : /^-(INF|inf|Infinity)$/.test(t)
      ? -Infinity
      : /^(NaN|nan)$/.test(t)
        ? NaN
        : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)
          ? Number(t)
          : undefined;
  if (v === undefined) {
    report(ctx, el, "bad-attribute", `${describe(el)}: ${name}="${s}" is not a number.`);
    return NaN;
  }
  return v;
}

export function boolAttr(ctx: ReadContext, el: XmlElement, name: string): boolean | undefined {
  const s = attr(el, name);
  if (s === undefined) return undefined;
  const t = s.trim();
  if (t === "true" || t === "1") return true;
  if (t === "false" || t === "0") return false;
  report(ctx, el, "bad-attribute", `${describe(el)}: ${name}="${s}" is not a boolean.`, {
    hint: 'Use "true" or "false".',
  });
  return undefined;
}

/** An attribute SBML Level 3 requires; in Level 2 the documented default applies. */
export function l3Required<T>(
  ctx: ReadContext,
  el: XmlElement,
  name: string,
  value: T | undefined,
  l2Default: T,
  l3Fallback: T,
): T {
  if (value !== undefined) return value;
  if (ctx.level < 3) return l2Default;
  warn(
    ctx,
    el,
    "missing-attribute",
    `${describe(el)} has no "${name}" attribute, which SBML Level 3 requires; assuming ${String(l3Fallback)}.`,
  );
  return l3Fallback;
}

/** The expression in a child <math> element, or undefined (with no issue) if there is none. */
export function mathOf(ctx: ReadContext, el: XmlElement | undefined, where: string): Expr | undefined {
  if (!el) return undefined;
  const m = el.children.find((c) => c.name === "math" && c.uri === MATHML_NS);
  return m ? readMath(m, ctx.math, where) : undefined;
}

export function remember(ctx: ReadContext, el: XmlElement, kind: string, id: string | undefined): void {
  if (id === undefined) return;
  const pos = { line: el.line, column: el.column };
  ctx.positions.set(`${kind}:${id}`, pos);
  if (!ctx.positions.has(id)) ctx.positions.set(id, pos);
}

/** Attach a position to an issue from validation/compilation, whose path names "kind[i] (id)". */
export function locate(ctx: ReadContext, i: Issue, fallback: XmlElement): Issue {
  if (i.line !== undefined) return i;
  const m = /^(\w+)(?:\[\d+\])?(?:\s*\(([^)]+)\))?/.exec(i.path);
  const kind = m?.[1];
  const id = m?.[2];
  const pos = (id !== undefined
    ? (ctx.positions.get(`${kind}:${id}`) ?? ctx.positions.get(id))
    : ctx.positions.get(`${kind}:0`)) || {
    line: fallback.line,
    column: fallback.column,
  };
  return { ...i, path: ctx.file, message: `${i.path}: ${i.message}`, line: pos.line, column: pos.column };
}

/** Items of a core listOfX, reporting (as errors) elements that do not belong there. */
export function items(
  ctx: ReadContext,
  parent: XmlElement,
  listName: string,
  itemNames: string[],
): XmlElement[] {
  const l = child(parent, listName, ctx.ns);
  if (!l) return [];
  const out: XmlElement[] = [];
  for (const c of l.children) {
    if (c.uri !== ctx.ns) continue; // package elements are handled (or reported) by the package check
    if (itemNames.includes(c.name)) out.push(c);
    else if (c.name !== "notes" && c.name !== "annotation")
      report(ctx, c, "unknown-element", `<${c.name}> is not allowed in <${listName}>.`, {
        hint: `Allowed: ${itemNames.map((n) => `<${n}>`).join(", ")}.`,
      });
  }
  return out;
}
