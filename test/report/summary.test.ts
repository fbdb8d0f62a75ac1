import { describe, expect, it } from "vitest";
import {
  compareSummaries,
  evaluateMetric,
  metricUnit,
  parseMetric,
  recoveryTime,
  summarize,
  trapezoid,
  valueAt,
} from "../../src/report/index.js";

const t = Array.from({ length: 101 }, (_, i) => i * 0.1); // 0..10 h

describe("summaries", () => {
  it("give peak, time of peak, trapezoid AUC, final and nadir", () => {
    const y = t.map((x) => x * Math.exp(-x)); // peak 1/e at t = 1; AUC over [0, 10] = 1 - 11 e^-10
    const s = summarize(t, y);
    expect(s.peak).toBeCloseTo(Math.exp(-1), 12);
    expect(s.t_peak).toBeCloseTo(1, 12);
    expect(s.auc!).toBeCloseTo(1 - 11 * Math.exp(-10), 2); // trapezoid error ~ h²/12
    expect(s.final).toBeCloseTo(10 * Math.exp(-10), 12);
    expect(s.min).toBe(0);
    expect(s.t_recovery_90).toBeUndefined();
  });

  it("integrate a straight line exactly and skip non-finite values", () => {
    expect(trapezoid([0, 1, 2], [0, 1, 2])).toBe(2);
    expect(trapezoid([0, 1, 2], [NaN, 1, 2])).toBe(1.5);
    expect(summarize([0, 1], [NaN, NaN]).peak).toBeNull();
  });

  it("time to 90% recovery: first crossing after the nadir, interpolated", () => {
    const mass = [100, 30, 60, 85, 95, 100];
    const times = [-1, 0, 24, 48, 72, 96];
    expect(recoveryTime(times, mass)).toBeCloseTo(48 + (24 * 5) / 10, 12);
    expect(summarize(times, mass, "liver_mass_percent_of_preop").t_recovery_90).toBeCloseTo(60, 12);
    expect(recoveryTime([0, 1], [100, 100])).toBeNull(); // never below
    expect(recoveryTime([0, 1, 2], [100, 30, 50])).toBeNull(); // never back
  });

  it("compare: deltas for everything, ratios for levels", () => {
    const a = summarize([0, 1, 2], [0, 4, 2]);
    const b = summarize([0, 1, 2], [0, 2, 8]);
    const d = compareSummaries(a, b);
    expect(d.peak).toEqual({ delta: 4, ratio: 2 });
    expect(d.t_peak).toEqual({ delta: 1 });
    expect(d.auc).toEqual({ delta: 1, ratio: 6 / 5 }); // 5 -> 6
    expect(d.min).toEqual({ delta: 0, ratio: null }); // baseline 0: no ratio
  });
});

describe("metrics", () => {
  it("parse observable:kind and at=T with a time unit", () => {
    const m = parseMetric("serum_IL6_pg_per_mL:at=90min", "h");
    expect(m).toEqual({
      ok: true,
      metric: {
        text: "serum_IL6_pg_per_mL:at=90min",
        observable: "serum_IL6_pg_per_mL",
        kind: "at",
        at: 1.5,
      },
    });
    expect(parseMetric("x:peak", "h")).toMatchObject({ ok: true, metric: { kind: "peak" } });
    expect(parseMetric("x:top", "h")).toMatchObject({
      ok: false,
      message: expect.stringContaining('Unknown metric "top"'),
    });
    expect(parseMetric("x:at=3", "h")).toMatchObject({
      ok: false,
      message: expect.stringContaining("is not a time with a unit"),
    });
    expect(parseMetric("x:at=3 ug", "h")).toMatchObject({
      ok: false,
      message: expect.stringContaining("is not a time"),
    });
  });

  it("evaluate by interpolation and give units", () => {
    expect(valueAt([0, 2], [0, 10], 0.5)).toBe(2.5);
    expect(valueAt([0, 2], [0, 10], 3)).toBeNull();
    const y = t.map((x) => 2 * x);
    const at = parseMetric("y:at=30 min", "h");
    if (!at.ok) throw new Error(at.message);
    expect(evaluateMetric(at.metric, t, y)).toBeCloseTo(1, 12);
    expect(evaluateMetric({ text: "y:auc", observable: "y", kind: "auc" }, t, y)).toBeCloseTo(100, 9);
    expect(metricUnit("auc", "pg/mL", "h")).toBe("pg/mL·h");
    expect(metricUnit("t_peak", "pg/mL", "h")).toBe("h");
  });
});
