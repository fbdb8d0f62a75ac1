/**
 * Counting outcomes: totals, per component tag and per test tag, the JSON the issue asks for,
 * and a text table for people.
 */
import type { CaseOutcome } from "./run-case.js";

export interface TagCount {
  passed: number;
  failed: number;
  skipped: number;
}

export interface SuiteSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly failed_cases: string[];
  readonly skipped_cases: string[];
  readonly by_component_tag: Record<string, TagCount>;
  readonly by_test_tag: Record<string, TagCount>;
  /** Failures grouped by cause ("mismatch", "simulate", "import", ...). */
  readonly failures_by_reason: Record<string, string[]>;
  readonly skips_by_reason: Record<string, number>;
}

export function summarise(outcomes: readonly CaseOutcome[]): SuiteSummary {
  const sorted = [...outcomes].sort((a, b) => a.id.localeCompare(b.id));
  const byComponent: Record<string, TagCount> = {};
  const byTest: Record<string, TagCount> = {};
  const failuresByReason: Record<string, string[]> = {};
  const skipsByReason: Record<string, number> = {};
  const bump = (table: Record<string, TagCount>, tag: string, o: CaseOutcome) => {
    const row = (table[tag] ??= { passed: 0, failed: 0, skipped: 0 });
    row[o.status]++;
  };
  for (const o of sorted) {
    for (const t of o.componentTags) bump(byComponent, t, o);
    for (const t of o.testTags) bump(byTest, t, o);
    if (o.status === "failed") (failuresByReason[o.reason ?? "unknown"] ??= []).push(o.id);
    if (o.status === "skipped")
      skipsByReason[o.reason ?? "unknown"] = (skipsByReason[o.reason ?? "unknown"] ?? 0) + 1;
  }
  const ids = (s: string) => sorted.filter((o) => o.status === s).map((o) => o.id);
  return {
    total: sorted.length,
    passed: ids("passed").length,
    failed: ids("failed").length,
    skipped: ids("skipped").length,
    failed_cases: ids("failed"),
    skipped_cases: ids("skipped"),
    by_component_tag: sortKeys(byComponent),
    by_test_tag: sortKeys(byTest),
    failures_by_reason: failuresByReason,
    skips_by_reason: skipsByReason,
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

export function formatSummary(s: SuiteSummary, outcomes: readonly CaseOutcome[], verbose: boolean): string {
  const lines: string[] = [];
  const table = (title: string, t: Record<string, TagCount>) => {
    lines.push("", title.padEnd(34) + "passed  failed  skipped");
    for (const [tag, c] of Object.entries(t))
      lines.push(
        `  ${tag.padEnd(32)}${String(c.passed).padStart(6)}${String(c.failed).padStart(8)}${String(c.skipped).padStart(9)}`,
      );
  };
  table("Component tag", s.by_component_tag);
  table("Test tag", s.by_test_tag);
  lines.push("", "Skipped, by reason:");
  for (const [r, n] of Object.entries(s.skips_by_reason).sort((a, b) => b[1] - a[1]))
    lines.push(`  ${r}: ${n}`);
  lines.push("", "Failed, by cause:");
  for (const [r, ids] of Object.entries(s.failures_by_reason))
    lines.push(`  ${r} (${ids.length}): ${ids.join(" ")}`);
  if (verbose) {
    lines.push("", "Failures:");
    for (const o of outcomes)
      if (o.status === "failed")
        lines.push(`  ${o.id} [${o.reason}] ${(o.detail ?? "").split("\n").join("\n      ")}`);
  }
  lines.push("", `total ${s.total}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
  return lines.join("\n");
}
