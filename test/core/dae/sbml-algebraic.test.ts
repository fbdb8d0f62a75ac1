/**
 * Every SBML Test Suite case with algebraic rules, run through the DAE route alone: the import
 * solves rules linear in one free quantity into assignment rules (exact); here each of those is
 * turned back into the algebraic rule 0 = x − solution, so that the compiler's matching, the
 * projection onto the constraints and Rodas5P's mass-matrix stages must reproduce the suite's
 * expected results on their own. The suite's own numbers are the truth.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { compileNetwork } from "../../../src/core/compile/index.js";
import { call, sym } from "../../../src/core/expr/ast.js";
import type { Network } from "../../../src/core/network/types.js";
import { simulate } from "../../../src/core/simulate/index.js";
import { importSbml } from "../../../src/io/sbml/import.js";
import { reportedExpr } from "../../../src/io/sbml/observables.js";
import { loadCase, loadExpected, loadSettings } from "../../../src/io/sbml/suite/case-files.js";
import { outputTimes } from "../../../src/io/sbml/suite/run-case.js";
import { scoreCase } from "../../../src/io/sbml/suite/score.js";

const CASES = "../shared/data/sbml-test-suite/cases";
const have = existsSync(CASES);

/** Assignment rules the import solved from algebraic rules, back as algebraic rules. */
function unsolve(net: Network, warnings: readonly { code: string; message: string }[]): Network {
  const solved = new Set(
    warnings
      .filter((w) => w.code === "algebraic-rule-solved")
      .map((w) => /linear in "([^"]+)"/.exec(w.message)![1]),
  );
  if (solved.size === 0) return net;
  return {
    ...net,
    assignmentRules: net.assignmentRules.filter((r) => !solved.has(r.variable)),
    algebraicRules: [
      ...net.algebraicRules,
      ...net.assignmentRules
        .filter((r) => solved.has(r.variable))
        .map((r) => ({ math: call("-", sym(r.variable), r.math) })),
    ],
  };
}

function runAsDae(id: string): string | null {
  const c = loadCase(CASES, id);
  const settings = loadSettings(c);
  const imported = importSbml(readFileSync(c.sbmlFile!, "utf8"), {
    checkSimulation: false,
    resolve: (source) =>
      existsSync(`${c.dir}/${source}`) ? readFileSync(`${c.dir}/${source}`, "utf8") : undefined,
  });
  if (!imported.ok || !imported.network) return `import: ${imported.issues[0]?.message}`;
  const net = unsolve(imported.network, imported.warnings);
  const compiled = compileNetwork(net);
  if (!compiled.ok) return `compile: ${compiled.issues.find((i) => i.severity === "error")?.message}`;
  const model = compiled.model;
  if (net.algebraicRules.length > 0 && !model.system.mass) return "no mass matrix";
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
  const observe = model.expressions(exprs);
  const times = outputTimes(settings);
  const res = simulate(model, {
    tEnd: times[times.length - 1],
    outputTimes: times,
    rtol: 1e-9,
    atol: 1e-15,
    maxSteps: 200_000,
  });
  if (res.status !== "ok" && res.status !== "terminated") return `simulate: ${res.message}`;
  const actual = settings.variables.map(() => new Float64Array(res.times.length));
  const buf = new Float64Array(settings.variables.length);
  for (let i = 0; i < res.times.length; i++) {
    observe(res.times[i], res.states[i], res.params[i], buf);
    buf.forEach((x, k) => (actual[k][i] = x));
  }
  const score = scoreCase(settings, loadExpected(c), res.times, actual);
  return score.pass ? null : `${score.failures}/${score.points} points off`;
}

describe.skipIf(!have)("SBML Test Suite AlgebraicRule cases through the DAE route alone", () => {
  test("every case passes with the import's linear solving undone", () => {
    const ids = readdirSync(CASES)
      .filter((d) => /^\d{5}$/.test(d))
      .filter((d) =>
        /componentTags:.*AlgebraicRule/.test(readFileSync(`${CASES}/${d}/${d}-model.m`, "utf8")),
      );
    expect(ids.length).toBeGreaterThan(120);
    const failures = ids.flatMap((id) => {
      const why = runAsDae(id);
      return why === null ? [] : [`${id} ${why}`];
    });
    expect(failures).toEqual([]);
  }, 120_000);
});
