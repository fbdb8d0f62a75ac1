import { describe, expect, it } from "vitest";
import { dormantStates } from "../../../src/core/simulate/dormant.js";
import { runScenario } from "../../../src/models/run.js";
import { il6Liver, run } from "./helpers.js";

describe("il6-liver numerics", () => {
  for (const named of il6Liver.scenarios) {
    it(`${named.id}: BDF (the named scenarios' solver) agrees with Rodas5P at rtol 1e-9 within 1e-3 of each observable's range`, () => {
      expect(named.scenario.solver?.method).toBe("BDF");
      const a = run(named.scenario);
      const ref = run({ ...named.scenario, solver: { method: "Rodas5P", rtol: 1e-9, atol: 1e-14 } });
      for (const [id, values] of Object.entries(ref.observables)) {
        // the range, or 1e-6 of the level for an observable that stays at its steady state, and
        // never below 1e-9 in the observable's unit (a knockout's IL-6 or pSTAT3 is numerically 0)
        const top = Math.max(...values.map(Math.abs));
        const scale = Math.max(Math.max(...values) - Math.min(...values), 1e-6 * top, 1e-9);
        values.forEach((v, i) => {
          // once a liver has failed (mass < 1%), ratios of vanishing cell numbers are not compared
          if ((ref.observables.liver_mass_percent_of_preop?.[i] ?? 100) < 1) return;
          expect(Math.abs(a.observables[id][i] - v) / scale, `${id} at ${a.t[i]} h`).toBeLessThan(1e-3);
        });
      }
    });
  }
});

describe("il6-liver runs that leave states out", () => {
  const named = (id: string) => il6Liver.scenarios.find((s) => s.id === id)!.scenario;

  it("mouse_phx70 without a drug: the drugs' states are dormant and left out, with the same steps and the same observables as the full run", () => {
    const reduced = runScenario(il6Liver, named("mouse_phx70"));
    const full = runScenario(il6Liver, named("mouse_phx70"), { reduceDormant: false });
    if (!reduced.ok || !full.ok) throw new Error("run failed");
    const sim = reduced.result.simulation;
    const none = { states: new Set<number>(), params: new Set<number>() };
    expect(dormantStates(sim.model, sim.states[0], sim.params[0], none)?.dormant.length).toBeGreaterThan(60);
    // the tolerances are scaled so that the error norms are the full system's: same step sequence
    expect(reduced.result.simulation.stats.steps).toBe(full.result.simulation.stats.steps);
    for (const [id, values] of Object.entries(full.result.observables)) {
      const scale = Math.max(...values.map(Math.abs), 1e-12);
      values.forEach((v, i) =>
        expect(Math.abs(reduced.result.observables[id][i] - v) / scale).toBeLessThan(1e-6),
      );
    }
  });

  it("observablesOnly computes the same observables bit for bit and keeps no state rows", () => {
    for (const id of ["mouse_phx70", "mouse_sgp130fc_100ug_ip"]) {
      const a = runScenario(il6Liver, named(id));
      const b = runScenario(il6Liver, named(id), { observablesOnly: true });
      if (!a.ok || !b.ok) throw new Error("run failed");
      expect(b.result.observables).toEqual(a.result.observables);
      expect(b.result.t).toEqual(a.result.t);
      expect(b.result.simulation.states.length).toBe(0);
      expect(a.result.simulation.states.length).toBe(a.result.t.length);
    }
  });
});
