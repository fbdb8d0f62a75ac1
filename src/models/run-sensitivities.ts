/**
 * runScenarioSensitivities(library model, scenario, parameter ids): the scenario run of
 * runScenario (pre-injury steady state, timeline, observables with units) together with the
 * derivatives of every observable at every output time with respect to model parameters,
 * by forward sensitivities in the engine (cost ≈ (1 + np) plain runs at most, one LU per
 * factorisation shared by all parameters). The derivatives are with respect to the parameter
 * values in effect (scenario overrides applied), through the steady state (−J⁻¹ ∂f/∂p, or by
 * integration when conservation laws make J singular) and every dose, injury and `set`.
 * Fold-change observables (relativeTo "start") are differentiated as quotients.
 */
import { type Issue, issue } from "../core/issues.js";
import type { ResolvedScenario } from "../core/scenario/types.js";
import { type SensitivityResult, simulateSensitivities } from "../core/simulate/sensitivities.js";
import { initialSensitivities, resolveParameters } from "../core/simulate/sensitivity-initial.js";
import { observableSensitivities } from "../core/simulate/sensitivity-observe.js";
import { steadyStateSensitivities } from "../core/simulate/sensitivity-steady.js";
import { bdf } from "../core/solve/index.js";
import type { StatusCode } from "../core/solve/types.js";
import { compiledFor, type RunOptions } from "./run.js";
import { checkScenario } from "./scenario-check.js";
import type { LibraryModel } from "./types.js";

export interface ScenarioSensitivities {
  readonly status: StatusCode;
  readonly message: string;
  readonly scenario: ResolvedScenario;
  readonly timeUnit: string;
  readonly t: number[];
  readonly observables: Record<string, number[]>;
  readonly units: Record<string, string>;
  readonly parameters: readonly string[];
  /** sensitivities[observable][i][k] = d observable(t[i]) / d parameters[k] (units: observable unit / parameter unit). */
  readonly sensitivities: Record<string, number[][]>;
  /** How the pre-injury steady state's sensitivities were found (absent without a steady-state start). */
  readonly steadyState?: { readonly method: string; readonly message: string };
  readonly solver: {
    method: string;
    steps: number;
    rhs_evals: number;
    jac_evals: number;
    lu: number;
    linear_solves: number;
    wall_ms: number;
  };
  readonly log: readonly { t: number; what: string }[];
  readonly simulation: SensitivityResult;
}

export type SensitivityRunOutcome =
  { ok: true; result: ScenarioSensitivities } | { ok: false; issues: Issue[] };

export interface SensitivityRunOptions extends RunOptions {
  /** Absolute tolerance of each column dy/dθ_k (default atol / |θ_k|). */
  readonly sensitivityAtol?: number | readonly number[];
  /** Sensitivities in the local error test (default false, as CVODES; see SensitivityOptions). */
  readonly sensitivityErrorControl?: boolean;
}

export function runScenarioSensitivities(
  lib: LibraryModel,
  scenario: ResolvedScenario,
  parameterIds: readonly string[],
  options: SensitivityRunOptions = {},
): SensitivityRunOutcome {
  const started = performance.now();
  const organism = scenario.organism ?? lib.organisms[0];
  const compiled = compiledFor(lib, organism, scenario.genotype);
  if (!compiled.ok) return compiled;
  const model = compiled.model;
  const checked = checkScenario(lib, scenario, model.network);
  const { observed, actions, t0 } = checked;
  const issues = [...checked.issues, ...resolveParameters(model, parameterIds).issues];
  if (issues.some((i) => i.severity === "error")) return { ok: false, issues };
  // Sensitivities need a method that tolerates the block iteration matrix: BDF unless one is named.
  const method = checked.method?.blockNewton ? checked.method : bdf;

  // ---- pre-injury state and its sensitivities
  const overrides = new Map(Object.entries(scenario.parameters));
  const init = model.initial(overrides, t0);
  const s0 = initialSensitivities(model, parameterIds, overrides, t0);
  if (s0.issues.length > 0) return { ok: false, issues: s0.issues };
  let y0 = init.y0;
  let dy0 = s0.value.dy0;
  let steady: ScenarioSensitivities["steadyState"];
  if (scenario.steadyStateStart ?? true) {
    const ss = steadyStateSensitivities(model, init.p, init.y0, parameterIds, s0.value);
    if (!ss.ok)
      return {
        ok: false,
        issues: [
          issue("no-steady-state", "model", `The pre-injury steady state was not found: ${ss.message}`, {
            hint: "Check parameter overrides, or set steady_state_start: false.",
          }),
        ],
      };
    y0 = ss.y;
    dy0 = ss.dy;
    steady = { method: ss.method, message: ss.message };
  }
  const dp0 = s0.value.dp0;
  const exprs = observed.map((o) => o.expr);
  const base = observableSensitivities(
    model,
    parameterIds,
    {
      times: Float64Array.of(t0),
      states: [y0],
      params: [init.p],
      sensitivities: [dy0],
      parameterSensitivities: [dp0],
    },
    exprs,
  );

  const times = scenario.output.times.filter((t) => t >= t0 && t <= scenario.end);
  const sim = simulateSensitivities(model, {
    t0,
    tEnd: scenario.end,
    outputTimes: times,
    y0,
    p: init.p,
    actions,
    method,
    parameters: parameterIds,
    initialSensitivities: { dy0, dp0 },
    ...(checked.solver.rtol !== undefined ? { rtol: checked.solver.rtol } : {}),
    ...(checked.solver.atol !== undefined ? { atol: checked.solver.atol } : {}),
    ...(options.sensitivityAtol !== undefined ? { sensitivityAtol: options.sensitivityAtol } : {}),
    ...(options.sensitivityErrorControl !== undefined
      ? { sensitivityErrorControl: options.sensitivityErrorControl }
      : {}),
    ...(options.reduceDormant === false ? { reduceDormant: false } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
  });

  const m = parameterIds.length;
  const obs = sim.times.length > 0 ? sim.observableSensitivities(exprs) : { values: [], sensitivities: [] };
  const observables: Record<string, number[]> = {};
  const sensitivities: Record<string, number[][]> = {};
  const units: Record<string, string> = {};
  observed.forEach((o, e) => {
    units[o.id] = o.unit;
    observables[o.id] = [];
    sensitivities[o.id] = [];
    const b = base.values[e][0];
    for (let i = 0; i < sim.times.length; i++) {
      const v = obs.values[e][i];
      const row: number[] = [];
      for (let k = 0; k < m; k++) {
        const dv = obs.sensitivities[e][i * m + k];
        // d(v/b) = (dv·b − v·db)/b²
        row.push(o.relativeTo === "start" ? (dv * b - v * base.sensitivities[e][k]) / (b * b) : dv);
      }
      observables[o.id].push(o.relativeTo === "start" ? v / b : v);
      sensitivities[o.id].push(row);
    }
  });
  return {
    ok: true,
    result: {
      status: sim.status,
      message: sim.message,
      scenario,
      timeUnit: lib.timeUnit,
      t: Array.from(sim.times),
      observables,
      units,
      parameters: parameterIds,
      sensitivities,
      ...(steady ? { steadyState: steady } : {}),
      solver: {
        method: sim.method,
        steps: sim.stats.steps,
        rhs_evals: sim.stats.rhsEvals,
        jac_evals: sim.stats.jacEvals,
        lu: sim.stats.luDecompositions,
        linear_solves: sim.stats.linearSolves,
        wall_ms: performance.now() - started,
      },
      log: sim.log,
      simulation: sim,
    },
  };
}
