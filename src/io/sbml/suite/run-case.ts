/**
 * Run one suite case: decide whether the skip list excludes it, import, compile, simulate on
 * the case's output grid, read each variable as an amount or a concentration as the settings
 * say, and score.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compileNetwork } from "../../../core/compile/index.js";
import { formatIssue } from "../../../core/issues.js";
import { simulate } from "../../../core/simulate/index.js";
import { importSbml } from "../import.js";
import { reportedExpr } from "../observables.js";
import { type CaseSettings, loadExpected, loadSettings, type SuiteCase } from "./case-files.js";
import { scoreCase } from "./score.js";

export interface SkipList {
  /** Tag (component tag, test tag, "package:x" or "testType:x") -> why cases with it are not attempted. */
  readonly tags: Readonly<Record<string, string>>;
  /** Case id -> why it is not attempted. */
  readonly cases: Readonly<Record<string, string>>;
}

export type CaseStatus = "passed" | "failed" | "skipped";

export interface CaseOutcome {
  readonly id: string;
  readonly status: CaseStatus;
  /** Skipped: the skip-list key; failed: a short cause ("import", "compile", "simulate", "mismatch"). */
  readonly reason?: string;
  readonly detail?: string;
  readonly componentTags: readonly string[];
  readonly testTags: readonly string[];
  readonly ms: number;
}

/** Tags of a case as the skip list names them. */
export function caseKeys(c: SuiteCase): string[] {
  return [
    ...c.tags.componentTags,
    ...c.tags.testTags,
    ...c.tags.packages.map((p) => `package:${p}`),
    `testType:${c.tags.testType}`,
  ];
}

export function skipReason(c: SuiteCase, skip: SkipList): string | undefined {
  if (skip.cases[c.id] !== undefined) return `case ${c.id}`;
  if (!c.sbmlFile) return "no-sbml-file";
  return caseKeys(c).find((k) => skip.tags[k] !== undefined);
}

export function outputTimes(s: CaseSettings): number[] {
  return Array.from({ length: s.steps + 1 }, (_, i) =>
    i === s.steps ? s.start + s.duration : s.start + (s.duration * i) / s.steps,
  );
}

export function runCase(c: SuiteCase, skip: SkipList, opts: { force?: boolean } = {}): CaseOutcome {
  const started = performance.now();
  const base = { id: c.id, componentTags: c.tags.componentTags, testTags: c.tags.testTags };
  const done = (status: CaseStatus, reason?: string, detail?: string): CaseOutcome => ({
    ...base,
    status,
    ...(reason !== undefined ? { reason } : {}),
    ...(detail !== undefined ? { detail } : {}),
    ms: performance.now() - started,
  });
  const why = opts.force ? undefined : skipReason(c, skip);
  if (why !== undefined) return done("skipped", why);
  try {
    return attempt(c, done);
  } catch (err) {
    return done("failed", "crash", (err as Error).stack ?? String(err));
  }
}

function attempt(c: SuiteCase, done: (s: CaseStatus, r?: string, d?: string) => CaseOutcome): CaseOutcome {
  const settings = loadSettings(c);
  const expected = loadExpected(c);
  const text = readFileSync(c.sbmlFile!, "utf8");
  const imported = importSbml(text, {
    file: `${c.id}-sbml-${c.levelVersion}.xml`,
    checkSimulation: false,
    resolve: (source) =>
      existsSync(join(c.dir, source)) ? readFileSync(join(c.dir, source), "utf8") : undefined,
  });
  if (!imported.ok || !imported.network)
    return done("failed", "import", imported.issues.slice(0, 3).map(formatIssue).join("\n"));
  const net = imported.network;
  const compiled = compileNetwork(net);
  if (!compiled.ok)
    return done(
      "failed",
      "compile",
      compiled.issues
        .filter((i) => i.severity === "error")
        .slice(0, 3)
        .map(formatIssue)
        .join("\n"),
    );
  const model = compiled.model;
  const exprs = settings.variables.map((v) =>
    reportedExpr(
      net,
      v,
      settings.amount.includes(v)
        ? "amount"
        : settings.concentration.includes(v)
          ? "concentration"
          : undefined,
    ),
  );
  let observe;
  try {
    observe = model.expressions(exprs);
  } catch (err) {
    return done("failed", "variables", `cannot read the requested variables: ${(err as Error).message}`);
  }
  const times = outputTimes(settings);
  const tEnd = times[times.length - 1];
  const res = simulate(model, {
    t0: 0,
    tEnd,
    outputTimes: times,
    rtol: 1e-9,
    atol: 1e-15,
    maxSteps: 200_000,
  });
  if (res.status !== "ok" && res.status !== "terminated")
    return done("failed", "simulate", `${res.status}: ${res.message}`);
  const actual = settings.variables.map(() => new Float64Array(res.times.length));
  const buf = new Float64Array(settings.variables.length);
  for (let i = 0; i < res.times.length; i++) {
    observe(res.times[i], res.states[i], res.params[i], buf);
    for (let k = 0; k < buf.length; k++) actual[k][i] = buf[k];
  }
  const score = scoreCase(settings, expected, res.times, actual);
  if (score.pass) return done("passed");
  const f = score.first!;
  return done(
    "failed",
    "mismatch",
    `${score.failures}/${score.points} points off; first: ${f.variable} at t=${f.time}: expected ${f.expected}, got ${f.actual}`,
  );
}
