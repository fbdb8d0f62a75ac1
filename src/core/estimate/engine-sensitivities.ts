/**
 * SimulationModel.simulateWithSensitivities for a compiled network, on the engine's forward
 * sensitivities (core/simulate/sensitivities.ts: the states and dy/dθ integrated together by
 * BDF with one shared LU, jumps carried across): the experiment's initial values and their
 * θ-derivatives from model.initial, pre-equilibration through steadyStateSensitivities
 * (implicit function theorem, or integration when conservation laws make J singular), output
 * times by simulateSensitivities, steady-state (inf) times again by steadyStateSensitivities.
 * Symbols at a steady state or at t0 are differentiated along the sensitivity directions.
 */
import type { CompiledModel } from "../compile/index.js";
import { resolveParameters, initialSensitivities } from "../simulate/sensitivity-initial.js";
import { steadyStateSensitivities } from "../simulate/sensitivity-steady.js";
import { simulateSensitivities } from "../simulate/sensitivities.js";
import { bdf } from "../solve/index.js";
import type { SensitivityOutcome, SensitivityRequest } from "./simulation-model.js";

export interface EngineSensitivityOptions {
  readonly rtol: number;
  readonly atol: number;
  readonly t0: number;
}

export const ENGINE_SENSITIVITY_METHOD = "engine: BDF, staggered corrector for the sensitivity columns";

/** True, or why these ids cannot be differentiated by the engine. */
export function engineSupports(model: CompiledModel, ids: readonly string[]): true | string {
  if (model.equations.delays.size > 0) return "the model uses delay()";
  const r = resolveParameters(model, ids);
  return r.issues.length === 0 ? true : r.issues.map((i) => i.message).join(" ");
}

export function engineSensitivities(
  model: CompiledModel,
  o: EngineSensitivityOptions,
): (req: SensitivityRequest) => SensitivityOutcome {
  const n = model.system.size;
  const nP = model.layout.paramIds.length;
  return (req) => {
    const ids = req.parameters;
    const m = ids.length;
    const fail = (status: string, message: string): SensitivityOutcome => ({ ok: false, status, message });
    const sim = model.initial(req.overrides, o.t0);
    const simS = initialSensitivities(model, ids, req.overrides, o.t0);
    const bad = [...sim.issues, ...simS.issues].find((i) => i.severity === "error");
    if (bad) return fail("nonFinite", `Initial values are invalid: ${bad.message}`);
    const y0 = Float64Array.from(sim.y0);
    const p = sim.p;
    const dy0 = Float64Array.from(simS.value.dy0);
    const dp0 = simS.value.dp0;
    if (req.preequilibration) {
      const pre = model.initial(req.preequilibration, o.t0);
      const preS = initialSensitivities(model, ids, req.preequilibration, o.t0).value;
      const ss = steadyStateSensitivities(model, pre.p, pre.y0, ids, preS, {
        rtol: o.rtol * 10,
        atol: o.atol,
        t: o.t0,
      });
      if (!ss.ok) return fail(ss.status, `Pre-equilibration: ${ss.message}`);
      for (let i = 0; i < n; i++) {
        if (req.overrides.has(model.layout.stateIds[i])) continue;
        y0[i] = ss.y[i];
        for (let k = 0; k < m; k++) dy0[i * m + k] = ss.dy[i * m + k];
      }
    }
    const nq = req.quantities.length;
    const values = req.quantities.map(() => new Float64Array(req.times.length));
    const sens = req.quantities.map(() => new Float64Array(req.times.length * m));
    const read = model.observer(req.quantities);
    /** values and d/dθ of the quantities at (y, p) moving along (dy, dp): central differences of the observer. */
    const atState = (col: number, t: number, y: Float64Array, dy: Float64Array) => {
      const buf = new Float64Array(nq);
      read(t, y, p, buf);
      for (let q = 0; q < nq; q++) values[q][col] = buf[q];
      const yp = new Float64Array(n);
      const ym = new Float64Array(n);
      const pp = new Float64Array(nP);
      const pm = new Float64Array(nP);
      const hi = new Float64Array(nq);
      const lo = new Float64Array(nq);
      for (let k = 0; k < m; k++) {
        let scale = 0;
        for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(dy[i * m + k]) / (1 + Math.abs(y[i])));
        for (let s = 0; s < nP; s++) scale = Math.max(scale, Math.abs(dp0[s * m + k]) / (1 + Math.abs(p[s])));
        const h = 1e-6 / Math.max(scale, 1e-300);
        for (let i = 0; i < n; i++) {
          yp[i] = y[i] + h * dy[i * m + k];
          ym[i] = y[i] - h * dy[i * m + k];
        }
        for (let s = 0; s < nP; s++) {
          pp[s] = p[s] + h * dp0[s * m + k];
          pm[s] = p[s] - h * dp0[s * m + k];
        }
        read(t, yp, pp, hi);
        read(t, ym, pm, lo);
        for (let q = 0; q < nq; q++) sens[q][col * m + k] = scale === 0 ? 0 : (hi[q] - lo[q]) / (2 * h);
      }
    };

    const finite = req.times.filter((t) => Number.isFinite(t));
    const tEnd = finite.length ? finite[finite.length - 1] : o.t0;
    if (tEnd > o.t0) {
      const res = simulateSensitivities(model, {
        t0: o.t0,
        tEnd,
        outputTimes: finite,
        y0,
        p,
        initialSensitivities: { dy0, dp0 },
        parameters: ids,
        method: bdf,
        rtol: o.rtol,
        atol: o.atol,
        ...(req.shouldStop ? { shouldStop: req.shouldStop } : {}),
      });
      if (res.status !== "ok") return fail(res.status, res.message);
      const v = res.seriesMany(req.quantities);
      req.quantities.forEach((q, qi) => {
        values[qi].set(v[qi]);
        ids.forEach((id, k) => {
          const s = res.seriesSensitivity(q, id);
          for (let i = 0; i < finite.length; i++) sens[qi][i * m + k] = s[i];
        });
      });
    } else for (let i = 0; i < finite.length; i++) atState(i, o.t0, y0, dy0);
    if (finite.length < req.times.length) {
      const ss = steadyStateSensitivities(
        model,
        p,
        y0,
        ids,
        { dy0, dp0 },
        { rtol: o.rtol * 10, atol: o.atol, t: o.t0 },
      );
      if (!ss.ok) return fail(ss.status, `Steady-state measurement: ${ss.message}`);
      for (let i = finite.length; i < req.times.length; i++) atState(i, o.t0, ss.y, ss.dy);
    }
    return { ok: true, values, sensitivities: sens };
  };
}
