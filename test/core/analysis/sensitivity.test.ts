import { describe, expect, it } from "vitest";
import {
  computeMetric,
  localSensitivity,
  morris,
  parseMetric,
  sobol,
  type Factor,
} from "../../../src/core/analysis/index.js";

const ishigami =
  (a = 7, b = 0.1) =>
  (x: Float64Array) => [Math.sin(x[0]) + a * Math.sin(x[1]) ** 2 + b * x[2] ** 4 * Math.sin(x[0])];
const pi = Math.PI;
const box3: Factor[] = ["x1", "x2", "x3"].map((id) => ({ id, lower: -pi, upper: pi, scale: "lin" }));

/** Analytic Ishigami indices (Ishigami & Homma 1990; Sobol' & Levitan 1999). */
function ishigamiIndices(a = 7, b = 0.1) {
  const V1 = 0.5 * (1 + (b * pi ** 4) / 5) ** 2;
  const V2 = a ** 2 / 8;
  const V13 = (8 * b ** 2 * pi ** 8) / 225;
  const V = a ** 2 / 8 + (b * pi ** 4) / 5 + (b ** 2 * pi ** 8) / 18 + 0.5;
  return { S1: [V1 / V, V2 / V, 0], ST: [(V1 + V13) / V, V2 / V, V13 / V] };
}

describe("metrics", () => {
  const t = [0, 1, 2, 3, 4];
  const y = [0, 2, 5, 3, 1];
  it("computes peak, t_peak, auc, final, min and at=T", () => {
    const m = (s: string) => {
      const r = parseMetric(s);
      if (!r.ok) throw new Error(r.issues[0].message);
      return computeMetric(r.metric, t, y);
    };
    expect(m("x:peak")).toBe(5);
    expect(m("x:t_peak")).toBe(2);
    expect(m("x:auc")).toBe(0.5 * (0 + 2) + 0.5 * (2 + 5) + 0.5 * (5 + 3) + 0.5 * (3 + 1));
    expect(m("x:final")).toBe(1);
    expect(m("x:min")).toBe(0);
    expect(m("x:at=2.5")).toBe(4);
    expect(m("ns:obs:peak")).toBe(5); // the observable may contain a colon
  });
  it("explains a bad metric", () => {
    const r = parseMetric("serum_IL6:max");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].hint).toContain(":t_peak");
  });
});

describe("local sensitivity", () => {
  it("gives the exponents of a power law, d ln(c·a^2/b) / d ln(a, b, c) = (2, −1, 1)", () => {
    const r = localSensitivity(
      [
        { id: "a", value: 3 },
        { id: "b", value: 0.5 },
        { id: "c", value: 7 },
      ],
      ["y"],
      (v) => ({ ok: true, values: [(v.get("c")! * v.get("a")! ** 2) / v.get("b")!] }),
    );
    expect(r.coefficients[0][0]).toBeCloseTo(2, 6);
    expect(r.coefficients[0][1]).toBeCloseTo(-1, 6);
    expect(r.coefficients[0][2]).toBeCloseTo(1, 6);
    expect(r.runs).toBe(7);
    expect(r.method).toContain("finite differences");
  });
  it("records a failed run by parameter instead of throwing", () => {
    const r = localSensitivity(
      [
        { id: "a", value: 1 },
        { id: "b", value: 1 },
      ],
      ["y"],
      (v) =>
        v.get("b") === 1 ? { ok: true, values: [v.get("a")!] } : { ok: false, message: "solver failed" },
    );
    expect(r.coefficients[0][0]).toBeCloseTo(1, 6);
    expect(r.coefficients[0][1]).toBeNaN();
    expect(r.failures[0]).toContain("b: solver failed");
  });
});

describe("Morris screening", () => {
  it("recovers the coefficients of a linear model exactly, with σ = 0", () => {
    const f: Factor[] = ["a", "b", "c"].map((id) => ({ id, lower: 0, upper: 1, scale: "lin" }));
    const r = morris(f, (x) => [3 * x[0] - 2 * x[1] + 0 * x[2]], { trajectories: 10, seed: 4 });
    const [a, b, c] = r.indices[0];
    expect(a.mu).toBeCloseTo(3, 10);
    expect(b.mu).toBeCloseTo(-2, 10);
    expect(b.muStar).toBeCloseTo(2, 10);
    expect(c.muStar).toBe(0);
    expect(a.sigma).toBeCloseTo(0, 10);
    expect(r.runs).toBe(40);
  });
  it("ranks the Ishigami factors (x2 and x1 important, x3 acting through an interaction: σ > 0)", () => {
    const r = morris(box3, ishigami(), { trajectories: 60, seed: 2 });
    const [x1, , x3] = r.indices[0];
    expect(x3.muStar).toBeGreaterThan(0);
    expect(x3.sigma).toBeGreaterThan(0.5 * x3.muStar);
    expect(x1.muStar).toBeGreaterThan(x3.muStar * 0.5);
    expect(x1.muStarCi[0]).toBeLessThan(x1.muStar);
    expect(x1.muStarCi[1]).toBeGreaterThan(x1.muStar);
  });
  it("is deterministic for a seed", () => {
    const a = morris(box3, ishigami(), { trajectories: 5, seed: 9 });
    const b = morris(box3, ishigami(), { trajectories: 5, seed: 9 });
    expect(a.indices).toEqual(b.indices);
  });
});

describe("Sobol indices", () => {
  it("match the analytic Ishigami indices within 0.03, and the CIs cover them", () => {
    const r = sobol(box3, ishigami(), { samples: 8192, seed: 1, bootstrap: 200 });
    const exact = ishigamiIndices();
    r.indices[0].forEach((ix, i) => {
      expect(Math.abs(ix.S1 - exact.S1[i]), `S1 x${i + 1}`).toBeLessThan(0.03);
      expect(Math.abs(ix.ST - exact.ST[i]), `ST x${i + 1}`).toBeLessThan(0.03);
      expect(ix.STCi[0]).toBeLessThan(exact.ST[i] + 0.01);
      expect(ix.STCi[1]).toBeGreaterThan(exact.ST[i] - 0.01);
    });
    expect(r.runs).toBe(8192 * 5);
  });
  it("gives S1 = ST = a_i² / Σa² for a linear model of independent uniforms", () => {
    const f: Factor[] = ["a", "b", "c"].map((id) => ({ id, lower: 0, upper: 1, scale: "lin" }));
    const r = sobol(f, (x) => [1 * x[0] + 2 * x[1] + 3 * x[2]], { samples: 4096, seed: 3, bootstrap: 50 });
    [1, 4, 9].forEach((w, i) => {
      expect(r.indices[0][i].S1).toBeCloseTo(w / 14, 1);
      expect(r.indices[0][i].ST).toBeCloseTo(w / 14, 1);
    });
  });
  it("drops rows with failed runs and counts them", () => {
    const r = sobol(box3, (x) => [x[0] > 3 ? NaN : x[0]], { samples: 256, seed: 1, bootstrap: 10 });
    expect(r.failedRows).toBeGreaterThan(0);
    expect(Number.isFinite(r.indices[0][0].S1)).toBe(true);
  });
});
