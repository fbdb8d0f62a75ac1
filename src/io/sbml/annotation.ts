/**
 * What we keep of SBML metadata: the SBO term, MIRIAM `bqbiol:is` / `bqmodel:is` identifiers
 * (as identifiers.org URIs), notes (as XHTML text), and unit definitions.
 */
import type { Annotation, UnitDefinition } from "../../core/network/types.js";
import { type ReadContext, numberAttr, warn } from "./context.js";
import { attr, attrNS, child, children, serialize, type XmlElement } from "./xml.js";

const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const BQBIOL = "http://biomodels.net/biology-qualifiers/";
const BQMODEL = "http://biomodels.net/model-qualifiers/";

/** "urn:miriam:uniprot:P05231" and "http://identifiers.org/uniprot/P05231" -> identifiers.org URI. */
export function normaliseIdentifier(uri: string): string {
  const u = uri.trim();
  const urn = /^urn:miriam:([^:]+):(.+)$/.exec(u);
  if (urn) return `https://identifiers.org/${urn[1]}:${decodeURIComponent(urn[2])}`;
  const io = /^https?:\/\/identifiers\.org\/([^/]+)\/(.+)$/.exec(u);
  if (io) {
    // http://identifiers.org/go/GO:0005634 -> https://identifiers.org/GO:0005634 (prefix embedded)
    const [, ns, local] = io;
    return local.toLowerCase().startsWith(`${ns.toLowerCase()}:`)
      ? `https://identifiers.org/${local}`
      : `https://identifiers.org/${ns}:${local}`;
  }
  return u.replace(/^http:\/\/identifiers\.org\//, "https://identifiers.org/");
}

export function readAnnotation(el: XmlElement): Annotation | undefined {
  const sbo = attr(el, "sboTerm");
  const is: string[] = [];
  const ann = el.children.find((c) => c.name === "annotation");
  const rdf = ann?.children.find((c) => c.name === "RDF" && c.uri === RDF);
  for (const d of rdf ? children(rdf, "Description", RDF) : []) {
    for (const q of d.children) {
      if (q.name !== "is" || (q.uri !== BQBIOL && q.uri !== BQMODEL)) continue;
      const bag = child(q, "Bag", RDF) ?? child(q, "Alt", RDF) ?? child(q, "Seq", RDF);
      for (const li of bag ? children(bag, "li", RDF) : []) {
        const r = attrNS(li, RDF, "resource");
        if (r) is.push(normaliseIdentifier(r));
      }
    }
  }
  if (sbo === undefined && is.length === 0) return undefined;
  return { ...(sbo !== undefined ? { sbo: sbo.trim() } : {}), ...(is.length ? { is } : {}) };
}

/** Notes as XHTML text (the children of <notes>), or undefined. */
export function readNotes(el: XmlElement): string | undefined {
  const notes = el.children.find((c) => c.name === "notes");
  if (!notes) return undefined;
  // Each child keeps the namespace it was in, even if <notes> or <sbml> declared it.
  const inner = notes.children
    .map((c) =>
      serialize(
        c.prefix in c.ns || (!c.prefix && "" in c.ns) ? c : { ...c, ns: { ...c.ns, [c.prefix]: c.uri } },
      ),
    )
    .join("\n");
  return inner || notes.text || undefined;
}

/** id, name, annotation, notes: the common part of every SBML element we keep. */
export function named(el: XmlElement): { name?: string; annotation?: Annotation; notes?: string } {
  const name = attr(el, "name");
  const annotation = readAnnotation(el);
  const notes = readNotes(el);
  return {
    ...(name !== undefined ? { name } : {}),
    ...(annotation ? { annotation } : {}),
    ...(notes !== undefined ? { notes } : {}),
  };
}

export function readUnitDefinition(ctx: ReadContext, el: XmlElement): UnitDefinition {
  const id = attr(el, "id") ?? "";
  const name = attr(el, "name");
  const listOf = el.children.find((c) => c.name === "listOfUnits");
  const units = (listOf?.children ?? [])
    .filter((u) => u.name === "unit")
    .map((u) => {
      if (attr(u, "offset") !== undefined && Number(attr(u, "offset")) !== 0)
        warn(ctx, u, "unit-offset", `Unit "${id}" has an offset, which il6sim keeps but does not apply.`);
      return {
        kind: attr(u, "kind") ?? "dimensionless",
        exponent: numberAttr(ctx, u, "exponent") ?? 1,
        scale: numberAttr(ctx, u, "scale") ?? 0,
        multiplier: numberAttr(ctx, u, "multiplier") ?? 1,
      };
    });
  return { id, ...(name !== undefined ? { name } : {}), units };
}
