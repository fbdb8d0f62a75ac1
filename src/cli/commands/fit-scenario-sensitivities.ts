/**
 * Forward sensitivities of a library-model scenario, for fits: the same pipeline as runScenario
 * (pre-injury steady state, timeline actions, observables with units, fold-change observables
 * relative to the start) on the engine's sensitivity functions, so that fitting a library
 * scenario uses dy/dθ instead of finite differences.
 */
import type { CompiledModel } from "../../core/compile/index.js";
import type { SensitivityOutcome, SensitivityRequest } from "../../core/estimate/simulation-model.js";
import type { ResolvedScenario } from "../../core/scenario/types.js";
import { initialSensitivities } from "../../core/simulate/sensitivity-initial.js";
import { observableSensitivities } from "../../core/simulate/sensitivity-observe.js";
import { steadyStateSensitivities } from "../../core/simulate/sensitivity-steady.js";
import { simulateSensitivities } from "../../core/simulate/sensitivities.js";
import { bdf } from "../../core/solve/index.js";
import type { LibraryModel } from "../../models/types.js";

export function scenarioSensitivities(
  lib: LibraryModel,
  scenario: ResolvedScenario,
  model: CompiledModel,
): (req: SensitivityRequest) => SensitivityOutcome {
  const organism = scenario.organism ?? lib.organisms[0];
  const defs = new Map(lib.observables.map((o) => [o.id, o]));
  const paramValue = new Map(model.network.parameters.map((p) => [p.id, p.value]));
  return (req) => {
    const fail = (status: string, message: string): SensitivityOutcome => ({ ok: false, status, message });
    const ids = req.parameters;
    const m = ids.length;
    const parameters = { ...scenario.parameters, ...Object.fromEntries(req.overrides) };
    const overrides = new Map(Object.entries(parameters));
    const t0 = scenario.start ?? Math.min(0, ...scenario.timeline.map((e) => e.at));
    const init = model.initial(overrides, t0);
    const is = initialSensitivities(model, ids, overrides, t0);
    const bad = [...init.issues, ...is.issues].find((i) => i.severity === "error");
    if (bad) return fail("nonFinite", bad.message);
    let y0 = init.y0;
    let dy0 = is.value.dy0;
    const dp0 = is.value.dp0;
    if (scenario.steadyStateStart ?? true) {
      const ss = steadyStateSensitivities(model, init.p, init.y0, ids, is.value, { t: t0 });
      if (!ss.ok) return fail(ss.status, `The pre-injury steady state was not found: ${ss.message}`);
      y0 = ss.y;
      dy0 = ss.dy;
    }
    const actions = [];
    for (const [k, entry] of scenario.timeline.entries()) {
      const r = lib.actions(entry, { organism, path: `timeline[${k}]` });
      if (r.issues.some((i) => i.severity === "error"))
        return fail("badInput", r.issues.map((i) => i.message).join("; "));
      actions.push(...r.actions);
    }
    const observed = req.quantities.filter((q) => defs.has(q));
    const exprs = observed.map((q) => defs.get(q)!.expr);
    const base = observableSensitivities(
      model,
      ids,
      {
        times: Float64Array.of(t0),
        states: [y0],
        params: [init.p],
        sensitivities: [dy0],
        parameterSensitivities: [dp0],
      },
      exprs,
    );
    const end = Math.max(scenario.end, ...req.times);
    const res = simulateSensitivities(model, {
      t0,
      tEnd: end,
      outputTimes: [...req.times],
      y0,
      p: init.p,
      initialSensitivities: { dy0, dp0 },
      actions,
      parameters: ids,
      method: bdf,
      rtol: scenario.solver?.rtol ?? 1e-6,
      atol: scenario.solver?.atol ?? 1e-10,
      ...(req.shouldStop ? { shouldStop: req.shouldStop } : {}),
    });
    if (res.status !== "ok") return fail(res.status, res.message);
    if (res.times.length !== req.times.length)
      return fail("badInput", `Output times outside [${t0}, ${end}].`);
    const os = res.observableSensitivities(exprs);
    const nt = req.times.length;
    const values: Float64Array[] = [];
    const sens: Float64Array[] = [];
    for (const q of req.quantities) {
      const e = observed.indexOf(q);
      if (e < 0) {
        // a model parameter read by a formula: constant in time, d/dθ = 1 for itself
        const v = parameters[q] ?? paramValue.get(q) ?? NaN;
        values.push(new Float64Array(nt).fill(v));
        const s = new Float64Array(nt * m);
        const k = ids.indexOf(q);
        if (k >= 0) for (let i = 0; i < nt; i++) s[i * m + k] = 1;
        sens.push(s);
        continue;
      }
      const v = Float64Array.from(os.values[e]);
      const s = Float64Array.from(os.sensitivities[e]);
      if (defs.get(q)!.relativeTo === "start") {
        // fold change v / b: d = (dv·b − v·db) / b²
        const b = base.values[e][0];
        for (let i = 0; i < nt; i++) {
          for (let k = 0; k < m; k++)
            s[i * m + k] = (s[i * m + k] * b - v[i] * base.sensitivities[e][k]) / (b * b);
          v[i] /= b;
        }
      }
      values.push(v);
      sens.push(s);
    }
    return { ok: true, values, sensitivities: sens };
  };
}
