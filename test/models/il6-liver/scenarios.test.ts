import { describe, expect, it } from "vitest";
import { parseTrusted } from "../../../src/core/expr/index.js";
import { CELLS } from "../../../src/models/il6-liver/compartments.js";
import { compiled, il6Liver, run } from "./helpers.js";

describe("il6-liver named scenarios", () => {
  for (const named of il6Liver.scenarios) {
    it(`${named.id} runs from its steady state and every state stays non-negative`, () => {
      const r = run(named.scenario);
      expect(r.status).toBe("ok");
      const sim = r.simulation;
      const n = sim.model.system.size;
      for (let i = 0; i < n; i++) {
        const col = sim.states.map((y) => y[i]);
        const scale = Math.max(...col.map(Math.abs));
        // tolerance-level excursions below zero (a few x atol 1e-10) are numerical, not biological
        expect(Math.min(...col), sim.model.system.stateIds[i]).toBeGreaterThanOrEqual(-1e-6 * scale - 1e-8);
      }
      for (const [id, v] of Object.entries(r.observables)) expect(v.every(Number.isFinite), id).toBe(true);
    });
  }

  it("classic + trans + Hyper-IL-6 (+ basal) = total active gp130 in every cell type, at every time", () => {
    const named = il6Liver.scenarios.find((s) => s.id === "mouse_hyper_il6_2ug_ip")!.scenario;
    const r = run({
      ...named,
      timeline: [
        ...named.timeline,
        { at: 1, intervention: { kind: "dose", drug: "il6", amount: { value: 1, unit: "ug" }, route: "iv" } },
      ],
      output: {
        times: named.output.times,
        observables: CELLS.flatMap((c) =>
          ["classic_signal", "trans_signal", "hyper_il6_signal", "total_active_gp130"].map(
            (k) => `${c.name}_${k}`,
          ),
        ),
      },
    });
    const m = compiled("mouse");
    const basal = m.expressions(
      CELLS.map((c) => parseTrusted(`gp130_active_${c.id} * avogadro_per_pmol / N_${c.id}`)),
    );
    const out = new Float64Array(CELLS.length);
    r.t.forEach((t, i) => {
      basal(t, r.simulation.states[i], r.simulation.params[i], out);
      CELLS.forEach((c, k) => {
        const o = (s: string) => r.observables[`${c.name}_${s}`][i];
        const sum = o("classic_signal") + o("trans_signal") + o("hyper_il6_signal") + out[k];
        expect(sum).toBeCloseTo(o("total_active_gp130"), 10);
      });
    });
    // the routes are separately visible: IL-6R- cells see no classic signal, hepatocytes see all three
    expect(Math.max(...r.observables.hsc_classic_signal)).toBe(0);
    expect(Math.max(...r.observables.hepatocyte_classic_signal)).toBeGreaterThan(0);
    expect(Math.max(...r.observables.hepatocyte_trans_signal)).toBeGreaterThan(0);
    expect(Math.max(...r.observables.hsc_hyper_il6_signal)).toBeGreaterThan(0);
  });

  it("every named scenario says what it mirrors and names only known observables", () => {
    const ids = new Set(il6Liver.observables.map((o) => o.id));
    for (const s of il6Liver.scenarios) {
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.mirrors.length).toBeGreaterThan(10);
      for (const o of s.scenario.output.observables) expect(ids.has(o), `${s.id}: ${o}`).toBe(true);
    }
  });
});
