/**
 * Scenario text (YAML, or JSON, which YAML 1.2 reads too) -> a plain value plus a locator that
 * maps a field path to its line and column, so every issue can point into the file.
 */
import { isNode, LineCounter, parseDocument } from "yaml";
import { type Issue, issue } from "../../core/issues.js";

export type FieldPath = readonly (string | number)[];

export interface ParsedText {
  readonly value: unknown;
  /** Line and column (1-based) of the value at a path, or of its nearest present parent. */
  locate(path: FieldPath): { line: number; column: number } | undefined;
}

/** "timeline[0].dose.amount" from ["timeline", 0, "dose", "amount"]. */
export function pathText(path: FieldPath): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out === "" ? "(scenario)" : out;
}

export function parseScenarioText(
  text: string,
  file = "scenario",
): { ok: true; parsed: ParsedText } | { ok: false; issues: Issue[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      const pos = counter.linePos(e.pos[0]);
      const first = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      return issue("parse-error", file, `Malformed YAML/JSON: ${first.replace(/[.:]?\s*$/, ".")}`, {
        line: pos.line,
        column: pos.col,
        hint: "Check indentation, colons and brackets near this line.",
      });
    });
    return { ok: false, issues };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const locate = (path: FieldPath) => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = counter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return undefined;
  };
  return { ok: true, parsed: { value, locate } };
}
