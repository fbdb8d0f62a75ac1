/** Plain-text tables (aligned columns, numbers right-aligned) and CSV (RFC 4180 quoting). */

export type Cell = string | number | boolean | null | undefined;

/** Numbers as people read them: 4 significant digits, no trailing zeros, exponent when needed. */
export function fmtNum(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined) return "-";
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(digits - 1).replace(/\.?0+e/, "e");
  return Number(x.toPrecision(digits)).toString();
}

const text = (c: Cell): string =>
  typeof c === "number" ? fmtNum(c) : c === null || c === undefined ? "-" : String(c);

export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = rows.map((r) => r.map(text));
  const widths = headers.map((h, j) => Math.max(h.length, ...cells.map((r) => (r[j] ?? "").length)));
  const numeric = headers.map(
    (_, j) =>
      rows.length > 0 && rows.every((r) => typeof r[j] === "number" || r[j] === null || r[j] === undefined),
  );
  const line = (r: readonly string[]) =>
    r
      .map((c, j) => (numeric[j] ? c.padStart(widths[j]) : c.padEnd(widths[j])))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n") + "\n";
}

function csvCell(c: Cell): string {
  if (c === null || c === undefined) return "";
  const s = typeof c === "number" ? (Number.isFinite(c) ? String(c) : "") : String(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [headers, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

export type Format = "table" | "csv" | "json";
export const FORMATS: readonly Format[] = ["table", "csv", "json"];
