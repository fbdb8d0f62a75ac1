/**
 * The rat liver-volume data as estimation problems for src/core/estimate: the rat_phx67 scenario
 * as a SimulationModel (parameter overrides -> liver volume / pre-operative at the data times),
 * a pooled problem (one parameter set for all animals) and a per-animal problem (the chosen
 * parameters per animal, the rest shared). Volume is compared as liver mass / pre-operative
 * (the model's liver volume follows its mass), with normal noise of one estimated sigma.
 */
import { sym } from "../../../core/expr/ast.js";
import type {
  ConditionSpec,
  EstimationProblem,
  MeasurementSpec,
  ParameterSpec,
} from "../../../core/estimate/problem.js";
import type { SimulationModel } from "../../../core/estimate/simulation-model.js";
import type { ResolvedScenario } from "../../../core/scenario/types.js";
import { compiledFor, runScenario } from "../../run.js";
import type { LibraryModel } from "../../types.js";
import { named } from "../validation/series.js";
import { COMPLETE, RAT_CHOW } from "./rat-data.js";

/** A free parameter: model id, bounds (linear scale) and scale. */
export interface FreeSpec {
  readonly id: string;
  readonly lower: number;
  readonly upper: number;
  readonly scale?: "lin" | "log10";
}

const OBSERVABLE = "liver_mass_percent_of_preop";

/** rat_phx67 as a SimulationModel; it reads the liver volume fraction ("volume") at any time. */
export function ratScenarioModel(
  lib: LibraryModel,
  base: ResolvedScenario = named("rat_phx67"),
  rtol = 1e-7,
): SimulationModel {
  const compiled = compiledFor(lib, "rat", base.genotype);
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join("; "));
  const ids = compiled.model.network.parameters.map((p) => p.id);
  return {
    description: "il6-liver rat_phx67 (liver volume / pre-operative)",
    symbolIds: ["volume"],
    settableIds: ids,
    simulate(req) {
      const sc: ResolvedScenario = {
        ...base,
        parameters: { ...base.parameters, ...Object.fromEntries(req.overrides) },
        end: Math.max(base.end, ...req.times),
        output: { times: [...req.times], observables: [OBSERVABLE] },
        solver: { method: "BDF", rtol, atol: 1e-12 },
      };
      const r = runScenario(lib, sc, req.shouldStop ? { shouldStop: req.shouldStop } : {});
      if (!r.ok) return { ok: false, status: "badInput", message: r.issues.map((i) => i.message).join("; ") };
      if (r.result.status !== "ok") return { ok: false, status: r.result.status, message: r.result.message };
      const v = r.result.observables[OBSERVABLE];
      const values = req.quantities.map(() =>
        Float64Array.from(req.times, (t) => v[r.result.t.findIndex((x) => Math.abs(x - t) < 1e-9)] / 100),
      );
      return { ok: true, values };
    },
  };
}

const spec = (f: FreeSpec, nominal: number, id = f.id): ParameterSpec => ({
  id,
  scale: f.scale ?? "log10",
  lower: f.lower,
  upper: f.upper,
  nominal: Math.min(f.upper, Math.max(f.lower, nominal)),
  estimate: true,
});

const SIGMA: ParameterSpec = {
  id: "sigma_volume",
  scale: "log10",
  lower: 0.005,
  upper: 0.5,
  nominal: 0.05,
  estimate: true,
};

function measurements(animals: readonly string[], condition: (a: string) => string): MeasurementSpec[] {
  return RAT_CHOW.filter((a) => animals.includes(a.id)).flatMap((a) =>
    a.points.map(([time, value]) => ({
      observableId: "volume",
      simulationConditionId: condition(a.id),
      time,
      value,
      observableParameters: [],
      noiseParameters: [],
    })),
  );
}

const OBS = [
  {
    id: "volume",
    formula: sym("volume"),
    noiseFormula: sym("sigma_volume"),
    transformation: "lin" as const,
    distribution: "normal" as const,
  },
];

/** One parameter set for the five complete animals, 0.3-168 h. */
export function pooledProblem(free: readonly FreeSpec[], nominal: (id: string) => number): EstimationProblem {
  return {
    id: "rat_pooled",
    parameters: [...free.map((f) => spec(f, nominal(f.id))), SIGMA],
    observables: OBS,
    conditions: [{ id: "pooled", changes: {} }],
    measurements: measurements(COMPLETE, () => "pooled"),
  };
}

/** The `perAnimal` parameters estimated for one animal (fixed = the shared values). */
export function animalProblem(
  animal: string,
  free: readonly FreeSpec[],
  nominal: (id: string) => number,
): EstimationProblem {
  const conditions: ConditionSpec[] = [{ id: animal, changes: {} }];
  return {
    id: `rat_${animal}`,
    parameters: [...free.map((f) => spec(f, nominal(f.id))), SIGMA],
    observables: OBS,
    conditions,
    measurements: measurements([animal], () => animal),
  };
}
