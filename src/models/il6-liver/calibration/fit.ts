/**
 * Calibration of the regeneration module to the rat liver volumes (chow controls), with the
 * estimation library of src/core/estimate (multi-start Levenberg-Marquardt, central finite
 * differences, profile-likelihood intervals):
 *   pooled      G_rate and size_max (with sigma) on the five complete animals, 0.3-168 h: the
 *               growth rate and the hepatocyte size cap, the two regeneration constants the
 *               volumes identify; the rest of the rat set stays at its priors.
 *   per animal  M and k_cd per animal (the published model's per-animal pair, and the ids of
 *               docs/fitting.md), everything else at the pooled values.
 * RMSE is over 10-168 h (25 points), as the bars of design/model.md.
 */
import { type FitReport, fitProblem } from "../../../core/estimate/index.js";
import type { LibraryModel } from "../../types.js";
import { parameterSet } from "../parameters/index.js";
import { named } from "../validation/series.js";
import { FIT_TIMES, perAnimalLogisticRmse, perTimeMeanRmse, pooledLogisticRmse, rmse } from "./baselines.js";
import { animalProblem, type FreeSpec, pooledProblem, ratScenarioModel } from "./problem.js";
import { COMPLETE } from "./rat-data.js";

export const POOLED_FREE: readonly FreeSpec[] = [
  { id: "G_rate", lower: 1e-4, upper: 1e-2 },
  { id: "size_max", lower: 1.1, upper: 3 },
];
/** Bounds as docs/fitting.md (and the published per-animal grid). */
export const ANIMAL_FREE: readonly FreeSpec[] = [
  { id: "M", lower: 1, upper: 50 },
  { id: "k_cd", lower: 0.0005, upper: 0.5 },
];

export interface CalibrationOptions {
  readonly starts?: number;
  readonly profiles?: boolean;
  readonly onProgress?: (message: string) => void;
}

export interface CalibrationResult {
  readonly pooled: FitReport;
  readonly animals: readonly { readonly animal: string; readonly report: FitReport }[];
  readonly rmse: {
    readonly pooled: number;
    readonly perAnimal: number;
    readonly perTimeMean: number;
    readonly pooledLogistic: number;
    readonly perAnimalLogistic: number;
  };
}

const fitRmse = (reports: readonly FitReport[]) =>
  rmse(
    reports.flatMap((r) =>
      r.residuals
        .filter((x) => (FIT_TIMES as readonly number[]).includes(x.time))
        .map((x) => x.simulation - x.measurement),
    ),
  );

export function calibrateRat(lib: LibraryModel, o: CalibrationOptions = {}): CalibrationResult {
  const set = parameterSet("rat");
  const say = o.onProgress ?? (() => {});
  const options = (free: readonly FreeSpec[]) => ({
    starts: o.starts ?? 4,
    seed: 1,
    maxIterations: 80,
    profiles: (o.profiles ?? true) ? free.map((f) => f.id) : false,
  });
  say("pooled fit (G_rate, size_max, sigma)");
  const pooled = fitProblem(
    pooledProblem(POOLED_FREE, (id) => set[id].value),
    ratScenarioModel(lib),
    options(POOLED_FREE),
  );
  const shared = Object.fromEntries(
    pooled.parameters.filter((p) => p.estimated && p.id !== "sigma_volume").map((p) => [p.id, p.value]),
  );
  const base = named("rat_phx67");
  const model = ratScenarioModel(lib, { ...base, parameters: { ...base.parameters, ...shared } });
  const animals = COMPLETE.map((animal) => {
    say(`per-animal fit ${animal} (M, k_cd, sigma)`);
    return {
      animal,
      report: fitProblem(
        animalProblem(animal, ANIMAL_FREE, (id) => set[id].value),
        model,
        options(ANIMAL_FREE),
      ),
    };
  });
  return {
    pooled,
    animals,
    rmse: {
      pooled: fitRmse([pooled]),
      perAnimal: fitRmse(animals.map((a) => a.report)),
      perTimeMean: perTimeMeanRmse(),
      pooledLogistic: pooledLogisticRmse(),
      perAnimalLogistic: perAnimalLogisticRmse(),
    },
  };
}
