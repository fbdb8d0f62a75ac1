/**
 * The four stiff problems of the Test Set for IVP Solvers against their published reference
 * solutions (../shared/data/ivp-reference/reference.json), at the tolerances of the benchmark,
 * compared with the accuracy SUNDIALS CVODE reaches there (reference-solvers.md,
 * cvode-bdf-dense rows). ROBER is compared in mescd, as the Test Set does (y2 ≈ 8e-14 < atol).
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { bdf, integrate, rodas5p } from "../../../src/core/solve/index.js";
import { IVP_PROBLEMS, accuracy } from "../../../bench/problems/ivp.js";

const DATA = "../shared/data/ivp-reference";
const reference = JSON.parse(readFileSync(`${DATA}/reference.json`, "utf8")).problems as Record<
  string,
  { y_ref: number[] }
>;

/** CVODE's scd and mescd per problem and rtol, read from the published table. */
function cvodeAccuracy(): Map<string, { scd: number; mescd: number }> {
  const out = new Map<string, { scd: number; mescd: number }>();
  let problem = "";
  for (const line of readFileSync(`${DATA}/reference-solvers.md`, "utf8").split("\n")) {
    const h = /^#### (\w+) —/.exec(line);
    if (h) problem = h[1];
    const cells = line.split("|").map((c) => c.trim());
    if (cells[1] === "cvode-bdf-dense" && problem)
      out.set(`${problem} ${Number(cells[2])}`, { scd: Number(cells[12]), mescd: Number(cells[13]) });
  }
  return out;
}

const cvode = cvodeAccuracy();
/**
 * Cells where our BDF (same algorithm family, different start) lands up to 0.3 digits below CVODE.
 * POLLU at 1e-8 sits on the edge: its scd moves between 7.38 and 7.62 (CVODE: 7.58) with
 * rounding alone (measured: rtol·(1 + ε) for ε = 1e-15 … 1e-11, or a different summation
 * order in the sparse LU's solves, changes the step sequence by a step or two).
 */
const BDF_SHORT = new Set([
  "rober 0.000001",
  "rober 1e-8",
  "hires 0.0001",
  "pollu 0.0001",
  "pollu 1e-8",
  "orego 0.000001",
]);

describe("IVP Test Set: ROBER, HIRES, POLLU, OREGO at rtol 1e-4, 1e-6, 1e-8 (atol = 1e-6·rtol)", () => {
  test("the CVODE reference table was read (12 cells)", () => {
    expect(cvode.size).toBe(12);
  });
  for (const problem of IVP_PROBLEMS) {
    for (const rtol of [1e-4, 1e-6, 1e-8]) {
      const key = `${problem.name} ${rtol}`;
      const measure = problem.name === "rober" ? "mescd" : "scd";
      const solve = (method: typeof bdf): number => {
        const atol = 1e-6 * rtol;
        const r = integrate(problem.system, new Float64Array(0), Float64Array.from(problem.y0), {
          method,
          t0: 0,
          tEnd: problem.tEnd,
          rtol,
          atol,
          outputTimes: [...problem.outputTimes, problem.tEnd],
        });
        expect(r.status).toBe("ok");
        return accuracy(r.yFinal, reference[problem.name].y_ref, rtol, atol)[measure];
      };
      test(`${key}: Rodas5P is at least as accurate as CVODE (${measure})`, () => {
        expect(solve(rodas5p)).toBeGreaterThanOrEqual(cvode.get(key)![measure]);
      });
      const short = BDF_SHORT.has(key);
      test(`${key}: BDF is ${short ? "within 0.3 digits of" : "at least as accurate as"} CVODE (${measure})`, () => {
        expect(solve(bdf)).toBeGreaterThanOrEqual(cvode.get(key)![measure] - (short ? 0.3 : 0));
      });
    }
  }
});
