/**
 * Forward sensitivities of a library-model scenario as SimulationModel.simulateWithSensitivities,
 * for fits and local sensitivity analysis: a thin adapter over runScenarioSensitivities
 * (models/run-sensitivities.ts: the runScenario pipeline — pre-injury steady state, timeline
 * actions, observables with units, fold-change observables — on the engine's sensitivities).
 */
import type { SensitivityOutcome, SensitivityRequest } from "../../core/estimate/simulation-model.js";
import type { ResolvedScenario } from "../../core/scenario/types.js";
import { runScenarioSensitivities } from "../../models/run-sensitivities.js";
import type { LibraryModel } from "../../models/types.js";

export function scenarioSensitivities(
  lib: LibraryModel,
  scenario: ResolvedScenario,
  parameterValue: (id: string) => number | undefined,
): (req: SensitivityRequest) => SensitivityOutcome {
  const defs = new Set(lib.observables.map((o) => o.id));
  return (req) => {
    const ids = req.parameters;
    const m = ids.length;
    const parameters = { ...scenario.parameters, ...Object.fromEntries(req.overrides) };
    const observed = req.quantities.filter((q) => defs.has(q));
    const end = Math.max(scenario.end, ...req.times);
    const out = runScenarioSensitivities(
      lib,
      { ...scenario, parameters, end, output: { times: [...req.times], observables: observed } },
      ids,
      req.shouldStop ? { shouldStop: req.shouldStop } : {},
    );
    if (!out.ok)
      return { ok: false, status: "badInput", message: out.issues.map((i) => i.message).join("; ") };
    const r = out.result;
    if (r.status !== "ok") return { ok: false, status: r.status, message: r.message };
    const nt = req.times.length;
    if (r.t.length !== nt)
      return {
        ok: false,
        status: "badInput",
        message: `Output times outside the scenario (${r.t.length} of ${nt} kept).`,
      };
    const values: Float64Array[] = [];
    const sensitivities: Float64Array[] = [];
    for (const q of req.quantities) {
      const s = new Float64Array(nt * m);
      if (defs.has(q)) {
        values.push(Float64Array.from(r.observables[q]));
        r.sensitivities[q].forEach((row, i) => row.forEach((v, k) => (s[i * m + k] = v)));
      } else {
        // a model parameter read by a formula: constant in time, d/dθ = 1 for itself
        values.push(new Float64Array(nt).fill(parameters[q] ?? parameterValue(q) ?? NaN));
        const k = ids.indexOf(q);
        if (k >= 0) for (let i = 0; i < nt; i++) s[i * m + k] = 1;
      }
      sensitivities.push(s);
    }
    return { ok: true, values, sensitivities };
  };
}
