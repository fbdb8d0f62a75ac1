/**
 * IVP suite: the stiff Test Set problems (ROBER, HIRES, POLLU, OREGO) at rtol 1e-4, 1e-6, 1e-8
 * (atol = 1e-6·rtol), output protocol as in the CVODE harness (ROBER: outputs at 1e-5·10^k).
 * Per solver: median ms per complete solve (setup + solve), counters and accuracy. With
 * --reference, CVODE runs cell by cell in the same run and the ratios are printed.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchArgs, Suite } from "../main.js";
import { IVP_PROBLEMS, type IvpProblem, accuracy } from "../problems/ivp.js";
import { bdf, integrate, rodas5p } from "../../src/core/solve/index.js";
import type { IntegrateResult, SolverMethod } from "../../src/core/solve/index.js";
import { geometricMean, measure } from "../timing.js";
import { type CvodeRecord, prepareCvode, renderReport, sharedDir } from "../cvode.js";

/** Stiff problems: the implicit solvers only (Tsit5 would need millions of steps on ROBER). */
const METHODS: readonly SolverMethod[] = [rodas5p, bdf];
const RTOLS = [1e-4, 1e-6, 1e-8];

export interface IvpRow {
  problem: string;
  solver: string;
  rtol: number;
  median_ms: number;
  steps: number;
  rhs_evals: number;
  jac_evals: number;
  lu: number;
  scd: number;
  mescd: number;
  min_ms: number;
  reps: number;
}

function solveOnce(problem: IvpProblem, method: SolverMethod, rtol: number): IntegrateResult {
  return integrate(problem.system, new Float64Array(0), Float64Array.from(problem.y0), {
    method,
    t0: 0,
    tEnd: problem.tEnd,
    rtol,
    atol: 1e-6 * rtol,
    outputTimes: [...problem.outputTimes, problem.tEnd],
    maxSteps: 1e6,
  });
}

const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : "n/a");
const fms = (x: number): string => (x < 10 ? x.toFixed(3) : x.toFixed(1));

export const ivpSuite: Suite = {
  name: "ivp",
  description:
    "stiff Test Set problems (ROBER, HIRES, POLLU, OREGO) x rtol 1e-4/1e-6/1e-8; --reference adds CVODE",
  run(args: BenchArgs): object[] {
    const { log, minTime } = args;
    const refs = JSON.parse(
      readFileSync(join(sharedDir(), "data/ivp-reference/reference.json"), "utf8"),
    ).problems;
    const cvode = args.reference ? prepareCvode(log) : null;
    const rows: IvpRow[] = [];
    const cvodeRows: IvpRow[] = [];
    for (const problem of IVP_PROBLEMS) {
      const yRef: number[] = refs[problem.name].y_ref;
      for (const rtol of RTOLS) {
        const atol = 1e-6 * rtol;
        const c: CvodeRecord | null = cvode ? cvode.run(problem.name, rtol, minTime) : null;
        if (c) {
          const acc = accuracy(c.y, yRef, rtol, atol);
          cvodeRows.push({
            problem: problem.name,
            solver: c.solver,
            rtol,
            median_ms: c.median_s * 1e3,
            steps: c.steps,
            rhs_evals: c.nfev,
            jac_evals: c.njev,
            lu: c.nlu,
            ...acc,
            min_ms: c.min_s * 1e3,
            reps: c.reps,
          });
        }
        for (const method of METHODS) {
          const t = measure(() => solveOnce(problem, method, rtol), minTime);
          const r = t.last;
          if (r.status !== "ok") log(`${problem.name} ${method.name} rtol ${rtol}: ${r.message}`);
          const acc = accuracy(r.yFinal, yRef, rtol, atol);
          const s = r.stats;
          rows.push({
            problem: problem.name,
            solver: method.name,
            rtol,
            median_ms: t.medianMs,
            steps: s.steps,
            rhs_evals: s.rhsEvals,
            jac_evals: s.jacEvals,
            lu: s.luDecompositions,
            ...acc,
            min_ms: t.minMs,
            reps: t.reps,
          });
          if (cvode) {
            const record = {
              impl: `TypeScript il6sim (Node ${process.version})`,
              solver: `il6sim-${method.name}`,
              problem: problem.name,
              rtol,
              atol,
              reps: t.reps,
              median_s: t.medianMs / 1e3,
              min_s: t.minMs / 1e3,
              nfev: s.rhsEvals,
              nfev_fd: 0,
              njev: s.jacEvals,
              nlu: s.luDecompositions,
              steps: s.steps,
              y: Array.from(r.yFinal),
            };
            appendFileSync(join(cvode.outDir, "il6sim.jsonl"), JSON.stringify(record) + "\n");
          }
        }
      }
    }
    printTables(log, [...cvodeRows, ...rows]);
    if (cvode) {
      printComparison(log, rows, cvodeRows);
      const file = renderReport(cvode);
      log(
        file
          ? `\nHarness report (ours beside CVODE): ${file}; records in ${cvode.outDir}`
          : `\nRecords in ${cvode.outDir} (report.mjs failed).`,
      );
    }
    return [...rows, ...cvodeRows];
  },
};

