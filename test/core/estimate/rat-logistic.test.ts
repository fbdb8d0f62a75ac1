/**
 * A second route to published numbers: the logistic baselines that design/model.md quotes for
 * the rat liver volumes (five chow animals with complete data, 10–168 h, 25 points):
 * a 2-parameter logistic fitted to the pooled data, RMSE 0.080; a 2-parameter logistic per
 * animal (capacity K and rate r, starting from the animal's own 0.3 h volume), RMSE 0.062.
 * il6sim fits them through the whole estimation stack (network -> compiled model -> problem ->
 * multi-start LM) and must reproduce both (scipy least_squares gives 0.0802 and 0.0618).
 * These are the bars the IL-6 regeneration fit (docs/fitting.md) has to beat.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileNetwork } from "../../../src/core/compile/index.js";
import {
  compiledSimulationModel,
  type EstimationProblem,
  fitProblem,
  type MeasurementSpec,
} from "../../../src/core/estimate/index.js";
import { parseTrusted } from "../../../src/core/expr/index.js";
import { network } from "../../../src/core/network/index.js";

const CSV = "../shared/data/rat-liver-volume/rat-liver-volume.csv";
const FIVE = ["BCH27", "BCH28", "BCH29", "BCHF30", "BCHF31"];
const TIMES = [10, 24, 48, 72, 168];

function chowVolumes(): Map<string, Map<number, number>> {
  const [head, ...lines] = readFileSync(CSV, "utf8").trim().split(/\r?\n/);
  const cols = head.split(",");
  const [ia, it, iv, id] = ["Animal", "Time", "Volume_Norm", "Diet"].map((c) => cols.indexOf(c));
  const out = new Map<string, Map<number, number>>();
  for (const l of lines) {
    const f = l.split(",");
    if (f[id] !== "Chow" || f[iv] === "") continue;
    if (!out.has(f[ia])) out.set(f[ia], new Map());
    out.get(f[ia])!.set(Number(f[it]), Number(f[iv]));
  }
  return out;
}

/** dV/dt = r·V·(1 − V/K), V(t0) = V0. */
function logistic(t0: number) {
  const c = compileNetwork(
    network("logistic_volume", (n) => {
      n.compartment("liver", { size: 1 });
      n.species("V", { in: "liver", initial: 0.3 });
      n.parameter("r", 0.03);
      n.parameter("K", 1);
      n.reaction("regrowth", [], ["V"], "r * V * (1 - V / K) * liver");
    }),
  );
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join("\n"));
  return compiledSimulationModel(c.model, { t0, rtol: 1e-10, atol: 1e-12 });
}

const rmse = (r: readonly { residual: number; sigma: number }[]) =>
  Math.sqrt(r.reduce((s, x) => s + (x.residual * x.sigma) ** 2, 0) / r.length);

describe("rat liver volumes: logistic baselines through the estimation stack", () => {
  const data = chowVolumes();
  const rows = (animal: string, condition: string): MeasurementSpec[] =>
    TIMES.map((time) => ({
      observableId: "volume",
      simulationConditionId: condition,
      time,
      value: data.get(animal)!.get(time)!,
      observableParameters: [],
      noiseParameters: [],
    }));
  const observable = {
    id: "volume",
    formula: parseTrusted("V"),
    noiseFormula: parseTrusted("0.05"),
    transformation: "lin" as const,
    distribution: "normal" as const,
  };

  it("the data are the five complete chow animals, and the per-time mean scores RMSE 0.079", () => {
    const complete = [...data.keys()].filter((a) => TIMES.every((t) => data.get(a)!.has(t)));
    expect(complete).toEqual(FIVE);
    let s = 0;
    for (const t of TIMES) {
      const v = FIVE.map((a) => data.get(a)!.get(t)!);
      const m = v.reduce((p, q) => p + q, 0) / v.length;
      s += v.reduce((p, q) => p + (q - m) ** 2, 0);
    }
    expect(Math.sqrt(s / 25)).toBeCloseTo(0.0791, 4);
  });

  it("pooled 2-parameter logistic (V0, r; K = 1): RMSE 0.080", () => {
    const problem: EstimationProblem = {
      id: "rat_pooled_logistic",
      parameters: [
        { id: "V", scale: "log10", lower: 0.05, upper: 0.99, nominal: 0.4, estimate: true },
        { id: "r", scale: "log10", lower: 1e-4, upper: 1, nominal: 0.01, estimate: true },
      ],
      observables: [observable],
      conditions: [{ id: "pooled", changes: {} }],
      measurements: FIVE.flatMap((a) => rows(a, "pooled")),
    };
    const report = fitProblem(problem, logistic(0), { starts: 5, seed: 1 });
    expect(report.status).toBe("ok");
    expect(rmse(report.residuals)).toBeCloseTo(0.0802, 3);
    expect(report.parameters.find((p) => p.id === "r")!.value).toBeCloseTo(0.0263, 3);
  });

  it("per-animal 2-parameter logistic (K, r from the animal's 0.3 h volume): RMSE 0.062", () => {
    const problem: EstimationProblem = {
      id: "rat_per_animal_logistic",
      parameters: FIVE.flatMap((a) => [
        { id: `K_${a}`, scale: "log10" as const, lower: 0.5, upper: 3, nominal: 1, estimate: true },
        { id: `r_${a}`, scale: "log10" as const, lower: 1e-4, upper: 1, nominal: 0.02, estimate: true },
      ]),
      observables: [observable],
      conditions: FIVE.map((a) => ({
        id: a,
        changes: { V: data.get(a)!.get(0.3)!, K: `K_${a}`, r: `r_${a}` },
      })),
      measurements: FIVE.flatMap((a) => rows(a, a)),
    };
    const report = fitProblem(problem, logistic(0.3), { starts: 8, seed: 2 });
    expect(report.status).toBe("ok");
    expect(rmse(report.residuals)).toBeCloseTo(0.0618, 3);
  });
});
