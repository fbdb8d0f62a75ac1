/**
 * SBML Level 3 `comp` (hierarchical model composition) -> one flat core <model>, as libSBML's
 * flattening converter does: each submodel is instantiated recursively, its ids prefixed with
 * "<submodelId>__", deletions removed, time and extent conversion factors applied, and replaced
 * elements removed with every reference redirected to their replacement (divided by the
 * replacement's conversion factor where one is given).
 */
import { type ReadContext, report } from "../context.js";
import { attr, attrNS, parseXml, type XmlElement } from "../xml.js";
import { apply, ci, clone, COMP_NS, convertTime, mapRefs, scaleMath, setAttr, walk } from "./tree.js";

const LISTS = [
  "listOfFunctionDefinitions",
  "listOfUnitDefinitions",
  "listOfCompartments",
  "listOfSpecies",
  "listOfParameters",
  "listOfInitialAssignments",
  "listOfRules",
  "listOfConstraints",
  "listOfReactions",
  "listOfEvents",
];

interface Flat {
  readonly lists: Map<string, XmlElement[]>;
  readonly ports: Map<string, XmlElement>;
  readonly submodels: Map<string, Flat>;
  /** Element -> the prefix of the submodel it came from ("" for the model's own elements). */
  readonly origin: Map<XmlElement, string>;
  /** Ids that a replacement redirected (old -> new), so deeper references still find them. */
  readonly aliases: Map<string, string>;
}

interface Scope {
  readonly flat: Flat;
  readonly prefix: string;
}

type Target =
  | { kind: "id"; id: string; prefix: string }
  | { kind: "metaid"; metaid: string; prefix: string }
  | { kind: "submodel"; prefix: string }
  | { kind: "ignore" };

interface DocScope {
  readonly defs: Map<string, XmlElement>;
  readonly externals: Map<string, XmlElement>;
  readonly ns: string;
}

export interface CompOptions {
  /** Text of an external model file named by comp:source (relative to the importing file). */
  readonly resolve?: (source: string) => string | undefined;
}

export function flattenComp(
  ctx: ReadContext,
  root: XmlElement,
  model: XmlElement,
  options: CompOptions = {},
): XmlElement {
  const flat = instantiate(ctx, model, docScope(root), options, 0);
  const out: XmlElement = {
    ...model,
    children: [],
    attributes: model.attributes.filter((a) => a.uri !== COMP_NS),
  };
  for (const c of model.children) if (c.name === "notes" || c.name === "annotation") out.children.push(c);
  for (const name of LISTS) {
    const items = flat.lists.get(name) ?? [];
    if (items.length === 0) continue;
    const list: XmlElement = {
      name,
      uri: ctx.ns,
      prefix: "",
      attributes: [],
      children: [],
      text: "",
      line: model.line,
      column: model.column,
      ns: {},
      parent: out,
    };
    for (const it of name === "listOfUnitDefinitions" ? dedupe(items) : items) {
      it.parent = list;
      list.children.push(it);
    }
    out.children.push(list);
  }
  return out;
}

