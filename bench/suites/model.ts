/**
 * Model suite: simulations of the il6-liver library model in-process: one-week drug cases
 * (target: well under 50 ms) and the 14-day mouse 70% partial hepatectomy (issue 5 target:
 * under 100 ms, so sweeps of thousands of scenarios are practical). Per case and solver: median
 * (and minimum, the better estimate on a loaded machine) ms of simulate() from the cached
 * pre-injury steady state (the network compiled once), with steps, RHS and Jacobian
 * evaluations and LU factorisations beside it; plus the whole runScenario (steady state,
 * actions, observables) and the one-off compile and steady-state costs.
 */
import type { BenchArgs, Suite } from "../main.js";
import { compileNetwork } from "../../src/core/compile/index.js";
import type { ResolvedScenario, TimelineEntry } from "../../src/core/scenario/types.js";
import { simulate } from "../../src/core/simulate/index.js";
import { bdf, rodas5p, steadyState, type SolverMethod } from "../../src/core/solve/index.js";
import { il6Liver } from "../../src/models/il6-liver/index.js";
import { doseAt } from "../../src/models/il6-liver/scenarios.js";
import { compiledFor, runScenario } from "../../src/models/run.js";
import { measure } from "../timing.js";

interface Case {
  readonly name: string;
  readonly organism: string;
  readonly timeline: readonly TimelineEntry[];
  /** Hours (default one week). */
  readonly end?: number;
}

const WEEK = 168;
const phx = (f: number): TimelineEntry => ({
  at: 0,
  intervention: { kind: "injury", injury: "partial_hepatectomy", params: { fraction_removed: f } },
});
const CASES: readonly Case[] = [
  { name: "human baseline", organism: "human", timeline: [] },
  {
    name: "human tocilizumab 8 mg/kg iv 1 h",
    organism: "human",
    timeline: [doseAt(0, "tocilizumab", 8, "mg/kg", "iv_infusion", 1)],
  },
  { name: "mouse Hyper-IL-6 2 ug ip", organism: "mouse", timeline: [doseAt(0, "hyper_il6", 2, "ug", "ip")] },
  {
    name: "mouse IL-6 0.1 ug iv over 6 h",
    organism: "mouse",
    timeline: [doseAt(0, "il6", 0.1, "ug", "iv_infusion", 6)],
  },
  { name: "mouse 70% PHx, 14 d", organism: "mouse", timeline: [phx(0.7)], end: 2 * WEEK },
  { name: "rat 2/3 PHx, 7 d", organism: "rat", timeline: [phx(2 / 3)] },
];
const METHODS: readonly SolverMethod[] = [rodas5p, bdf];
const hourly = (end: number) => Array.from({ length: end + 1 }, (_, i) => i);

export interface ModelRow {
  case: string;
  solver: string;
  what: string;
  median_ms: number;
  min_ms: number;
  steps: number;
  rhs_evals: number;
  jac_evals: number;
  lu: number;
  reps: number;
}

/** The whole runScenario (steady state, actions, observables) of one scenario, as a row. */
function scenarioRow(name: string, scenario: ResolvedScenario, minTime: number): ModelRow {
  const full = measure(() => {
    const r = runScenario(il6Liver, scenario);
    if (!r.ok) throw new Error(r.issues[0].message);
    return r.result;
  }, minTime);
  const s = full.last.solver;
  return {
    case: name,
    solver: s.method,
    what: "runScenario",
    median_ms: full.medianMs,
    min_ms: full.minMs,
    steps: s.steps,
    rhs_evals: s.rhs_evals,
    jac_evals: s.jac_evals,
    lu: s.lu,
    reps: full.reps,
  };
}

const fms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

export const modelSuite: Suite = {
  name: "model",
  description:
    "il6-liver: one-week mouse and human simulations and the 14-day mouse 70% PHx in-process (simulate and runScenario), Rodas5P and BDF",
  run(args: BenchArgs): object[] {
    const { log, minTime } = args;
    const rows: ModelRow[] = [];
    for (const organism of ["mouse", "rat", "human"]) {
      const net = il6Liver.network(organism, []);
      if (!net.ok) throw new Error(net.issues[0].message);
      const c = measure(() => compileNetwork(net.network), minTime, 3, 20);
      const m = c.last.ok ? c.last.model : undefined;
      if (!m) throw new Error("il6-liver does not compile");
      const init = m.initial({});
      const ss = measure(() => steadyState(m.system, init.p, init.y0, {}), minTime);
      log(
        `il6-liver ${organism}: ${m.system.size} states, ${net.network.reactions.length} reactions; compile ${fms(c.medianMs)} ms, steady state ${fms(ss.medianMs)} ms (${ss.last.method})`,
      );
    }
    for (const k of CASES) {
      const compiled = compiledFor(il6Liver, k.organism, []);
      if (!compiled.ok) throw new Error(compiled.issues[0].message);
      const m = compiled.model;
      const init = m.initial({});
      const y0 = steadyState(m.system, init.p, init.y0, {}).y;
      const actions = k.timeline.flatMap(
        (e) => il6Liver.actions(e, { organism: k.organism, path: "" }).actions,
      );
      const end = k.end ?? WEEK;
      for (const method of METHODS) {
        const t = measure(
          () => simulate(m, { tEnd: end, outputTimes: hourly(end), y0, p: init.p, actions, method }),
          minTime,
        );
        const s = t.last.stats;
        if (t.last.status !== "ok") log(`  ${k.name} ${method.name}: ${t.last.message}`);
        rows.push({
          case: k.name,
          solver: method.name,
          what: "simulate",
          median_ms: t.medianMs,
          min_ms: t.minMs,
          steps: s.steps,
          rhs_evals: s.rhsEvals,
          jac_evals: s.jacEvals,
          lu: s.luDecompositions,
          reps: t.reps,
        });
      }
      rows.push(
        scenarioRow(
          k.name,
          {
            model: il6Liver.id,
            organism: k.organism,
            genotype: [],
            parameters: {},
            end,
            timeline: k.timeline,
            output: {
              times: hourly(end),
              observables: [
                "serum_IL6_pg_per_mL",
                "hepatocyte_pSTAT3_nuclear_fraction",
                "hsc_trans_signal",
                "liver_mass_percent_of_preop",
                "survival_probability",
              ],
            },
          },
          minTime,
        ),
      );
    }
    // the named PHx scenarios exactly as users run them (BDF, their own outputs)
    for (const id of ["mouse_phx70", "rat_phx67"])
      rows.push(scenarioRow(`named ${id}`, il6Liver.scenarios.find((s) => s.id === id)!.scenario, minTime));
    log("");
    log(
      "case                               solver   what          median ms    min ms   steps    rhs    jac     lu",
    );
    for (const r of rows)
      log(
        `${r.case.padEnd(34)} ${r.solver.padEnd(8)} ${r.what.padEnd(12)} ${fms(r.median_ms).padStart(10)} ${fms(r.min_ms).padStart(9)} ${String(r.steps).padStart(7)} ${String(r.rhs_evals).padStart(6)} ${String(r.jac_evals).padStart(6)} ${String(r.lu).padStart(6)}`,
      );
    return rows.map((r) => ({ suite: "model", ...r }));
  },
};
