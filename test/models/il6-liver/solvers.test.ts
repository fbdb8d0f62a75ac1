import { describe, expect, it } from "vitest";
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
