import { describe, expect, it } from "vitest";
import { convert, parseQuantity } from "../../src/core/units.js";

const conv = (v: number, a: string, b: string) => {
  const r = convert(v, a, b);
  if (!r.ok) throw new Error(r.issue.message);
  return r.value;
};

describe("units", () => {
  it("converts masses, times, volumes and concentrations", () => {
    expect(conv(2, "ug", "ng")).toBeCloseTo(2000, 9);
    expect(conv(30, "min", "h")).toBeCloseTo(0.5, 12);
    expect(conv(7, "d", "h")).toBe(168);
    expect(conv(1, "week", "d")).toBe(7);
    expect(conv(5, "pg/mL", "ng/L")).toBeCloseTo(5, 12);
    expect(conv(1, "nM", "pmol/mL")).toBeCloseTo(1, 12);
    expect(conv(1, "uM", "nM")).toBeCloseTo(1000, 9);
    expect(conv(2, "1/min", "1/h")).toBeCloseTo(120, 9);
    expect(conv(100, "mg/dL", "g/L")).toBeCloseTo(1, 12);
    expect(conv(8, "mg/kg", "ug/g")).toBeCloseTo(8, 12);
    expect(conv(1, "m^3", "L")).toBeCloseTo(1000, 9);
    expect(conv(50, "%", "1")).toBeCloseTo(0.5, 12);
  });

  it("refuses conversions between different dimensions and names both", () => {
    const r = convert(1, "ug", "h", "timeline[0].dose.amount");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.message).toBe('"ug" (mass) cannot be converted to "h" (time).');
      expect(r.issue.path).toBe("timeline[0].dose.amount");
    }
  });

  it("reports unknown units with a suggestion", () => {
    const r = parseQuantity("2 ugg");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(`${r.issue.message} ${r.issue.hint}`).toBe('Unknown unit "ugg" in "ugg". Did you mean "ug"?');
  });

  it("parses quantities with signs and exponents", () => {
    expect(parseQuantity("-1 h")).toEqual({ ok: true, quantity: { value: -1, unit: "h" } });
    expect(parseQuantity("1.5e3 pg/mL")).toEqual({ ok: true, quantity: { value: 1500, unit: "pg/mL" } });
    expect(parseQuantity("ten mg").ok).toBe(false);
  });
});