function printTables(log: (l: string) => void, rows: IvpRow[]): void {
  for (const problem of IVP_PROBLEMS) {
    log(`\n#### ${problem.name} (n = ${problem.system.size}, t_end = ${problem.tEnd})\n`);
    log("| solver | rtol | median ms | min ms | reps | steps | RHS | Jac | LU | scd | mescd |");
    log("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (const r of rows
      .filter((x) => x.problem === problem.name)
      .sort((a, b) => b.rtol - a.rtol || a.solver.localeCompare(b.solver))) {
      log(
        `| ${r.solver} | ${r.rtol.toExponential(0)} | ${fms(r.median_ms)} | ${fms(r.min_ms)} | ${r.reps} | ${r.steps} | ${r.rhs_evals} | ${r.jac_evals} | ${r.lu} | ${f2(r.scd)} | ${f2(r.mescd)} |`,
      );
    }
  }
}

/**
 * Per cell: our best solver (the fastest whose accuracy is at least CVODE's; ROBER in mescd,
 * the others in scd), its time against CVODE's, and the geometric mean of the ratios.
 */
function printComparison(log: (l: string) => void, rows: IvpRow[], cvodeRows: IvpRow[]): void {
  log("\n#### Ours vs CVODE (same run): best solver at equal or better accuracy\n");
  log("| problem | rtol | ours | ours ms | CVODE ms | ratio | ours scd | CVODE scd |");
  log("|---|---|---|--:|--:|--:|--:|--:|");
  const ratios: number[] = [];
  for (const c of cvodeRows) {
    const measureOf = (r: IvpRow): number => (c.problem === "rober" ? r.mescd : r.scd);
    const ours = rows.filter((r) => r.problem === c.problem && r.rtol === c.rtol);
    const eligible = ours.filter((r) => measureOf(r) >= measureOf(c));
    const best = (eligible.length > 0 ? eligible : ours).reduce((a, b) =>
      b.median_ms < a.median_ms ? b : a,
    );
    const ratio = best.median_ms / c.median_ms;
    ratios.push(ratio);
    const mark = eligible.length > 0 ? "" : " (less accurate)";
    log(
      `| ${c.problem} | ${c.rtol.toExponential(0)} | ${best.solver}${mark} | ${fms(best.median_ms)} | ${fms(c.median_ms)} | ${ratio.toFixed(2)} | ${f2(measureOf(best))} | ${f2(measureOf(c))} |`,
    );
  }
  if (ratios.length > 0) {
    log(
      `\nGeometric mean of ours/CVODE over ${ratios.length} cells: ${geometricMean(ratios).toFixed(2)} (target ≤ 1.00); worst cell ${Math.max(...ratios).toFixed(2)} (target ≤ 2).`,
    );
    log("(scd columns show mescd for ROBER, as the Test Set compares it.)");
  }
}
