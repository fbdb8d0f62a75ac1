/**
 * A library-model scenario as a SimulationModel for estimation: condition values and
 * parameters become scenario parameter overrides, measurement times become output times, and
 * observable formulas read the library's observables (with their units) and model parameters.
 */
import type { SimulationModel } from "../../core/estimate/simulation-model.js";
import type { ResolvedScenario } from "../../core/scenario/types.js";
import { compiledFor, runScenario } from "../../models/run.js";
import type { LibraryModel } from "../../models/types.js";
import { ENGINE_SENSITIVITY_METHOD, engineSupports } from "../../core/estimate/engine-sensitivities.js";
import { scenarioSensitivities } from "./fit-scenario-sensitivities.js";

export function scenarioSimulationModel(
  lib: LibraryModel,
  scenario: ResolvedScenario,
): { ok: true; model: SimulationModel } | { ok: false; message: string } {
  const organism = scenario.organism ?? lib.organisms[0];
  const compiled = compiledFor(lib, organism, scenario.genotype);
  if (!compiled.ok) return { ok: false, message: compiled.issues.map((i) => i.message).join("; ") };
  const params = new Map(compiled.model.network.parameters.map((p) => [p.id, p.value]));
  const observables = lib.observables
    .filter((o) => !o.organisms || o.organisms.includes(organism))
    .map((o) => o.id);
  const sensitivities = scenarioSensitivities(lib, scenario, (id) => params.get(id));
  const cm = compiled.model;
  return {
    ok: true,
    model: {
      simulateWithSensitivities: sensitivities,
      sensitivityMethod: ENGINE_SENSITIVITY_METHOD,
      supportsSensitivities: (ids) => engineSupports(cm, ids),
      description: `${lib.id} scenario "${scenario.name ?? "scenario"}" (${organism})`,
      symbolIds: [...observables, ...params.keys()],
      settableIds: [...params.keys()],
      simulate(req) {
        if (req.preequilibration)
          return {
            ok: false,
            status: "unsupported",
            message:
              "Library scenarios start from their own pre-injury steady state; pre-equilibration conditions are not supported.",
          };
        if (req.times.some((t) => !Number.isFinite(t)))
          return {
            ok: false,
            status: "unsupported",
            message: "Steady-state (inf) measurements are not supported for library scenarios.",
          };
        const obs = req.quantities.filter((q) => observables.includes(q));
        const end = Math.max(scenario.end, ...req.times);
        const parameters = { ...scenario.parameters, ...Object.fromEntries(req.overrides) };
        const out = runScenario(
          lib,
          { ...scenario, parameters, end, output: { times: [...req.times], observables: obs } },
          req.shouldStop ? { shouldStop: req.shouldStop } : {},
        );
        if (!out.ok)
          return { ok: false, status: "badInput", message: out.issues.map((i) => i.message).join("; ") };
        const r = out.result;
        if (r.status !== "ok") return { ok: false, status: r.status, message: r.message };
        const values = req.quantities.map((q) => {
          if (obs.includes(q)) {
            return Float64Array.from(req.times, (t) => {
              const i = r.t.findIndex((x) => Math.abs(x - t) <= 1e-9 * Math.max(1, Math.abs(t)));
              return i < 0 ? NaN : r.observables[q][i];
            });
          }
          const v = parameters[q] ?? params.get(q) ?? NaN;
          return new Float64Array(req.times.length).fill(v);
        });
        return { ok: true, values };
      },
    },
  };
}
