/**
 * How the command line ends: exit codes and the two kinds of failure a user sees.
 *   0 ok · 1 a simulation failed numerically · 2 bad input (issues on stderr) · 70 a bug in il6sim
 */
import { formatIssue, type Issue } from "../core/issues.js";

export const EXIT = { ok: 0, numerical: 1, badInput: 2, internal: 70 } as const;

/** Bad input: every issue, printed on stderr, exit code 2. Several inputs keep their own blocks. */
export class BadInput extends Error {
  readonly blocks: readonly { issues: readonly Issue[]; source?: string }[];
  constructor(issues: readonly Issue[], source?: string) {
    super(`${issues.length} problem(s)`);
    this.blocks = [{ issues, ...(source !== undefined ? { source } : {}) }];
  }
  static many(errors: readonly BadInput[]): BadInput {
    const b = new BadInput([]);
    (b as { blocks: BadInput["blocks"] }).blocks = errors.flatMap((e) => e.blocks);
    return b;
  }
  get issues(): readonly Issue[] {
    return this.blocks.flatMap((x) => x.issues);
  }
  text(): string {
    return this.blocks.map((x) => issuesText(x.issues, x.source)).join("");
  }
}

/** One issue from a message (arguments, options). */
export function badArgument(path: string, message: string, hint?: string): BadInput {
  return new BadInput([
    { code: "bad-argument", severity: "error", path, message, ...(hint ? { hint } : {}) },
  ]);
}

export function issuesText(issues: readonly Issue[], source?: string): string {
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.length - errors;
  const counts = [
    errors ? `${errors} error${errors === 1 ? "" : "s"}` : "",
    warnings ? `${warnings} warning${warnings === 1 ? "" : "s"}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const head = `il6sim: ${source ? `${source}: ` : ""}${counts}`;
  return [head, ...issues.map((i) => `  ${formatIssue(i)}`)].join("\n") + "\n";
}
