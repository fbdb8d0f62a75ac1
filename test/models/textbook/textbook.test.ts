import { describe, expect, it } from "vitest";
import type { ResolvedScenario } from "../../../src/core/scenario/types.js";
import { runScenario } from "../../../src/models/run.js";
import { doseInNmol } from "../../../src/models/textbook/actions.js";
import { textbookPk } from "../../../src/models/textbook/index.js";

const base = (over: Partial<ResolvedScenario>): ResolvedScenario => ({
  model: "textbook-pk",
  organism: "human",
  genotype: ["R_KO"],
  parameters: {},
  end: 48,
  timeline: [],
  output: { times: [0, 12, 24, 48], observables: ["plasma_drug_ug_per_mL"] },
  ...over,
});

function drug(s: ResolvedScenario): number[] {
  const r = runScenario(textbookPk, s);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  expect(r.result.status).toBe("ok");
  return r.result.observables.plasma_drug_ug_per_mL;
}

const V = 2.8;
const k = Math.LN2 / 240; // CL / V in human
const ugPerMlPerNmol = 150 / 1000 / V; // nmol in V litres -> nM -> ug/mL

describe("textbook-pk", () => {
  it("runs every named scenario to the end", () => {
    for (const s of textbookPk.scenarios) {
      const r = runScenario(textbookPk, s.scenario);
      expect(r.ok && r.result.status, s.id).toBe("ok");
    }
  });

  it("converts doses: mass, mass per body weight, amount", () => {
    expect(doseInNmol({ value: 150, unit: "mg" }, 70, "d")).toEqual({ ok: true, nmol: 1000 });
    const perKg = doseInNmol({ value: 10, unit: "mg/kg" }, 70, "d");
    expect(perKg.ok && perKg.nmol).toBeCloseTo(4666.6667, 3);
    expect(doseInNmol({ value: 3, unit: "nmol" }, 70, "d")).toEqual({ ok: true, nmol: 3 });
    expect(doseInNmol({ value: 3, unit: "mL" }, 70, "d").ok).toBe(false);
  });

  it("without the receptor, an i.v. bolus decays with exp(-CL/V t) (analytic)", () => {
    const c = drug(
      base({
        timeline: [
          {
            at: 0,
            intervention: { kind: "dose", drug: "mab", amount: { value: 150, unit: "mg" }, route: "iv" },
          },
        ],
      }),
    );
    [0, 12, 24, 48].forEach((t, i) =>
      expect(c[i] / (1000 * ugPerMlPerNmol * Math.exp(-k * t))).toBeCloseTo(1, 6),
    );
  });

  it("an s.c. depot gives the Bateman function with bioavailability 0.7 (analytic)", () => {
    const c = drug(
      base({
        timeline: [
          {
            at: 0,
            intervention: { kind: "dose", drug: "mab", amount: { value: 150, unit: "mg" }, route: "sc" },
          },
        ],
      }),
    );
    const ka = 0.01;
    const bateman = (t: number) =>
      ((0.7 * 1000 * ka) / (ka - k)) * (Math.exp(-k * t) - Math.exp(-ka * t)) * ugPerMlPerNmol;
    [12, 24, 48].forEach((t, i) => expect(c[i + 1] / bateman(t)).toBeCloseTo(1, 5));
  });

  it("an infusion delivers its whole amount over its duration; two half doses equal one dose", () => {
    const infusion = drug(
      base({
        timeline: [
          {
            at: 0,
            intervention: {
              kind: "dose",
              drug: "mab",
              amount: { value: 150, unit: "mg" },
              route: "iv_infusion",
              duration: { value: 12, unit: "h" },
            },
          },
        ],
      }),
    );
    // during the infusion: rate R0 = 1000/12 nmol/h, C = R0/(CL) (1 - e^-kt)
    const CL = k * V;
    expect(infusion[1] / ((1000 / 12 / CL) * (1 - Math.exp(-k * 12)) * 0.15)).toBeCloseTo(1, 5);
    const half = { kind: "dose" as const, drug: "mab", amount: { value: 75, unit: "mg" }, route: "iv" };
    const two = drug(
      base({
        timeline: [
          { at: 0, intervention: half },
          { at: 0, intervention: half },
        ],
      }),
    );
    const one = drug(
      base({ timeline: [{ at: 0, intervention: { ...half, amount: { value: 150, unit: "mg" } } }] }),
    );
    two.forEach((v, i) => expect(v).toBeCloseTo(one[i], 8));
  });

  it("reports what only the model knows: a human-only antibody in a mouse, a fraction outside (0, 1)", () => {
    const mouse = textbookPk.actions(
      { at: 0, intervention: { kind: "dose", drug: "mab_h", amount: { value: 1, unit: "mg" }, route: "ip" } },
      { organism: "mouse", path: "timeline[0]" },
    );
    expect(mouse.issues.map((i) => `${i.path}: ${i.message} ${i.hint}`)).toEqual([
      'timeline[0].dose.drug: "mab_h" does not bind the mouse receptor. Use "mab" in mouse.',
    ]);
    const cut = textbookPk.actions(
      { at: 0, intervention: { kind: "injury", injury: "resection", params: { fraction_removed: 1 } } },
      { organism: "mouse", path: "timeline[1]" },
    );
    expect(cut.issues[0].message).toBe("fraction_removed must lie in (0, 1), got 1.");
  });

  it("passes its validation row", () => {
    const rows = textbookPk.validate();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: "textbook_saturated_half_life", pass: true, unit: "h" });
  });
});
