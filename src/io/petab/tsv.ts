/**
 * PEtab tables: tab-separated, a header row, one record per line. Rows keep their 1-based line
 * so every issue points at the file and line. Empty lines are skipped.
 */
import { type Issue, issue } from "../../core/issues.js";

export interface TsvRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface TsvTable {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly TsvRow[];
}

export function parseTsv(text: string, file: string, issues: Issue[]): TsvTable {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const columns = (lines[0] ?? "").split("\t").map((c) => c.trim());
  const rows: TsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const parts = lines[i].split("\t");
    if (parts.length > columns.length)
      issues.push(
        issue("tsv-columns", file, `Line has ${parts.length} fields but the header has ${columns.length}.`, {
          line: i + 1,
          hint: "Fields are separated by tabs; check for a stray tab.",
        }),
      );
    const cells: Record<string, string> = {};
    columns.forEach((c, k) => (cells[c] = (parts[k] ?? "").trim()));
    rows.push({ line: i + 1, cells });
  }
  return { file, columns, rows };
}

/** Issues for required columns that the header lacks. */
export function requireColumns(t: TsvTable, required: readonly string[], issues: Issue[]): boolean {
  const missing = required.filter((c) => !t.columns.includes(c));
  for (const c of missing)
    issues.push(
      issue("missing-column", t.file, `Required column "${c}" is missing.`, {
        line: 1,
        hint: `The header has: ${t.columns.join(", ")}.`,
      }),
    );
  return missing.length === 0;
}

/** A PEtab number cell: decimal, "inf"/"-inf", "nan". Undefined for empty. */
export function parseNumber(s: string): number | undefined {
  if (s === "") return undefined;
  const l = s.toLowerCase();
  if (l === "inf" || l === "+inf") return Infinity;
  if (l === "-inf") return -Infinity;
  if (l === "nan") return NaN;
  const v = Number(s);
  return Number.isNaN(v) ? undefined : v;
}
