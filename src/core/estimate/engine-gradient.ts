/**
 * The engine side of the sensitivity seam: a compiled network as a SimulationModel that also
 * answers `simulateWithSensitivities` with forward sensitivities from the engine
 * (core/simulate/sensitivities.ts), with the same semantics as compiledSimulationModel:
 * conditions set values before initial assignments (so dy0/dθ follows them), pre-equilibration
 * to a steady state (−J⁻¹ ∂f/∂p, or integration when conservation laws make J singular) whose
 * states are kept unless the simulation condition sets them, and Infinity as a steady-state
 * measurement time. The estimation layer's sensitivity gradient then does the chain rule
 * through observable formulas and parameter scales.
 */
import type { CompiledModel } from "../compile/index.js";
import { sym } from "../expr/ast.js";
import { IssueError, formatIssues } from "../issues.js";
import { simulateSensitivities } from "../simulate/sensitivities.js";
import { type InitialSensitivities, initialSensitivities } from "../simulate/sensitivity-initial.js";
import { observableSensitivities } from "../simulate/sensitivity-observe.js";
import { steadyStateSensitivities } from "../simulate/sensitivity-steady.js";
import { bdf } from "../solve/index.js";
import {
  type CompiledSimulationOptions,
  type SimulationModel,
  type SimulationRequest,
  compiledSimulationModel,
} from "./simulation-model.js";

/** A request for values and their derivatives with respect to model ids. */
export interface EngineSensitivityRequest extends SimulationRequest {
  /** Model ids (parameters, compartments, species initial values) to differentiate by. */
  readonly parameters: readonly string[];
}

export type EngineSensitivityOutcome =
  | {
      readonly ok: true;
      /** values[q][i] = quantities[q] at times[i]. */
      readonly values: Float64Array[];
      /** sensitivities[q][i·np + j] = d quantities[q] / d parameters[j] at times[i]. */
      readonly sensitivities: Float64Array[];
    }
  | { readonly ok: false; readonly status: string; readonly message: string };

export interface EngineSimulationModel extends SimulationModel {
  simulateWithSensitivities(request: EngineSensitivityRequest): EngineSensitivityOutcome;
  readonly sensitivityMethod: string;
}

const fail = (status: string, message: string): EngineSensitivityOutcome => ({ ok: false, status, message });

/**
 * compiledSimulationModel plus engine sensitivities. Sensitivities use BDF (the method must
 * declare blockNewton; Rosenbrock methods cannot share one LU across the parameters) at the
 * same tolerances as the plain runs.
 */
export function engineSimulationModel(
  model: CompiledModel,
  options: CompiledSimulationOptions = {},
): EngineSimulationModel {
  const base = compiledSimulationModel(model, options);
  const rtol = options.rtol ?? 1e-8;
  const atol = options.atol ?? 1e-12;
  const t0 = options.t0 ?? 0;
  const method = options.method?.blockNewton ? options.method : bdf;
  const n = model.system.size;
  return {
    ...base,
    sensitivityMethod: `forward sensitivities (${method.name}, simultaneous corrector)`,
    simulateWithSensitivities(req) {
      const ids = req.parameters;
      const m = ids.length;
      const init = model.initial(req.overrides, t0);
      const s0 = initialSensitivities(model, ids, req.overrides, t0);
      const bad = [...init.issues, ...s0.issues].filter((i) => i.severity === "error");
      if (bad.length > 0) return fail("nonFinite", `Initial values are invalid: ${formatIssues(bad)}`);
      const y0 = Float64Array.from(init.y0);
      const dy0 = Float64Array.from(s0.value.dy0);
      const p = init.p;
      const dp0 = s0.value.dp0;
      if (req.preequilibration) {
        const pre = model.initial(req.preequilibration, t0);
        const sPre = initialSensitivities(model, ids, req.preequilibration, t0);
        const ss = steadyStateSensitivities(model, pre.p, pre.y0, ids, sPre.value, {
          rtol: rtol * 10,
          atol,
          t: t0,
        });
        if (!ss.ok) return fail(ss.status, `Pre-equilibration: ${ss.message}`);
        // states keep the pre-equilibrated value unless the simulation condition sets them
        for (let i = 0; i < n; i++) {
          if (req.overrides.has(model.layout.stateIds[i])) continue;
          y0[i] = ss.y[i];
          for (let k = 0; k < m; k++) dy0[i * m + k] = ss.dy[i * m + k];
        }
      }
      const exprs = req.quantities.map((q) => sym(q));
      const values = req.quantities.map(() => new Float64Array(req.times.length));
      const sensitivities = req.quantities.map(() => new Float64Array(req.times.length * m));
      const put = (col: number, v: Float64Array[], s: Float64Array[], from: number) =>
        req.quantities.forEach((_, q) => {
          values[q][col] = v[q][from];
          for (let k = 0; k < m; k++) sensitivities[q][col * m + k] = s[q][from * m + k];
        });
      const readAt = (y: Float64Array, S: InitialSensitivities) =>
        observableSensitivities(
          model,
          ids,
          {
            times: Float64Array.of(t0),
            states: [y],
            params: [p],
            sensitivities: [S.dy0],
            parameterSensitivities: [S.dp0],
          },
          exprs,
        );
      const finite = req.times.filter((t) => Number.isFinite(t));
      const tEnd = finite.length ? finite[finite.length - 1] : t0;
      try {
        if (tEnd > t0) {
          const sim = simulateSensitivities(model, {
            t0,
            tEnd,
            outputTimes: finite,
            y0,
            p,
            method,
            rtol,
            atol,
            parameters: ids,
            initialSensitivities: { dy0, dp0 },
            ...(req.shouldStop ? { shouldStop: req.shouldStop } : {}),
          });
          if (sim.status !== "ok") return fail(sim.status, sim.message);
          const o = sim.observableSensitivities(exprs);
          for (let i = 0; i < finite.length; i++) put(i, o.values, o.sensitivities, i);
        } else {
          const o = readAt(y0, { dy0, dp0 });
          for (let i = 0; i < finite.length; i++) put(i, o.values, o.sensitivities, 0);
        }
        if (finite.length < req.times.length) {
          const ss = steadyStateSensitivities(
            model,
            p,
            y0,
            ids,
            { dy0, dp0 },
            { rtol: rtol * 10, atol, t: t0 },
          );
          if (!ss.ok) return fail(ss.status, `Steady-state measurement: ${ss.message}`);
          const o = readAt(ss.y, { dy0: ss.dy, dp0 });
          for (let i = finite.length; i < req.times.length; i++) put(i, o.values, o.sensitivities, 0);
        }
      } catch (err) {
        if (err instanceof IssueError) return fail("badInput", err.message);
        throw err;
      }
      return { ok: true, values, sensitivities };
    },
  };
}
