/**
 * Scoring exactly as the SBML Test Suite prescribes: a value U passes against the expected C
 * iff |C − U| ≤ absolute + relative·|C|, for every row and every variable. NaN expects NaN and
 * an infinity expects the same infinity.
 */
import type { CaseSettings, ExpectedResults } from "./case-files.js";

export interface Mismatch {
  readonly row: number;
  readonly time: number;
  readonly variable: string;
  readonly expected: number;
  readonly actual: number;
}

export interface Score {
  readonly pass: boolean;
  /** The first failing point (in row order), if any. */
  readonly first?: Mismatch;
  readonly failures: number;
  readonly points: number;
}

export function pointPasses(expected: number, actual: number, absolute: number, relative: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (!Number.isFinite(actual)) return false;
  return Math.abs(expected - actual) <= absolute + relative * Math.abs(expected);
}

/**
 * `actual[k][i]` is variable settings.variables[k] at time row i; `times` the times simulated.
 * Expected columns are matched by header name (falling back to the settings' order).
 */
export function scoreCase(
  settings: CaseSettings,
  expected: ExpectedResults,
  times: ArrayLike<number>,
  actual: readonly ArrayLike<number>[],
): Score {
  const vars = settings.variables;
  const columnOf = (k: number): number => {
    if (expected.header.length === 0) return k + 1;
    // column 0 is always time, even when a variable shares its header name (case 01820)
    const j = expected.header.findIndex((h, i) => i > 0 && h === vars[k]);
    return j >= 0 ? j : k + 1;
  };
  let failures = 0;
  let points = 0;
  let first: Mismatch | undefined;
  const fail = (m: Mismatch) => {
    failures++;
    first ??= m;
  };
  if (times.length !== expected.rows.length)
    fail({
      row: Math.min(times.length, expected.rows.length),
      time: NaN,
      variable: "time",
      expected: expected.rows.length,
      actual: times.length,
    });
  const n = Math.min(times.length, expected.rows.length);
  for (let i = 0; i < n; i++) {
    const row = expected.rows[i];
    const t = row[0];
    if (Math.abs(times[i] - t) > 1e-9 * Math.max(1, Math.abs(t)))
      fail({ row: i, time: t, variable: "time", expected: t, actual: times[i] });
    for (let k = 0; k < vars.length; k++) {
      points++;
      const c = row[columnOf(k)];
      const u = actual[k]?.[i] ?? NaN;
      if (!pointPasses(c, u, settings.absolute, settings.relative))
        fail({ row: i, time: t, variable: vars[k], expected: c, actual: u });
    }
  }
  return { pass: failures === 0, failures, points, ...(first ? { first } : {}) };
}
