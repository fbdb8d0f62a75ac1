import { describe, expect, it } from "vitest";
import { compiledSimulationModel } from "../../../src/core/estimate/simulation-model.js";
import { massAction, network } from "../../../src/core/network/index.js";
import { compiled, scaledError } from "./helpers.js";

/** Synthesis of A, A ⇌ B, degradation of B: a unique steady state. */
const model = compiled(
  network("chain", (n) => {
    n.compartment("c", { size: 1 });
    n.species("A", { in: "c", initial: 1 });
    n.species("B", { in: "c", initial: 0.5 });
    n.parameter("ks", 1);
    n.parameter("k1", 0.8);
    n.parameter("k2", 0.3);
    n.parameter("kd", 0.4);
    n.reaction("make", [], ["A"], "ks * c");
    n.reaction("convert", ["A"], ["B"], massAction("k1", "k2"));
    n.reaction("lose", ["B"], [], massAction("kd"));
  }),
);

const sim = compiledSimulationModel(model, { rtol: 1e-10, atol: 1e-12 });
const withSensitivities = sim.simulateWithSensitivities!.bind(sim);

/** Central differences of the plain simulate() with θ set in `maps` (the conditions that set it). */
function fd(
  id: string,
  value: number,
  base: { overrides: Map<string, number>; preequilibration?: Map<string, number> },
  times: number[],
  quantities: string[],
): Float64Array[] {
  const h = 1e-5 * value;
  const at = (v: number) => {
    const o = new Map(base.overrides).set(id, v);
    const pre = base.preequilibration ? new Map(base.preequilibration).set(id, v) : undefined;
    const r = sim.simulate({ overrides: o, ...(pre ? { preequilibration: pre } : {}), times, quantities });
    if (!r.ok) throw new Error(r.message);
    return r.values;
  };
  const [a, b] = [at(value + h), at(value - h)];
  return a.map((row, q) => row.map((x, i) => (x - b[q][i]) / (2 * h)));
}

/** The fit's seam (compiledSimulationModel.simulateWithSensitivities, on this engine) against differences of its simulate(). */
describe("engine sensitivities behind the estimation seam", () => {
  it("match differences of simulate() with pre-equilibration and a steady-state time point", () => {
    const values = { k1: 0.8, k2: 0.3, kd: 0.4 };
    const overrides = new Map(Object.entries({ ...values, ks: 2 }));
    const preequilibration = new Map(Object.entries(values));
    const times = [0, 0.5, 2, 6, Infinity];
    const quantities = ["A", "B", "convert", "k1"];
    const ids = Object.keys(values);
    const r = withSensitivities({
      overrides,
      preequilibration,
      times,
      quantities,
      parameters: ids,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    ids.forEach((id, k) => {
      const d = fd(id, values[id as keyof typeof values], { overrides, preequilibration }, times, quantities);
      quantities.forEach((q, qi) => {
        const ours = times.map((_, i) => r.sensitivities[qi][i * ids.length + k]);
        expect(scaledError(ours, d[qi], 1e-5, 1e-8), `d${q}/d${id}`).toBeLessThan(1);
      });
    });
    expect(sim.sensitivityMethod).toMatch(/BDF/);
  });

  it("differentiate initial values set by the condition", () => {
    const overrides = new Map([["A", 2]]);
    const times = [0, 1, 3];
    const r = withSensitivities({
      overrides,
      times,
      quantities: ["A", "B"],
      parameters: ["A", "ks"],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = fd("A", 2, { overrides }, times, ["A", "B"]);
    expect(r.sensitivities[0][0]).toBeCloseTo(1, 12);
    for (const q of [0, 1])
      expect(
        scaledError(
          times.map((_, i) => r.sensitivities[q][i * 2]),
          d[q],
          1e-5,
          1e-8,
        ),
      ).toBeLessThan(1);
  });
});
