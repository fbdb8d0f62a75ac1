import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  perAnimalLogisticRmse,
  perTimeMeanRmse,
  pooledLogisticRmse,
} from "../../../src/models/il6-liver/calibration/baselines.js";
import {
  animalProblem,
  pooledProblem,
  ratScenarioModel,
} from "../../../src/models/il6-liver/calibration/problem.js";
import { ANIMAL_FREE, POOLED_FREE } from "../../../src/models/il6-liver/calibration/fit.js";
import { COMPLETE, RAT_CHOW } from "../../../src/models/il6-liver/calibration/rat-data.js";
import { parameterSet } from "../../../src/models/il6-liver/parameters/index.js";
import { RAT_FIT } from "../../../src/models/il6-liver/parameters/rat-fitted.js";
import { il6Liver } from "./helpers.js";

const CSV = "../shared/data/rat-liver-volume/rat-liver-volume.csv";

describe("il6-liver rat calibration", () => {
  it("the embedded chow volumes are the shared CSV's, value for value", () => {
    const [head, ...lines] = readFileSync(CSV, "utf8").trim().split(/\r?\n/);
    const cols = head.split(",");
    const [ia, it_, iv, id] = ["Animal", "Time", "Volume_Norm", "Diet"].map((c) => cols.indexOf(c));
    const rows = lines
      .map((l) => l.split(","))
      .filter((f) => f[id] === "Chow" && Number(f[it_]) >= 0 && f[iv] !== "");
    expect(RAT_CHOW.flatMap((a) => a.points).length).toBe(rows.length);
    for (const f of rows) {
      const a = RAT_CHOW.find((x) => x.id === f[ia])!;
      expect(a.points.find(([t]) => t === Number(f[it_]))![1], `${f[ia]} at ${f[it_]} h`).toBe(Number(f[iv]));
    }
  });

  it("reproduces the bars of design/model.md: per-time mean 0.079, pooled logistic 0.080, per-animal logistic 0.062", () => {
    expect(perTimeMeanRmse()).toBeCloseTo(0.0791, 4);
    expect(pooledLogisticRmse()).toBeCloseTo(0.0802, 3);
    expect(perAnimalLogisticRmse()).toBeCloseTo(0.0618, 3);
  });

  it("the problems select the five complete animals (pooled: 30 points; one animal: 6), with the free parameters and sigma", () => {
    const set = parameterSet("rat");
    const pooled = pooledProblem(POOLED_FREE, (x) => set[x].value);
    expect(pooled.measurements).toHaveLength(30);
    expect(pooled.parameters.map((p) => p.id)).toEqual(["G_rate", "size_max", "sigma_volume"]);
    const one = animalProblem("BCH28", ANIMAL_FREE, (x) => set[x].value);
    expect(one.measurements).toHaveLength(6);
    expect(one.parameters.map((p) => p.id)).toEqual(["M", "k_cd", "sigma_volume"]);
    expect(COMPLETE).toEqual(["BCH27", "BCH28", "BCH29", "BCHF30", "BCHF31"]);
  });

  it("the rat parameter set carries the checked-in fitted values, and re-simulating them gives the reported RMSEs", () => {
    const set = parameterSet("rat");
    expect(set.G_rate.value).toBe(RAT_FIT.pooled.G_rate.value);
    expect(set.size_max.value).toBe(RAT_FIT.pooled.size_max.value);
    expect(set.G_rate.source).toContain("fitted (this work, rat-liver-volume chow controls");
    const model = ratScenarioModel(il6Liver);
    const times = [10, 24, 48, 72, 168];
    const sim = (overrides: Record<string, number>) => {
      const r = model.simulate({
        overrides: new Map(Object.entries(overrides)),
        times,
        quantities: ["volume"],
      });
      if (!r.ok) throw new Error(r.message);
      return r.values[0];
    };
    const residuals = (v: Float64Array, a: string) =>
      times.map((t, i) => v[i] - RAT_CHOW.find((x) => x.id === a)!.points.find(([u]) => u === t)![1]);
    const rmse = (r: number[]) => Math.sqrt(r.reduce((s, x) => s + x * x, 0) / r.length);
    const pooled = sim({});
    expect(rmse(COMPLETE.flatMap((a) => residuals(pooled, a)))).toBeCloseTo(RAT_FIT.rmse.pooled, 3);
    const perAnimal = COMPLETE.flatMap((a) => residuals(sim({ ...RAT_FIT.perAnimal[a] }), a));
    expect(rmse(perAnimal)).toBeCloseTo(RAT_FIT.rmse.perAnimal, 3);
    expect(RAT_FIT.rmse.perAnimal).toBeLessThan(RAT_FIT.rmse.perAnimalLogistic);
  }, 60_000);
});
