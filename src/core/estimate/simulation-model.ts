/**
 * The seam between estimation and a model: "simulate this experiment with these values set,
 * and read these symbols at these times". A compiled network implements it here; library-model
 * scenarios and SBML files implement it in the layers that know them.
 */
import type { CompiledModel } from "../compile/index.js";
import { simulate } from "../simulate/index.js";
import { defaultMethod } from "../solve/index.js";
import { modelSteadyState } from "../simulate/steady.js";
import type { SolverMethod } from "../solve/types.js";
import { ENGINE_SENSITIVITY_METHOD, engineSensitivities, engineSupports } from "./engine-sensitivities.js";

export interface SimulationRequest {
  /** Values set for the experiment (simulation condition and parameter values), by model id. */
  readonly overrides: ReadonlyMap<string, number>;
  /** When present: first reach the steady state with these values set (PEtab pre-equilibration). */
  readonly preequilibration?: ReadonlyMap<string, number>;
  /** Sorted, distinct; Infinity means the steady state reached from the experiment's start. */
  readonly times: readonly number[];
  /** Model symbols to read at each time. */
  readonly quantities: readonly string[];
  readonly shouldStop?: () => boolean;
}

export type SimulationOutcome =
  | { readonly ok: true; /** values[q][i] = quantities[q] at times[i] */ readonly values: Float64Array[] }
  | { readonly ok: false; readonly status: string; readonly message: string };

export interface SensitivityRequest extends SimulationRequest {
  /** Model ids (parameters, species initial values) to differentiate with respect to. */
  readonly parameters: readonly string[];
}

export type SensitivityOutcome =
  | {
      readonly ok: true;
      readonly values: Float64Array[];
      /** sensitivities[q][i * np + j] = d quantities[q] / d parameters[j] at times[i]. */
      readonly sensitivities: Float64Array[];
    }
  | { readonly ok: false; readonly status: string; readonly message: string };

export interface SimulationModel {
  readonly description: string;
  /**
   * Forward sensitivities, when the model can give them (an engine with
   * simulateSensitivities); the fit then uses them instead of finite differences.
   */
  simulateWithSensitivities?(request: SensitivityRequest): SensitivityOutcome;
  /** How simulateWithSensitivities computes them, for reports ("forward sensitivities, staggered"). */
  readonly sensitivityMethod?: string;
  /** Whether sensitivities to these ids can be computed: true, or the reason they cannot. */
  supportsSensitivities?(parameters: readonly string[]): true | string;
  /** Symbols that observable formulas may read. */
  readonly symbolIds: readonly string[];
  /** Ids that conditions and parameters may set. */
  readonly settableIds: readonly string[];
  simulate(request: SimulationRequest): SimulationOutcome;
}

export interface CompiledSimulationOptions {
  readonly method?: SolverMethod;
  readonly rtol?: number;
  readonly atol?: number;
  /** Model time at which experiments start (default 0). */
  readonly t0?: number;
  /** Offer the engine's forward sensitivities to the fit (default true). */
  readonly sensitivities?: boolean;
}

/** A compiled network as a SimulationModel (what PEtab and SBML problems use). */
export function compiledSimulationModel(
  model: CompiledModel,
  options: CompiledSimulationOptions = {},
): SimulationModel {
  const net = model.network;
  const settable = [
    ...net.parameters.map((p) => p.id),
    ...net.species.map((s) => s.id),
    ...net.compartments.map((c) => c.id),
  ];
  const rtol = options.rtol ?? 1e-8;
  const atol = options.atol ?? 1e-12;
  const t0 = options.t0 ?? 0;
  const method = options.method ?? defaultMethod;
  const observers = new Map<string, ReturnType<CompiledModel["observer"]>>();
  const observer = (ids: readonly string[]) => {
    const key = ids.join("\u0000");
    let f = observers.get(key);
    if (!f) observers.set(key, (f = model.observer(ids)));
    return f;
  };
  const withSensitivities = options.sensitivities !== false;
  const sensitivities = engineSensitivities(model, { rtol, atol, t0 });
  return {
    ...(withSensitivities
      ? {
          simulateWithSensitivities: sensitivities,
          sensitivityMethod: ENGINE_SENSITIVITY_METHOD,
          supportsSensitivities: (ids: readonly string[]) => engineSupports(model, ids),
        }
      : {}),
    description: `network "${net.id}" (${model.system.size} states, ${model.layout.paramIds.length} parameters)`,
    symbolIds: [...settable, ...net.reactions.map((r) => r.id)],
    settableIds: settable,
    simulate(req) {
      const init = model.initial(req.overrides, t0);
      const bad = init.issues.find((i) => i.severity === "error");
      if (bad)
        return { ok: false, status: "nonFinite", message: `Initial values are invalid: ${bad.message}` };
      const y0 = Float64Array.from(init.y0);
      const p = init.p;
      if (req.preequilibration) {
        const pre = model.initial(req.preequilibration, t0);
        const ss = modelSteadyState(model, pre.p, pre.y0, { rtol: rtol * 10, atol, t: t0 });
        if (ss.status !== "ok")
          return { ok: false, status: ss.status, message: `Pre-equilibration: ${ss.message}` };
        // states keep the pre-equilibrated value unless the simulation condition sets them
        for (let i = 0; i < y0.length; i++) {
          if (!req.overrides.has(model.layout.stateIds[i])) y0[i] = ss.y[i];
        }
      }
      const finite = req.times.filter((t) => Number.isFinite(t));
      const values = req.quantities.map(() => new Float64Array(req.times.length));
      const read = observer(req.quantities);
      const buf = new Float64Array(req.quantities.length);
      const put = (col: number) => buf.forEach((v, q) => (values[q][col] = v));
      const tEnd = finite.length ? finite[finite.length - 1] : t0;
      if (tEnd > t0) {
        const sim = simulate(model, {
          t0,
          tEnd,
          outputTimes: finite,
          y0,
          p,
          method,
          rtol,
          atol,
          ...(req.shouldStop ? { shouldStop: req.shouldStop } : {}),
        });
        if (sim.status !== "ok") return { ok: false, status: sim.status, message: sim.message };
        for (let i = 0; i < finite.length; i++) {
          read(sim.times[i], sim.states[i], sim.params[i], buf);
          put(i);
        }
      } else {
        read(t0, y0, p, buf);
        for (let i = 0; i < finite.length; i++) put(i);
      }
      if (finite.length < req.times.length) {
        const ss = modelSteadyState(model, p, y0, { rtol: rtol * 10, atol, t: t0 });
        if (ss.status !== "ok")
          return { ok: false, status: ss.status, message: `Steady-state measurement: ${ss.message}` };
        read(t0, ss.y, p, buf);
        for (let i = finite.length; i < req.times.length; i++) put(i);
      }
      return { ok: true, values };
    },
  };
}
