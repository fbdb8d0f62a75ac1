import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCase } from "../../../src/io/sbml/suite/case-files.js";
import { runCase } from "../../../src/io/sbml/suite/run-case.js";
import { listCases, runInThread, SKIP_LIST } from "../../../src/io/sbml/suite/runner.js";
import { summarise } from "../../../src/io/sbml/suite/summary.js";
import baseline from "./suite-baseline.json" with { type: "json" };
import subset from "./suite-subset.json" with { type: "json" };

const CASES = "../shared/data/sbml-test-suite/cases";
const have = existsSync(CASES);

describe.skipIf(!have)("SBML Test Suite", () => {
  it("passes a representative subset across all tags", () => {
    const failures: string[] = [];
    for (const id of subset.cases) {
      const o = runCase(loadCase(CASES, id), SKIP_LIST);
      if (o.status !== "passed") failures.push(`${id} ${o.status} [${o.reason}] ${o.detail ?? ""}`);
    }
    expect(failures).toEqual([]);
  });

  it("does not fall below the checked-in number of passed cases on the full suite", () => {
    const outcomes = runInThread(CASES, listCases(CASES));
    const s = summarise(outcomes);
    expect(s.total).toBe(1821);
    expect(s.passed).toBeGreaterThanOrEqual(baseline.passed);
    // every case is accounted for: passed, failed with a cause, or skipped with a skip-list reason
    expect(s.passed + s.failed + s.skipped).toBe(s.total);
    for (const o of outcomes) if (o.status === "skipped") expect(o.reason, o.id).toBeTruthy();
  });
});
