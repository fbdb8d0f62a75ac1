import { describe, expect, it } from "vitest";
import { dose, il6Liver, run } from "./helpers.js";

const OBS = [
  "hepatocyte_classic_signal",
  "kupffer_classic_signal",
  "hepatocyte_trans_signal",
  "hepatocyte_pSTAT3_nuclear_fraction",
  "serum_IL6_pg_per_mL",
];

function il6Pulse(genotype: string[]) {
  return run({
    model: "il6-liver",
    organism: "mouse",
    genotype,
    parameters: {},
    end: 6,
    timeline: [dose(0.1, "il6", 1, "ug", "iv")], // after the first output: t = 0 is the pre-dose state
    output: { times: Array.from({ length: 61 }, (_, i) => i / 10), observables: OBS },
  });
}

describe("il6-liver genotypes", () => {
  it("IL6R_KO: no classic signal in any cell after an IL-6 dose (and no trans signal: no sIL-6R either)", () => {
    const ko = il6Pulse(["IL6R_KO"]);
    const wt = il6Pulse([]);
    expect(Math.max(...wt.observables.hepatocyte_classic_signal)).toBeGreaterThan(10);
    expect(Math.max(...ko.observables.hepatocyte_classic_signal)).toBe(0);
    expect(Math.max(...ko.observables.kupffer_classic_signal)).toBe(0);
    expect(Math.max(...ko.observables.hepatocyte_trans_signal)).toBeLessThan(1e-12);
    // without receptor-mediated uptake, basal serum IL-6 is higher
    expect(ko.observables.serum_IL6_pg_per_mL[0]).toBeGreaterThan(
      1.5 * wt.observables.serum_IL6_pg_per_mL[0],
    );
  });

  it("hep_IL6R_KO removes the hepatocyte classic signal but keeps Kupffer-cell classic and hepatocyte trans signalling", () => {
    const r = il6Pulse(["hep_IL6R_KO"]);
    expect(Math.max(...r.observables.hepatocyte_classic_signal)).toBe(0);
    expect(Math.max(...r.observables.kupffer_classic_signal)).toBeGreaterThan(0);
    expect(Math.max(...r.observables.hepatocyte_trans_signal)).toBeGreaterThan(0);
  });

  it("hep_SOCS3_KO prolongs hepatocyte nuclear pSTAT3 after an IL-6 step in vivo", () => {
    const wt = run(il6Liver.scenarios.find((s) => s.id === "mouse_il6_step")!.scenario);
    const ko = run(il6Liver.scenarios.find((s) => s.id === "mouse_il6_step_hep_socs3_ko")!.scenario);
    const at = (r: typeof wt, t: number) =>
      r.observables.hepatocyte_pSTAT3_nuclear_fraction[r.t.findIndex((x) => Math.abs(x - t) < 1e-9)];
    for (const t of [2, 4, 6]) expect(at(ko, t)).toBeGreaterThan(1.2 * at(wt, t));
  });

  it("hep_STAT3_KO and hep_gp130_KO silence hepatocyte STAT3; IL6_KO has no basal IL-6; sgp130Fc_tg has serum sgp130Fc", () => {
    expect(
      Math.max(...il6Pulse(["hep_STAT3_KO"]).observables.hepatocyte_pSTAT3_nuclear_fraction),
    ).toBeLessThan(1e-12);
    expect(
      Math.max(...il6Pulse(["hep_gp130_KO"]).observables.hepatocyte_pSTAT3_nuclear_fraction),
    ).toBeLessThan(1e-12);
    expect(il6Pulse(["IL6_KO"]).observables.serum_IL6_pg_per_mL[0]).toBeLessThan(1e-6);
    const tg = run({
      model: "il6-liver",
      organism: "mouse",
      genotype: ["sgp130Fc_tg"],
      parameters: {},
      end: 1,
      timeline: [],
      output: { times: [0, 1], observables: ["serum_sgp130fc_ug_per_mL"] },
    });
    expect(tg.observables.serum_sgp130fc_ug_per_mL[0]).toBeGreaterThan(1);
  });

  it("every genotype id of the interfaces is known, and an unknown one is an issue with a suggestion", () => {
    expect(il6Liver.genotypes.map((g) => g.id).sort()).toEqual(
      [
        "IL6_KO",
        "IL6R_KO",
        "hep_IL6R_KO",
        "hep_gp130_KO",
        "hep_STAT3_KO",
        "hep_SOCS3_KO",
        "sgp130Fc_tg",
        "trans_only",
      ].sort(),
    );
    const r = il6Liver.network("mouse", ["hep_SOCS3_Ko"]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].hint).toContain('"hep_SOCS3_KO"');
  });
});
