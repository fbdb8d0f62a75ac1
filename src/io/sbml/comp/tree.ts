/**
 * Tree operations the comp flattener needs on SBML elements: deep copies, prefixing every id
 * and reference of an instantiated submodel, renaming references (with an optional conversion
 * factor), and scaling math. Math stays MathML here; the core reader turns it into Expr later.
 */
import { MATHML_NS } from "../mathml.js";
import type { XmlAttribute, XmlElement } from "../xml.js";

export const COMP_NS = "http://www.sbml.org/sbml/level3/version1/comp/version1";
/** Attributes whose value is the id of another model element (SIdRef). */
const SIDREF_ATTRS = new Set(["compartment", "species", "variable", "symbol", "conversionFactor", "outside"]);

export function clone(el: XmlElement, parent?: XmlElement): XmlElement {
  const copy: XmlElement = {
    ...el,
    attributes: el.attributes.map((a) => ({ ...a })),
    children: [],
    ...(parent ? { parent } : {}),
  };
  if (!parent) delete copy.parent;
  for (const c of el.children) copy.children.push(clone(c, copy));
  return copy;
}

export function setAttr(el: XmlElement, local: string, value: string): void {
  const attrs = el.attributes as XmlAttribute[];
  const a = attrs.find((x) => x.local === local && (x.uri === "" || x.uri === el.uri));
  if (a) (a as { value: string }).value = value;
  else attrs.push({ local, uri: "", prefix: "", value });
}

function coreAttr(el: XmlElement, local: string): XmlAttribute | undefined {
  return el.attributes.find((a) => a.local === local && (a.uri === "" || a.uri === el.uri));
}

export function mathEl(name: string, children: XmlElement[] = [], text = ""): XmlElement {
  const el: XmlElement = {
    name,
    uri: MATHML_NS,
    prefix: "",
    attributes: [],
    children,
    text,
    line: 0,
    column: 0,
    ns: {},
  };
  for (const c of children) c.parent = el;
  return el;
}
export const ci = (id: string): XmlElement => mathEl("ci", [], id);
export const apply = (op: string, ...args: XmlElement[]): XmlElement =>
  mathEl("apply", [mathEl(op), ...args]);

/** Names that math inside `el` binds locally: local parameters of a kinetic law, bvars of a lambda. */
function localNames(el: XmlElement, inherited: ReadonlySet<string>): ReadonlySet<string> {
  if (el.name === "kineticLaw") {
    const ids = el.children
      .filter((c) => c.name === "listOfLocalParameters" || c.name === "listOfParameters")
      .flatMap((l) => l.children.map((p) => coreAttr(p, "id")?.value ?? ""));
    return new Set([...inherited, ...ids]);
  }
  if (el.name === "lambda") {
    const bvars = el.children.filter((c) => c.name === "bvar").map((b) => b.children[0]?.text.trim() ?? "");
    return new Set([...inherited, ...bvars]);
  }
  return inherited;
}

/**
 * Walk an element tree: rename id/metaid/SIdRef attributes with `renameAttr`, and replace each
 * <ci> that is not locally bound with `renameCi(name)` (an element, or undefined to keep it).
 */
export function mapRefs(
  el: XmlElement,
  f: {
    id?: (id: string, el: XmlElement) => string;
    metaid?: (m: string) => string;
    ref?: (id: string) => string;
    ci?: (name: string) => XmlElement | undefined;
  },
  bound: ReadonlySet<string> = new Set(),
): void {
  if (el.uri === MATHML_NS) {
    const inner = localNames(el, bound);
    el.children.forEach((c, k) => {
      if (c.name === "ci" && c.uri === MATHML_NS && f.ci) {
        const name = c.text.trim();
        if (inner.has(name)) return;
        const r = f.ci(name);
        if (r) {
          r.parent = el;
          el.children[k] = r;
        }
      } else mapRefs(c, f, inner);
    });
    return;
  }
  for (const a of el.attributes as XmlAttribute[]) {
    const mine = a.uri === "" || a.uri === el.uri;
    if (!mine) continue;
    const w = a as { value: string };
    if (
      a.local === "id" &&
      f.id &&
      el.name !== "localParameter" &&
      !(
        el.name === "parameter" &&
        el.parent?.name === "listOfParameters" &&
        el.parent.parent?.name === "kineticLaw"
      )
    )
      w.value = f.id(a.value, el);
    else if (a.local === "metaid" && f.metaid) w.value = f.metaid(a.value);
    else if (SIDREF_ATTRS.has(a.local) && f.ref) w.value = f.ref(a.value);
  }
  const inner = localNames(el, bound);
  for (const c of el.children) if (c.uri !== COMP_NS) mapRefs(c, f, inner);
}

/** Multiply (or divide) the expression inside a <math> child of `el` by the symbol `factor`. */
export function scaleMath(el: XmlElement | undefined, op: "times" | "divide", factor: string): void {
  const m = el?.children.find((c) => c.name === "math" && c.uri === MATHML_NS);
  const body = m?.children.find((c) => c.uri === MATHML_NS);
  if (!m || !body) return;
  const scaled = apply(op, body, ci(factor));
  scaled.parent = m;
  m.children[m.children.indexOf(body)] = scaled;
}

/**
 * Replace csymbol time by time / tcf, and scale the delay argument of csymbol delay by tcf.
 * Both arguments of a delay are submodel math, so time in either is converted first (test
 * case 01174: delay(t3, time / 2) becomes delay(t3, tcf · (time / tcf) / 2)).
 */
export function convertTime(el: XmlElement, tcf: string): void {
  el.children.forEach((_, k) => convertChild(el, k, tcf));
}

function convertChild(el: XmlElement, k: number, tcf: string): void {
  const c = el.children[k];
  if (c.uri === MATHML_NS && c.name === "csymbol" && /\/time$/.test(coreOrAny(c, "definitionURL"))) {
    if (el.name === "apply" && k === 0) return;
    const r = apply("divide", c, ci(tcf));
    r.parent = el;
    el.children[k] = r;
    return;
  }
  if (c.uri === MATHML_NS && c.name === "apply") {
    const head = c.children[0];
    if (head?.name === "csymbol" && /\/delay$/.test(coreOrAny(head, "definitionURL")) && c.children[2]) {
      convertChild(c, 1, tcf);
      convertChild(c, 2, tcf);
      const r = apply("times", c.children[2], ci(tcf));
      r.parent = c;
      c.children[2] = r;
      return;
    }
  }
  convertTime(c, tcf);
}

function coreOrAny(el: XmlElement, local: string): string {
  return el.attributes.find((a) => a.local === local)?.value.trim() ?? "";
}

/** Every element below `el` (inclusive), depth first. */
export function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* walk(c);
}
