/**
 * Issues: how il6sim reports bad input. Every validator collects all issues at once and
 * returns them as data; the one place that turns them into text is `formatIssue(s)`.
 */

export type Severity = "error" | "warning";

export interface Issue {
  /** Stable machine-readable code, e.g. "unknown-id", "duplicate-id", "parse-error". */
  readonly code: string;
  readonly severity: Severity;
  /** Where: a path into the input ("reactions[3].rate", "timeline[0].dose.amount") or a file name. */
  readonly path: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** What is allowed or what to try ("Did you mean \"pSTAT3\"?"). */
  readonly hint?: string;
  /** 1-based position in a text input, where known. */
  readonly line?: number;
  readonly column?: number;
}

export function issue(
  code: string,
  path: string,
  message: string,
  extra: { hint?: string; severity?: Severity; line?: number; column?: number } = {},
): Issue {
  const out: Issue = { code, severity: extra.severity ?? "error", path, message };
  return {
    ...out,
    ...(extra.hint !== undefined ? { hint: extra.hint } : {}),
    ...(extra.line !== undefined ? { line: extra.line } : {}),
    ...(extra.column !== undefined ? { column: extra.column } : {}),
  };
}

export function formatIssue(i: Issue): string {
  const where =
    i.line !== undefined ? `${i.path}:${i.line}${i.column !== undefined ? `:${i.column}` : ""}` : i.path;
  const sev = i.severity === "warning" ? "warning" : "error";
  return `${sev} [${i.code}] ${where}: ${i.message}${i.hint ? ` ${i.hint}` : ""}`;
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map(formatIssue).join("\n");
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

/** Thrown by convenience APIs that cannot return an issue list; carries every issue. */
export class IssueError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[], summary = "invalid input") {
    super(`${summary}:\n${formatIssues(issues)}`);
    this.name = "IssueError";
    this.issues = issues;
  }
}

/** Levenshtein distance, used for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/** The closest candidate (case-insensitive match first, then edit distance), or undefined. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  let bestExact = Infinity;
  for (const c of candidates) {
    if (c.toLowerCase() === lower) return c;
    const d = editDistance(lower, c.toLowerCase());
    // ties are broken by the case-sensitive distance ("ugg" -> "ug", not "Gg")
    const exact = d <= bestD ? editDistance(name, c) : Infinity;
    if (d < bestD || (d === bestD && exact < bestExact)) {
      bestD = d;
      bestExact = exact;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 3));
  return bestD <= limit ? best : undefined;
}

/** "Did you mean "x"?" or a list of what is allowed when the list is short. */
export function suggestion(name: string, candidates: readonly string[], what = "id"): string {
  const c = closest(name, candidates);
  if (c !== undefined) return `Did you mean "${c}"?`;
  if (candidates.length === 0) return `No ${what} is defined.`;
  if (candidates.length <= 12) return `Allowed: ${candidates.map((x) => `"${x}"`).join(", ")}.`;
  return `${candidates.length} ${what}s are defined; none is close to "${name}".`;
}

/** Internal invariant; a failure is a bug in il6sim, not bad input. */
export function assertInternal(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(`il6sim internal error: ${message}`);
}