function dedupe(items: XmlElement[]): XmlElement[] {
  const seen = new Set<string>();
  return items.filter((u) => {
    const id = attr(u, "id") ?? "";
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function docScope(root: XmlElement): DocScope {
  const defs = new Map<string, XmlElement>();
  const externals = new Map<string, XmlElement>();
  for (const l of root.children.filter((c) => c.uri === COMP_NS)) {
    for (const d of l.children) {
      if (d.name === "modelDefinition") defs.set(attr(d, "id") ?? attrNS(d, COMP_NS, "id") ?? "", d);
      if (d.name === "externalModelDefinition")
        externals.set(attrNS(d, COMP_NS, "id") ?? attr(d, "id") ?? "", d);
    }
  }
  const main = root.children.find((c) => c.name === "model");
  if (main) defs.set(attr(main, "id") ?? "", main);
  return { defs, externals, ns: root.uri };
}

function findDefinition(
  ctx: ReadContext,
  ref: string,
  doc: DocScope,
  options: CompOptions,
  at: XmlElement,
): [XmlElement, DocScope] | undefined {
  const d = doc.defs.get(ref);
  if (d) return [d, doc];
  const ext = doc.externals.get(ref);
  if (!ext) {
    report(ctx, at, "unknown-id", `Submodel refers to model "${ref}", which is not defined.`, {
      hint: `Defined: ${[...doc.defs.keys(), ...doc.externals.keys()].join(", ") || "none"}.`,
    });
    return undefined;
  }
  const source = attrNS(ext, COMP_NS, "source") ?? "";
  const text = options.resolve?.(source);
  if (text === undefined) {
    report(ctx, ext, "external-model", `External model file "${source}" could not be read.`, {
      hint: "Put the file next to the importing model (comp:source is relative to it).",
    });
    return undefined;
  }
  const xml = parseXml(text, source);
  if (!xml.ok) {
    ctx.issues.push(...xml.issues);
    return undefined;
  }
  const extDoc = docScope(xml.root);
  const modelRef =
    attrNS(ext, COMP_NS, "modelRef") ??
    attr(xml.root.children.find((c) => c.name === "model") ?? xml.root, "id") ??
    "";
  return findDefinition(ctx, modelRef, extDoc, options, ext);
}

function instantiate(
  ctx: ReadContext,
  model: XmlElement,
  doc: DocScope,
  options: CompOptions,
  depth: number,
): Flat {
  const flat: Flat = {
    lists: new Map(),
    ports: new Map(),
    submodels: new Map(),
    origin: new Map(),
    aliases: new Map(),
  };
  if (depth > 20) {
    report(ctx, model, "comp-cycle", "Submodels nest more than 20 deep; is a model its own submodel?");
    return flat;
  }
  const core = (c: XmlElement) => c.uri === doc.ns || (c.uri !== COMP_NS && LISTS.includes(c.name));
  for (const l of model.children.filter((c) => core(c) && LISTS.includes(c.name))) {
    const items = l.children.filter((c) => c.uri === l.uri).map((c) => clone(c));
    flat.lists.set(l.name, [...(flat.lists.get(l.name) ?? []), ...items]);
    for (const it of items) flat.origin.set(it, "");
  }
  // A model-wide conversion factor applies to the model's own species; keep it on each species.
  const cf = attr(model, "conversionFactor");
  if (cf !== undefined && depth > 0)
    for (const s of flat.lists.get("listOfSpecies") ?? [])
      if (attr(s, "conversionFactor") === undefined) setAttr(s, "conversionFactor", cf);

  const compLists = model.children.filter((c) => c.uri === COMP_NS);
  const pending: ((parent: Flat) => void)[] = [];
  for (const sm of compLists.filter((l) => l.name === "listOfSubmodels").flatMap((l) => l.children)) {
    const sid = attrNS(sm, COMP_NS, "id") ?? "";
    const found = findDefinition(ctx, attrNS(sm, COMP_NS, "modelRef") ?? "", doc, options, sm);
    if (!found) continue;
    const sub = instantiate(ctx, found[0], found[1], options, depth + 1);
    const prefix = `${sid}__`;
    prefixFlat(sub, prefix);
    const later = applyConversions(
      sub,
      attrNS(sm, COMP_NS, "timeConversionFactor"),
      attrNS(sm, COMP_NS, "extentConversionFactor"),
    );
    if (later) pending.push(later);
    for (const [name, items] of sub.lists) flat.lists.set(name, [...(flat.lists.get(name) ?? []), ...items]);
    for (const [el, o] of sub.origin) flat.origin.set(el, `${prefix}${o}`);
    for (const [a, b] of sub.aliases) flat.aliases.set(`${prefix}${a}`, `${prefix}${b}`);
    const scope: Scope = { flat: sub, prefix };
    for (const del of sm.children.filter((c) => c.name === "listOfDeletions").flatMap((l) => l.children))
      remove(ctx, flat, resolve(ctx, del, scope), del);
    flat.submodels.set(sid, sub);
  }
  replaceAll(ctx, flat);
  for (const f of pending) f(flat);
  for (const p of compLists.filter((l) => l.name === "listOfPorts").flatMap((l) => l.children))
    flat.ports.set(attrNS(p, COMP_NS, "id") ?? "", p);
  return flat;
}

function allItems(flat: Flat): XmlElement[] {
  return [...flat.lists.values()].flat();
}

function prefixFlat(flat: Flat, prefix: string): void {
  const p = (s: string) => `${prefix}${s}`;
  for (const it of allItems(flat))
    mapRefs(it, {
      id: (id, el) => (el.name === "unitDefinition" ? id : p(id)),
      metaid: p,
      ref: p,
      ci: (name) => ci(p(name)),
    });
}

/**
 * Time and extent conversion of an instantiated submodel. Returns how to rewrite references to
 * its reactions (a reaction id in the submodel's math means its rate in the submodel's units,
 * rate_sub = rate_flat * tcf / ecf), to apply after replacements: a replaced reaction's
 * references go to the replacement unconverted (only its own conversion factor applies).
 */
function applyConversions(
  flat: Flat,
  tcf: string | undefined,
  ecf: string | undefined,
): ((parent: Flat) => void) | undefined {
  if (tcf === undefined && ecf === undefined) return undefined;
  const items = allItems(flat);
  const reactionIds = items.filter((x) => x.name === "reaction").map((x) => attr(x, "id") ?? "");
  for (const it of items) {
    if (tcf !== undefined) convertTime(it, tcf);
    if (it.name === "reaction") {
      const law = it.children.find((c) => c.name === "kineticLaw");
      if (ecf !== undefined) scaleMath(law, "times", ecf);
      if (tcf !== undefined) scaleMath(law, "divide", tcf);
    } else if (it.name === "rateRule" && tcf !== undefined) scaleMath(it, "divide", tcf);
    else if (it.name === "event" && tcf !== undefined)
      scaleMath(
        it.children.find((c) => c.name === "delay"),
        "times",
        tcf,
      );
  }
  const subRate = (id: string) => {
    let e = ci(id);
    if (tcf !== undefined) e = apply("times", e, ci(tcf));
    if (ecf !== undefined) e = apply("divide", e, ci(ecf));
    return e;
  };
  return (parent) => {
    const present = new Set(
      allItems(parent)
        .filter((x) => x.name === "reaction")
        .map((x) => attr(x, "id") ?? ""),
    );
    const live = new Set(reactionIds.filter((id) => present.has(id)));
    for (const it of items) mapRefs(it, { ci: (name) => (live.has(name) ? subRate(name) : undefined) });
  };
}

function resolve(ctx: ReadContext, ref: XmlElement, scope: Scope): Target | undefined {
  const a = (n: string) => attrNS(ref, COMP_NS, n);
  const next = ref.children.find((c) => c.name === "sBaseRef" && c.uri === COMP_NS);
  const portRef = a("portRef");
  if (portRef !== undefined) {
    const port = scope.flat.ports.get(portRef);
    if (!port) {
      report(ctx, ref, "unknown-id", `No port "${portRef}" in the submodel.`, {
        hint: `Ports: ${[...scope.flat.ports.keys()].join(", ") || "none"}.`,
      });
      return undefined;
    }
    return resolve(ctx, port, scope);
  }
  const idRef = a("idRef");
  if (idRef !== undefined) {
    const sub = scope.flat.submodels.get(idRef);
    if (next) {
      if (!sub) {
        report(ctx, ref, "unknown-id", `"${idRef}" is not a submodel, so an sBaseRef cannot point into it.`);
        return undefined;
      }
      return resolve(ctx, next, { flat: sub, prefix: `${scope.prefix}${idRef}__` });
    }
    return sub
      ? { kind: "submodel", prefix: `${scope.prefix}${idRef}__` }
      : { kind: "id", id: `${scope.prefix}${idRef}`, prefix: scope.prefix };
  }
  const metaIdRef = a("metaIdRef");
  if (metaIdRef !== undefined)
    return { kind: "metaid", metaid: `${scope.prefix}${metaIdRef}`, prefix: scope.prefix };
  if (a("unitRef") !== undefined || a("deletion") !== undefined) return { kind: "ignore" };
  report(
    ctx,
    ref,
    "bad-reference",
    `<${ref.name}> names no element (idRef, portRef, metaIdRef, unitRef or deletion).`,
  );
  return undefined;
}

/** Remove the target's element(s) from `flat`; returns the removed element's id, if it had one. */
function remove(
  ctx: ReadContext,
  flat: Flat,
  target: Target | undefined,
  at: XmlElement,
): string | null | undefined {
  if (!target || target.kind === "ignore") return undefined;
  if (target.kind === "submodel") {
    for (const items of flat.lists.values()) {
      const keep = items.filter((x) => !(flat.origin.get(x) ?? "").startsWith(target.prefix));
      items.splice(0, items.length, ...keep);
    }
    return undefined;
  }
  const t = target.kind === "id" ? { ...target, id: aliased(flat, target.id) } : target;
  for (const items of flat.lists.values()) {
    for (const it of items) {
      for (const el of walk(it)) {
        const hit =
          t.kind === "id"
            ? attr(el, "id") === t.id && el.name !== "localParameter"
            : attr(el, "metaid") === t.metaid;
        if (!hit) continue;
        if (el === it) items.splice(items.indexOf(it), 1);
        else el.parent?.children.splice(el.parent.children.indexOf(el), 1);
        if (el.name === "localParameter") {
          unshadow(el, t.prefix);
          return `${t.prefix}${attr(el, "id") ?? ""}`;
        }
        return attr(el, "id") ?? null;
      }
    }
  }
  report(
    ctx,
    at,
    "unknown-id",
    `The element "${t.kind === "id" ? t.id : t.metaid}" referred to here does not exist in the submodel.`,
    {
      severity: "warning",
    },
  );
  return undefined;
}

/** Redirect every reference to `from` to `to` (as `to / cf` in math when a conversion factor is given). */
function redirect(flat: Flat, from: string, to: string, cf?: string): void {
  flat.aliases.set(from, to);
  const setters = new Set(["assignmentRule", "rateRule", "eventAssignment", "initialAssignment"]);
  for (const it of allItems(flat)) {
    if (cf)
      for (const el of walk(it))
        if (setters.has(el.name) && (attr(el, "variable") ?? attr(el, "symbol")) === from)
          scaleMath(el, "times", cf);
    mapRefs(it, {
      ref: (id) => (id === from ? to : id),
      ci: (name) => (name !== from ? undefined : cf ? apply("divide", ci(to), ci(cf)) : ci(to)),
    });
  }
}

function replaceAll(ctx: ReadContext, flat: Flat): void {
  const own = allItems(flat).filter((x) => flat.origin.get(x) === "");
  const holders = own
    .flatMap((it) => [...walk(it)].reverse())
    .filter((el) => el.children.some((c) => c.uri === COMP_NS));
  for (const el of holders) {
    {
      const lists = el.children.filter((c) => c.uri === COMP_NS);
      for (const re of lists.filter((l) => l.name === "listOfReplacedElements").flatMap((l) => l.children)) {
        const sub = flat.submodels.get(attrNS(re, COMP_NS, "submodelRef") ?? "");
        if (!sub) {
          report(ctx, re, "unknown-id", `No submodel "${attrNS(re, COMP_NS, "submodelRef")}".`);
          continue;
        }
        const scope = { flat: sub, prefix: `${attrNS(re, COMP_NS, "submodelRef")}__` };
        const old = remove(ctx, flat, resolve(ctx, re, scope), re);
        const newId = attr(el, "id");
        if (old && newId) redirect(flat, old, newId, attrNS(re, COMP_NS, "conversionFactor"));
      }
      for (const rb of lists.filter((l) => l.name === "replacedBy")) {
        const smRef = attrNS(rb, COMP_NS, "submodelRef") ?? "";
        const sub = flat.submodels.get(smRef);
        if (!sub) {
          report(ctx, rb, "unknown-id", `No submodel "${smRef}".`);
          continue;
        }
        const target = resolve(ctx, rb, { flat: sub, prefix: `${smRef}__` });
        const oldId = attr(el, "id");
        const items = [...flat.lists.values()].find((xs) => xs.includes(el));
        if (items) items.splice(items.indexOf(el), 1);
        else el.parent?.children.splice(el.parent.children.indexOf(el), 1);
        // The replacement takes the replaced element's id (as libSBML does), so the parent's
        // references and outputs keep working.
        if (target?.kind === "id" && oldId) {
          const id = aliased(flat, target.id);
          for (const x of allItems(flat))
            for (const y of walk(x)) if (attr(y, "id") === id) setAttr(y, "id", oldId);
          redirect(flat, id, oldId);
        }
      }
    }
  }
}

/** A deleted local parameter no longer shadows the global of the same name in its kinetic law. */
function unshadow(local: XmlElement, prefix: string): void {
  const id = attr(local, "id") ?? "";
  let law = local.parent;
  while (law && law.name !== "kineticLaw") law = law.parent;
  const m = law?.children.find((c) => c.name === "math");
  if (m) mapRefs(m, { ci: (name) => (name === id ? ci(`${prefix}${id}`) : undefined) });
}

function aliased(flat: Flat, id: string): string {
  let out = id;
  for (let k = 0; k < 50 && flat.aliases.has(out); k++) out = flat.aliases.get(out)!;
  return out;
}
