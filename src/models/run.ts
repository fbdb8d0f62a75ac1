/**
 * runScenario(library model, scenario): the one call site that combines a model (network per
 * organism and genotype), a scenario (timeline of interventions), the observation model and a
 * solver. Pre-injury steady state first, then the timeline, then observables with units.
 */
import { compileNetwork, type CompiledModel, type VecFn } from "../core/compile/index.js";
import { type Issue, issue } from "../core/issues.js";
import type { ResolvedScenario } from "../core/scenario/types.js";
import { simulate } from "../core/simulate/index.js";
import type { SimulationResult } from "../core/simulate/types.js";
import { modelSteadyState } from "../core/simulate/steady.js";
import type { StatusCode } from "../core/solve/types.js";
import { checkScenario } from "./scenario-check.js";
import type { LibraryModel, ObservableDef } from "./types.js";

export interface ScenarioResult {
  readonly status: StatusCode;
  readonly message: string;
  readonly scenario: ResolvedScenario;
  readonly timeUnit: string;
  readonly t: number[];
  readonly observables: Record<string, number[]>;
  readonly units: Record<string, string>;
  readonly solver: {
    method: string;
    steps: number;
    rhs_evals: number;
    jac_evals: number;
    lu: number;
    wall_ms: number;
  };
  /** Interventions and events that ran, in time order. */
  readonly log: readonly { t: number; what: string }[];
  readonly simulation: SimulationResult;
}

export type RunOutcome = { ok: true; result: ScenarioResult } | { ok: false; issues: Issue[] };

export interface RunOptions {
  readonly onProgress?: (fraction: number) => void;
  readonly shouldStop?: () => boolean;
  /** false: integrate every state, dormant ones included (see SimulateOptions). */
  readonly reduceDormant?: boolean;
  /**
   * Compute the observables at each output time and keep no state rows: result.simulation has
   * empty `states` (virtual populations, which need only the observables of many runs).
   */
  readonly observablesOnly?: boolean;
}

const compiledCache = new Map<string, CompiledModel>();

/** Compile (and cache) the network of a library model for one organism and genotype. */
export function compiledFor(
  lib: LibraryModel,
  organism: string,
  genotype: readonly string[],
): { ok: true; model: CompiledModel } | { ok: false; issues: Issue[] } {
  const key = `${lib.id}@${lib.version}|${organism}|${[...genotype].sort().join(",")}`;
  const hit = compiledCache.get(key);
  if (hit) return { ok: true, model: hit };
  const net = lib.network(organism, genotype);
  if (!net.ok) return net;
  const c = compileNetwork(net.network);
  if (!c.ok) return { ok: false, issues: c.issues };
  compiledCache.set(key, c.model);
  return { ok: true, model: c.model };
}

export function runScenario(
  lib: LibraryModel,
  scenario: ResolvedScenario,
  options: RunOptions = {},
): RunOutcome {
  const organism = scenario.organism ?? lib.organisms[0];
  const compiled = compiledFor(lib, organism, scenario.genotype);
  if (!compiled.ok) return compiled;
  const model = compiled.model;
  const { observed, actions, solver, method, t0, issues } = checkScenario(lib, scenario, model.network);
  if (issues.some((i) => i.severity === "error")) return { ok: false, issues };

  // ---- pre-injury state
  const init = model.initial(scenario.parameters, t0);
  let y0 = init.y0;
  if (scenario.steadyStateStart ?? true) {
    const ss = modelSteadyState(model, init.p, init.y0, {});
    if (ss.status !== "ok") {
      return {
        ok: false,
        issues: [
          issue("no-steady-state", "model", `The pre-injury steady state was not found: ${ss.message}`, {
            hint: "Check parameter overrides, or set steady_state_start: false.",
          }),
        ],
      };
    }
    y0 = ss.y;
  }
  const baseline = new Float64Array(observed.length);
  const obsFn = observablesFunction(model, observed);
  obsFn(t0, y0, init.p, baseline);

  const observables: Record<string, number[]> = {};
  const units: Record<string, string> = {};
  const buf = new Float64Array(observed.length);
  observed.forEach((o) => {
    observables[o.id] = [];
    units[o.id] = o.unit;
  });
  const record = (t: number, y: Float64Array, p: Float64Array): void => {
    obsFn(t, y, p, buf);
    observed.forEach((o, k) =>
      observables[o.id].push(o.relativeTo === "start" ? buf[k] / baseline[k] : buf[k]),
    );
  };

  const times = scenario.output.times.filter((t) => t >= t0 && t <= scenario.end);
  const sim = simulate(model, {
    t0,
    tEnd: scenario.end,
    outputTimes: times,
    y0,
    p: init.p,
    actions,
    ...(method ? { method } : {}),
    ...(solver.rtol !== undefined ? { rtol: solver.rtol } : {}),
    ...(solver.atol !== undefined ? { atol: solver.atol } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    ...(options.reduceDormant === false ? { reduceDormant: false } : {}),
    ...(options.observablesOnly ? { onOutput: record } : {}),
  });
  if (!options.observablesOnly)
    for (let i = 0; i < sim.times.length; i++) record(sim.times[i], sim.states[i], sim.params[i]);
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
      solver: {
        method: sim.method,
        steps: sim.stats.steps,
        rhs_evals: sim.stats.rhsEvals,
        jac_evals: sim.stats.jacEvals,
        lu: sim.stats.luDecompositions,
        wall_ms: sim.wallMs,
      },
      log: sim.log,
      simulation: sim,
    },
  };
}

const observableFns = new WeakMap<CompiledModel, Map<string, VecFn>>();

/** The compiled observables of a list (cached per model: a population runs the same list N times). */
function observablesFunction(model: CompiledModel, observed: readonly ObservableDef[]): VecFn {
  let byKey = observableFns.get(model);
  if (!byKey) observableFns.set(model, (byKey = new Map()));
  const key = observed.map((o) => o.id).join("\u0000");
  let f = byKey.get(key);
  if (!f) byKey.set(key, (f = model.expressions(observed.map((o) => o.expr))));
  return f;
}
