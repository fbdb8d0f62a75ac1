/** Collects issues with a field path and, where the text is known, the line and column. */
import { type Issue, issue, type Severity, suggestion } from "../../core/issues.js";
import { type FieldPath, pathText } from "./text.js";

export type Locate = (path: FieldPath) => { line: number; column: number } | undefined;

export class IssueSink {
  readonly issues: Issue[] = [];
  constructor(private readonly locate?: Locate) {}

  add(code: string, path: FieldPath, message: string, hint?: string, severity: Severity = "error"): void {
    const pos = this.locate?.(path);
    this.issues.push(
      issue(code, pathText(path), message, {
        severity,
        ...(hint ? { hint } : {}),
        ...(pos ? { line: pos.line, column: pos.column } : {}),
      }),
    );
  }

  warn(code: string, path: FieldPath, message: string, hint?: string): void {
    this.add(code, path, message, hint, "warning");
  }

  /** Add issues made elsewhere (the model's actions), with a line when their path is known. */
  merge(issues: readonly Issue[], pathOf?: (i: Issue) => FieldPath | undefined): void {
    for (const i of issues) {
      const p = pathOf?.(i);
      const pos = p && i.line === undefined ? this.locate?.(p) : undefined;
      this.issues.push(pos ? { ...i, line: pos.line, column: pos.column } : i);
    }
  }

  get hasErrors(): boolean {
    return this.issues.some((i) => i.severity === "error");
  }
}

/** A value as the user wrote it, short enough for a message. */
export function given(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "an empty value";
  if (Array.isArray(v)) return `a list (${v.length} item${v.length === 1 ? "" : "s"})`;
  if (typeof v === "object") return "a mapping";
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * "Did you mean" for ids: an id that starts or ends the typed text, or contains it, first
 * ("receptor_occupancy" -> "receptor_occupancy_percent"), then the closest by edit distance.
 */
export function didYouMean(name: string, candidates: readonly string[], what = "id"): string {
  const lower = name.toLowerCase();
  const partial = candidates.filter((c) => lower.length >= 3 && c.toLowerCase().includes(lower));
  if (partial.length === 1) return `Did you mean "${partial[0]}"?`;
  if (partial.length > 1 && partial.length <= 5)
    return `Did you mean one of ${partial.map((c) => `"${c}"`).join(", ")}?`;
  return suggestion(name, candidates, what);
}
