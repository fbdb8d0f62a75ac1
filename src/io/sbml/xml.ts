/**
 * XML text -> a small element tree that remembers where each element starts (line, column),
 * so every SBML issue can point at the element it is about. Parsing is done by saxes (a
 * maintained, well-formedness-checking streaming parser with namespace support); this file only
 * builds the tree and turns parser errors into issues.
 */
import { SaxesParser } from "saxes";
import { type Issue, issue } from "../../core/issues.js";

export interface XmlAttribute {
  readonly local: string;
  readonly uri: string;
  readonly prefix: string;
  readonly value: string;
}

export interface XmlElement {
  /** Local name (without prefix). */
  readonly name: string;
  /** Namespace URI ("" if none). */
  readonly uri: string;
  readonly prefix: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: XmlElement[];
  /** Character data directly inside this element (trimmed pieces joined by a space). */
  text: string;
  /** 1-based line and column of the element's "<". */
  readonly line: number;
  readonly column: number;
  /** Namespace declarations made on this element (prefix -> uri). */
  readonly ns: Readonly<Record<string, string>>;
  parent?: XmlElement;
}

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; issues: Issue[] };

export function parseXml(text: string, file = "input"): XmlParseResult {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const issues: Issue[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let startLine = 1;
  let startColumn = 1;
  parser.on("opentagstart", (tag) => {
    // The parser has consumed "<name" and the character after it; its column is 0-based, ours 1-based.
    startLine = parser.line;
    startColumn = Math.max(1, parser.column - tag.name.length - 1);
  });
  parser.on("opentag", (tag) => {
    const attributes: XmlAttribute[] = [];
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === "xmlns" || a.name === "xmlns") continue;
      attributes.push({ local: a.local, uri: a.uri, prefix: a.prefix, value: a.value });
    }
    const el: XmlElement = {
      name: tag.local,
      uri: tag.uri,
      prefix: tag.prefix,
      attributes,
      children: [],
      text: "",
      line: startLine,
      column: startColumn,
      ns: { ...(tag.ns ?? {}) },
    };
    const parent = stack[stack.length - 1];
    if (parent) {
      el.parent = parent;
      parent.children.push(el);
    } else root = el;
    stack.push(el);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  const onText = (t: string) => {
    const el = stack[stack.length - 1];
    if (!el) return;
    const s = t.trim();
    if (s) el.text = el.text ? `${el.text} ${s}` : s;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("error", (err) => {
    if (issues.length < 20) {
      // saxes prefixes messages with "file:line:column: "; we carry the position separately.
      const message = err.message.replace(/^[^:]*:\d+:\d+: /, "");
      issues.push(
        issue("xml-error", file, `Malformed XML: ${message}.`, {
          line: parser.line,
          column: parser.column + 1,
          hint: "Fix the XML so that it is well formed (every tag closed, attributes quoted).",
        }),
      );
    }
  });
  try {
    parser.write(text).close();
  } catch (err) {
    issues.push(issue("xml-error", file, `Malformed XML: ${(err as Error).message}.`));
  }
  if (issues.length > 0) return { ok: false, issues };
  if (!root) return { ok: false, issues: [issue("xml-error", file, "The document has no root element.")] };
  return { ok: true, root };
}

// ---------------------------------------------------------------- helpers

/** Attribute value by local name (in no namespace or the element's own), or undefined. */
export function attr(el: XmlElement, local: string): string | undefined {
  for (const a of el.attributes) if (a.local === local && (a.uri === "" || a.uri === el.uri)) return a.value;
  return undefined;
}

/** Attribute value by namespace URI and local name. */
export function attrNS(el: XmlElement, uri: string, local: string): string | undefined {
  for (const a of el.attributes) if (a.local === local && a.uri === uri) return a.value;
  return undefined;
}

export function child(el: XmlElement, name: string, uri = el.uri): XmlElement | undefined {
  return el.children.find((c) => c.name === name && c.uri === uri);
}

export function children(el: XmlElement, name: string, uri = el.uri): XmlElement[] {
  return el.children.filter((c) => c.name === name && c.uri === uri);
}

/** Children of a listOfX element (e.g. list(model, "listOfSpecies", "species")). */
export function list(el: XmlElement, listName: string, itemName: string, uri = el.uri): XmlElement[] {
  const l = child(el, listName, uri);
  return l ? children(l, itemName, uri) : [];
}

/** Serialise an element back to XML text (used to keep notes). */
export function serialize(el: XmlElement, indent = ""): string {
  const q = (s: string) =>
    s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const name = el.prefix ? `${el.prefix}:${el.name}` : el.name;
  const nsDecl = Object.entries(el.ns).map(([p, u]) => (p ? ` xmlns:${p}="${q(u)}"` : ` xmlns="${q(u)}"`));
  const attrs = el.attributes.map((a) => ` ${a.prefix ? `${a.prefix}:` : ""}${a.local}="${q(a.value)}"`);
  const open = `${indent}<${name}${nsDecl.join("")}${attrs.join("")}`;
  if (el.children.length === 0 && !el.text) return `${open}/>`;
  if (el.children.length === 0) return `${open}>${q(el.text)}</${name}>`;
  const inner = el.children.map((c) => serialize(c, `${indent}  `)).join("\n");
  return `${open}>${el.text ? q(el.text) : ""}\n${inner}\n${indent}</${name}>`;
}
