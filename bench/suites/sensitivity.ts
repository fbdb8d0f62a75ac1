/**
 * Sensitivity suite: the cost of a forward-sensitivity solve ÷ the cost of the plain solve
 * (same method BDF, same tolerances), against the target 1 + np, with the counters beside the
 * times. Problems: POLLU as a compiled network (n = 20, its 25 rate constants as parameters)
 * and the IL-6 liver model's mouse IL-6 step scenario at scenario level (n = 148: steady state,
 * 6 h infusion, observables), with np parameters of the network.
 */
import type { BenchArgs, Suite } from "../main.js";
import { compileNetwork } from "../../src/core/compile/index.js";
import { massAction, network, type Network } from "../../src/core/network/index.js";
import { simulate } from "../../src/core/simulate/index.js";
import { simulateSensitivities } from "../../src/core/simulate/sensitivities.js";
import { bdf } from "../../src/core/solve/index.js";
import type { SolverStats } from "../../src/core/solve/types.js";
import { modelById } from "../../src/models/registry.js";
import { compiledFor, runScenario } from "../../src/models/run.js";
import { runScenarioSensitivities } from "../../src/models/run-sensitivities.js";
import { measurePair } from "../timing.js";

/**
 * POLLU (Test Set for IVP Solvers; Verwer 1994) as a reaction network with its 25 rate
 * constants k1..k25 as parameters, so that the compiler derives J and ∂f/∂p. Same equations,
 * constants and initial values as the hand-written system in ../problems/ivp.ts (the RHS agree
 * to rounding).
 */
const K = [
  0.35, 0.266e2, 0.123e5, 0.86e-3, 0.82e-3, 0.15e5, 0.13e-3, 0.24e5, 0.165e5, 0.9e4, 0.22e-1, 0.12e5, 0.188e1,
  0.163e5, 0.48e7, 0.35e-3, 0.175e-1, 0.1e9, 0.444e12, 0.124e4, 0.21e1, 0.578e1, 0.474e-1, 0.178e4, 0.312e1,
];

const SPECIES: readonly [string, number][] = [
  ["NO2", 0],
  ["NO", 0.2],
  ["O3P", 0],
  ["O3", 0.04],
  ["HO2", 0],
  ["OH", 0],
  ["HCHO", 0.1],
  ["CO", 0.3],
  ["ALD", 0.01],
  ["MEO2", 0],
  ["C2O3", 0],
  ["CO2", 0],
  ["PAN", 0],
  ["CH3O", 0],
  ["HNO3", 0],
  ["O1D", 0],
  ["SO2", 0.007],
  ["SO4", 0],
  ["NO3", 0],
  ["N2O5", 0],
];

type Side = readonly (string | readonly [number, string])[];

/** Reaction j (1-based as in the Test Set): reactants, products. */
const REACTIONS: readonly [Side, Side][] = [
  [["NO2"], ["NO", "O3P"]],
  [["NO", "O3"], ["NO2"]],
  [
    ["HO2", "NO"],
    ["NO2", "OH"],
  ],
  [["HCHO"], [[2, "HO2"], "CO"]],
  [["HCHO"], ["CO"]],
  [
    ["HCHO", "OH"],
    ["HO2", "CO"],
  ],
  [["ALD"], ["MEO2", "HO2", "CO"]],
  [["ALD", "OH"], ["C2O3"]],
  [
    ["C2O3", "NO"],
    ["NO2", "MEO2", "CO2"],
  ],
  [["C2O3", "NO2"], ["PAN"]],
  [["PAN"], ["C2O3", "NO2"]],
  [
    ["MEO2", "NO"],
    ["CH3O", "NO2"],
  ],
  [["CH3O"], ["HCHO", "HO2"]],
  [["NO2", "OH"], ["HNO3"]],
  [["O3P"], ["O3"]],
  [["O3"], ["O1D"]],
  [["O3"], ["O3P"]],
  [["O1D"], [[2, "OH"]]],
  [["O1D"], ["O3P"]],
  [
    ["SO2", "OH"],
    ["SO4", "HO2"],
  ],
  [["NO3"], ["NO"]],
  [["NO3"], ["NO2", "O3P"]],
  [["NO2", "O3"], ["NO3"]],
  [["NO3", "NO2"], ["N2O5"]],
  [["N2O5"], ["NO3", "NO2"]],
];

const POLLU_RATE_CONSTANTS: readonly string[] = K.map((_, j) => `k${j + 1}`);

const polluNetwork: Network = network("pollu", (n) => {
  n.compartment("air", { size: 1 });
  for (const [id, y0] of SPECIES) n.species(id, { in: "air", initial: y0 });
  K.forEach((k, j) => n.parameter(`k${j + 1}`, k));
  REACTIONS.forEach(([r, p], j) => n.reaction(`r${j + 1}`, r, p, massAction(`k${j + 1}`)));
});

export interface SensitivityRow {
  problem: string;
  n: number;
  np: number;
  rtol: number;
  plain_ms: number;
  sens_ms: number;
  /** sens_ms / plain_ms (medians). */
  ratio: number;
  /** The same from the fastest runs (less sensitive to a loaded machine). */
  ratio_min: number;
  target: number;
  plain_steps: number;
  sens_steps: number;
  plain_rhs: number;
  sens_rhs: number;
  plain_lu: number;
  sens_lu: number;
  plain_jac: number;
  sens_jac: number;
  sens_linear_solves: number;
}

