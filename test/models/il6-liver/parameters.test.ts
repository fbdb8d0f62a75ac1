import { describe, expect, it } from "vitest";
import { compiled, il6Liver } from "./helpers.js";
import { ORGANISMS, parameterSet } from "../../../src/models/il6-liver/parameters/index.js";

const CONFIDENCE = ["measured", "fitted", "assumed", "derived"];

describe("il6-liver parameters", () => {
  for (const organism of ORGANISMS) {
    it(`every ${organism} parameter has a finite value, a unit, a source and a confidence`, () => {
      const net = il6Liver.network(organism, []);
      if (!net.ok) throw new Error("no network");
      const bad = net.network.parameters.filter(
        (q) =>
          !Number.isFinite(q.value) ||
          !q.unit ||
          !q.provenance?.source ||
          !CONFIDENCE.includes(q.provenance.confidence),
      );
      expect(bad.map((q) => q.id)).toEqual([]);
      expect(net.network.parameters.length).toBeGreaterThan(100);
    });

    it(`every derived ${organism} parameter is an initial assignment (or, for the cell counts that follow the cell states, an assignment rule), so overrides of its inputs propagate`, () => {
      const set = parameterSet(organism);
      const net = il6Liver.network(organism, []);
      if (!net.ok) throw new Error("no network");
      const assigned = new Set([
        ...net.network.initialAssignments.map((a) => a.symbol),
        ...net.network.assignmentRules.map((a) => a.variable),
      ]);
      const derived = net.network.parameters.filter((q) => set[q.id]?.formula);
      expect(derived.length).toBeGreaterThan(5);
      for (const q of derived) expect(assigned.has(q.id)).toBe(true);
    });
  }

  it("organism sets differ where the biology differs and agree where a value is shared", () => {
    const m = parameterSet("mouse");
    const h = parameterSet("human");
    expect(m.body_weight.value).toBe(0.025);
    expect(h.body_weight.value).toBe(70);
    expect(h.IL6R_per_cell_hep.value).toBe(1200);
    expect(m.kon_gp130).toEqual(h.kon_gp130);
    expect(m.N_hep_preop.value).toBeCloseTo(1.25 * 1.2e8, -3);
    expect(m.N_hep.value).toBe(m.N_hep_preop.value);
  });

  it("an override of an input propagates through the derived parameters", () => {
    const m = compiled("mouse");
    const base = m.initial({});
    const half = m.initial({ liver_fraction: 0.025 });
    const v = (iv: typeof base, id: string) => iv.symbols.get(id)!;
    expect(v(half, "N_hep") / v(base, "N_hep")).toBeCloseTo(0.5, 12);
    expect(v(half, "liver") / v(base, "liver")).toBeCloseTo(0.5, 12);
    expect(v(half, "koff_IL6_mIL6R")).toBeCloseTo(v(base, "koff_IL6_mIL6R"), 12);
    const fast = m.initial({ kon_IL6_IL6R: 72 });
    expect(v(fast, "koff_IL6_mIL6R") / v(base, "koff_IL6_mIL6R")).toBeCloseTo(2, 12);
  });
});
