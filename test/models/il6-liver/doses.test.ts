import { describe, expect, it } from "vitest";
import type { TimelineEntry } from "../../../src/core/scenario/types.js";
import { dosePmol, readAmount } from "../../../src/models/il6-liver/doses.js";
import { dose, fromSteadyState, grid, il6Liver } from "./helpers.js";

const issuesOf = (organism: string, entry: TimelineEntry) =>
  il6Liver.actions(entry, { organism, path: "timeline[0]" }).issues;

describe("il6-liver doses", () => {
  it("reads masses, masses per body weight and amounts, and converts them to pmol", () => {
    const ug = readAmount({ value: 12.5, unit: "ug" }, "a");
    const perKg = readAmount({ value: 0.5, unit: "mg/kg" }, "a");
    const mol = readAmount({ value: 2, unit: "nmol" }, "a");
    expect(ug.ok && perKg.ok && mol.ok).toBe(true);
    if (!ug.ok || !perKg.ok || !mol.ok) return;
    // 0.5 mg/kg in a 25 g mouse is 12.5 ug; 12.5 ug of a 200 kDa protein is 62.5 pmol
    expect(dosePmol(ug.amount, 0.025, 200000)).toBeCloseTo(62.5, 10);
    expect(dosePmol(perKg.amount, 0.025, 200000)).toBeCloseTo(62.5, 10);
    expect(dosePmol(mol.amount, 0.025, 200000)).toBeCloseTo(2000, 10);
    expect(readAmount({ value: 1, unit: "mL" }, "a").ok).toBe(false);
  });

  it("12.5 ug per mouse and 0.5 mg/kg of sgp130Fc give the same trajectory in a 25 g mouse", () => {
    const times = grid(48, 48);
    const a = fromSteadyState("mouse", [dose(0, "sgp130fc", 12.5, "ug", "ip")], 48, times);
    const b = fromSteadyState("mouse", [dose(0, "sgp130fc", 0.5, "mg/kg", "ip")], 48, times);
    const sa = a.series("sgp130Fc_plasma");
    const sb = b.series("sgp130Fc_plasma");
    expect(Math.max(...sa)).toBeGreaterThan(0);
    sa.forEach((v, i) => expect(sb[i]).toBeCloseTo(v, 12));
  });

  it("an i.v. bolus puts its amount in plasma; an infusion delivers the same amount over its duration; a zero dose is no dose", () => {
    const noClear = { k_IL6_clear: 0 };
    // 36 s after an i.v. bolus, all of it is still in plasma and liver fluid
    const bolus = fromSteadyState("human", [dose(0, "tocilizumab", 100, "mg", "iv")], 0.01, [0.01]);
    const pmol = (100e-3 / 148000) * 1e12;
    const total = bolus.series("aIL6R_plasma")[0] * 2800 + bolus.series("aIL6R_liver")[0] * 280;
    expect(total / pmol).toBeGreaterThan(0.99);
    const inf = fromSteadyState("human", [dose(0, "tocilizumab", 100, "mg", "iv_infusion", 2)], 4, [1, 2, 4]);
    expect(inf.log.map((l) => l.what)).toEqual([
      "tocilizumab 100 mg iv_infusion over 2 h (start)",
      "tocilizumab 100 mg iv_infusion over 2 h (end)",
    ]);
    const rate = inf.series("infusion_aIL6R");
    expect(rate[0]).toBeCloseTo(pmol / 2, 6);
    expect(rate[2]).toBe(0);
    const zero = fromSteadyState("mouse", [dose(0, "il6", 0, "ug", "iv")], 2, [0, 2], { overrides: noClear });
    const none = fromSteadyState("mouse", [], 2, [0, 2], { overrides: noClear });
    expect(zero.series("IL6_plasma")[1]).toBeCloseTo(none.series("IL6_plasma")[1], 14);
  });

  it("an s.c. dose enters the depot times its bioavailability and is absorbed", () => {
    const r = fromSteadyState("human", [dose(0, "tocilizumab", 162, "mg", "sc")], 72, [0, 72]);
    const pmol = (162e-3 / 148000) * 1e12;
    expect(r.series("depot_sc_aIL6R")[0] / pmol).toBeCloseTo(0.8, 10);
    expect(r.series("depot_sc_aIL6R")[1] / r.series("depot_sc_aIL6R")[0]).toBeCloseTo(
      Math.exp(-0.04 * 72),
      5,
    );
  });

  it("tocilizumab in a mouse is an input error that suggests mr16_1; MR16-1 in a human suggests tocilizumab", () => {
    const mouse = issuesOf("mouse", dose(0, "tocilizumab", 8, "mg/kg", "iv"));
    expect(mouse).toHaveLength(1);
    expect(mouse[0].severity).toBe("error");
    expect(mouse[0].path).toBe("timeline[0].dose.drug");
    expect(mouse[0].message).toBe("tocilizumab is not active in the mouse.");
    expect(mouse[0].hint).toContain('"mr16_1"');
    const human = issuesOf("human", dose(0, "mr16_1", 0.5, "mg", "ip"));
    expect(human[0].hint).toContain('"tocilizumab"');
  });

  it("negative, absurd and unit-less doses, unknown drugs and routes, and infusions without a duration are issues that say what is allowed", () => {
    const msg = (organism: string, e: TimelineEntry) =>
      issuesOf(organism, e).map((i) => `${i.code} ${i.path}: ${i.message}${i.hint ? ` ${i.hint}` : ""}`);
    expect(msg("mouse", dose(0, "il6", -1, "ug", "iv"))[0]).toBe(
      "bad-value timeline[0].dose.amount: A dose cannot be negative (-1 ug). Give an amount >= 0.",
    );
    expect(msg("mouse", dose(0, "hyper_il6", 2, "mg", "ip"))[0]).toContain(
      "absurd-dose timeline[0].dose.amount: 2 mg of Hyper-IL-6 is 80 mg/kg for a 0.025 kg body",
    );
    expect(msg("mouse", dose(0, "il6", 2, "mL", "iv"))[0]).toContain(
      'wrong-unit timeline[0].dose.amount: "2 mL" is not a dose.',
    );
    expect(msg("mouse", dose(0, "il-6", 2, "ug", "iv"))[0]).toBe(
      'unknown-id timeline[0].dose.drug: Unknown drug "il-6". Did you mean "il6"?',
    );
    expect(msg("mouse", dose(0, "il6", 2, "ug", "oral"))[0]).toBe(
      'unknown-route timeline[0].dose.route: Route "oral" is not available for IL-6. Allowed: "iv", "iv_infusion", "sc", "ip".',
    );
    expect(msg("human", dose(0, "tocilizumab", 8, "mg/kg", "iv_infusion"))[0]).toBe(
      'missing timeline[0].dose.duration: An i.v. infusion needs a duration. e.g. duration: "1 h".',
    );
    // every problem at once
    expect(issuesOf("mouse", dose(0, "tocilizumab", -1, "ug", "ip")).map((i) => i.code)).toEqual([
      "wrong-organism",
      "unknown-route",
      "bad-value",
    ]);
  });

  it("injuries are catalogued, and a bad injury is an issue that says what is allowed", () => {
    expect(il6Liver.injuries.map((i) => i.id)).toEqual([
      "partial_hepatectomy",
      "ccl4",
      "acetaminophen",
      "concanavalin_a",
      "galn_lps",
    ]);
    const injury = (
      injury: string,
      params: Record<string, number | { value: number; unit: string }>,
    ): TimelineEntry => ({ at: 0, intervention: { kind: "injury", injury, params } });
    expect(issuesOf("mouse", injury("partial_hepatectomy", { fraction_removed: 0.7 }))).toEqual([]);
    expect(issuesOf("mouse", injury("partial_hepatectomy", { fraction_removed: 1 }))[0]).toMatchObject({
      code: "out-of-range",
      path: "timeline[0].partial_hepatectomy.fraction_removed",
    });
    expect(issuesOf("mouse", injury("partial_hepatecomy", { fraction_removed: 0.7 }))[0].hint).toContain(
      '"partial_hepatectomy"',
    );
    expect(issuesOf("mouse", injury("acetaminophen", { dose: { value: 300, unit: "mL" } }))[0].code).toBe(
      "wrong-unit",
    );
    expect(issuesOf("mouse", injury("acetaminophen", { dose: { value: 0.3, unit: "g/kg" } }))).toEqual([]);
    expect(issuesOf("mouse", injury("ccl4", { dose: { value: 50, unit: "mL/kg" } }))[0].code).toBe(
      "out-of-range",
    );
  });
});