interface Case {
  readonly problem: string;
  readonly n: number;
  readonly np: number;
  readonly rtol: number;
  plain(): { stats: SolverStats; ok: boolean };
  sens(): { stats: SolverStats; ok: boolean };
}

function polluCases(): Case[] {
  const c = compileNetwork(polluNetwork);
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join("\n"));
  const model = c.model;
  const out: Case[] = [];
  for (const rtol of [1e-6, 1e-8]) {
    const opts = { tEnd: 60, outputTimes: [60], rtol, atol: 1e-6 * rtol, method: bdf, maxSteps: 1e6 };
    for (const np of [1, 5, 25]) {
      const parameters = POLLU_RATE_CONSTANTS.slice(0, np);
      out.push({
        problem: "pollu",
        n: model.system.size,
        np,
        rtol,
        plain: () => {
          const r = simulate(model, opts);
          return { stats: r.stats, ok: r.status === "ok" };
        },
        sens: () => {
          const r = simulateSensitivities(model, { ...opts, parameters });
          return { stats: r.stats, ok: r.status === "ok" };
        },
      });
    }
  }
  return out;
}

function il6Cases(): Case[] {
  const found = modelById("il6-liver");
  if (!found.ok) return [];
  const lib = found.model;
  const named = lib.scenarios.find((s) => s.id === "mouse_il6_step");
  if (!named) return [];
  const scenario = { ...named.scenario, solver: { ...named.scenario.solver, method: "BDF" } };
  const compiled = compiledFor(lib, scenario.organism ?? lib.organisms[0], scenario.genotype);
  if (!compiled.ok) return [];
  const model = compiled.model;
  const ids = model.network.parameters.filter((p) => model.layout.paramIndex.has(p.id)).map((p) => p.id);
  // the default (S out of the error test, as CVODES), then the same with S error-controlled
  const variants = [
    ...[1, 10, 40, ids.length].map((np) => ({ np, errorControl: false })),
    ...[1, ids.length].map((np) => ({ np, errorControl: true })),
  ];
  return variants.map(({ np, errorControl }) => ({
    problem: `il6-liver mouse_il6_step${errorControl ? " (S error-controlled)" : ""}`,
    n: model.system.size,
    np,
    rtol: scenario.solver.rtol ?? 1e-6,
    plain: () => {
      const r = runScenario(lib, scenario);
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
      return { stats: r.result.simulation.stats, ok: r.result.status === "ok" };
    },
    sens: () => {
      const r = runScenarioSensitivities(lib, scenario, ids.slice(0, np), {
        sensitivityErrorControl: errorControl,
      });
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
      return { stats: r.result.simulation.stats, ok: r.result.status === "ok" };
    },
  }));
}

const f2 = (x: number): string => x.toFixed(2);

export const sensitivitySuite: Suite = {
  name: "sens",
  description:
    "forward sensitivities: cost ÷ plain solve (BDF) vs 1 + np on POLLU (n = 20) and il6-liver (n = 148)",
  run(args: BenchArgs): object[] {
    const { log, minTime } = args;
    const rows: SensitivityRow[] = [];
    for (const c of [...polluCases(), ...il6Cases()]) {
      // alternating runs, so that a change in machine load hits both sides alike; each warmed
      // up for 0.3 s, since a case's sensitivity code (generated ∂f/∂p, corrector) is new to V8
      const [a, b] = measurePair(
        () => c.plain(),
        () => c.sens(),
        2 * minTime,
      );
      if (!a.last.ok || !b.last.ok) log(`${c.problem} np=${c.np}: a run did not finish ok`);
      const p = a.last.stats;
      const s = b.last.stats;
      rows.push({
        problem: c.problem,
        n: c.n,
        np: c.np,
        rtol: c.rtol,
        plain_ms: a.medianMs,
        sens_ms: b.medianMs,
        ratio: b.medianMs / a.medianMs,
        ratio_min: b.minMs / a.minMs,
        target: 1 + c.np,
        plain_steps: p.steps,
        sens_steps: s.steps,
        plain_rhs: p.rhsEvals,
        sens_rhs: s.rhsEvals,
        plain_lu: p.luDecompositions,
        sens_lu: s.luDecompositions,
        plain_jac: p.jacEvals,
        sens_jac: s.jacEvals,
        sens_linear_solves: s.linearSolves,
      });
    }
    log("\n#### Forward sensitivities: cost of a sensitivity solve ÷ plain solve (BDF, same tolerances)\n");
    log(
      "| problem | n | np | rtol | plain ms | sens ms | ratio (median) | ratio (min) | target 1+np | steps plain/sens | RHS plain/sens | LU plain/sens | Jac plain/sens | block solves |",
    );
    log("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (const r of rows)
      log(
        `| ${r.problem} | ${r.n} | ${r.np} | ${r.rtol} | ${f2(r.plain_ms)} | ${f2(r.sens_ms)} | ${f2(r.ratio)} | ${f2(r.ratio_min)} | ${r.target} | ` +
          `${r.plain_steps}/${r.sens_steps} | ${r.plain_rhs}/${r.sens_rhs} | ${r.plain_lu}/${r.sens_lu} | ${r.plain_jac}/${r.sens_jac} | ${r.sens_linear_solves} |`,
      );
    log(
      "\nStaggered corrector: Newton on y as in the plain run, then per step J and ∂f/∂p once and the np columns (np ≥ 4: a fresh LU of the block and one solve each).",
    );
    return rows;
  },
};
