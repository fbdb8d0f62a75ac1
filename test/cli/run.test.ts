import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { il6sim, noStackTrace, tempDir, writeScenario } from "./helpers.js";

const SCENARIO = `model: textbook-pk
organism: human
end: 48 h
genotype: [R_KO]
timeline:
  - at: 0 h
    dose: { drug: mab, amount: 10 mg/kg, route: iv }
output:
  every: 30 min
  observables: [plasma_drug_ug_per_mL, free_receptor_nM]
`;

describe("il6sim run", () => {
  it("prints one JSON document with the contract's shape and correct values", () => {
    const dir = tempDir();
    const file = writeScenario(dir, "bolus.yaml", SCENARIO);
    const r = il6sim(["run", file, "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(
      expect.arrayContaining([
        "status",
        "scenario",
        "time_unit",
        "t",
        "observables",
        "units",
        "summary",
        "solver",
      ]),
    );
    expect(doc.status).toBe("ok");
    expect(doc.time_unit).toBe("h");
    expect(doc.t).toHaveLength(97);
    expect(doc.t[1]).toBe(0.5);
    expect(doc.units).toEqual({ plasma_drug_ug_per_mL: "ug/mL", free_receptor_nM: "nM" });
    // 10 mg/kg × 70 kg = 700 mg of a 150 kDa IgG in 2.8 L: 250 ug/mL, then linear decay (no receptor)
    const c = doc.observables.plasma_drug_ug_per_mL as number[];
    const k = (Math.LN2 * 2.8) / 240 / 2.8;
    expect(c[0]).toBeCloseTo(250, 6);
    expect(c[96] / (250 * Math.exp(-k * 48))).toBeCloseTo(1, 5);
    expect(doc.summary.plasma_drug_ug_per_mL.peak).toBeCloseTo(250, 6);
    expect(doc.summary.plasma_drug_ug_per_mL.t_peak).toBe(0);
    expect(doc.summary.plasma_drug_ug_per_mL.auc).toBeCloseTo((250 / k) * (1 - Math.exp(-k * 48)), 0);
    expect(doc.solver).toMatchObject({ method: "Rodas5P" });
    expect(doc.solver.steps).toBeGreaterThan(0);
    expect(doc.solver.rhs_evals).toBeGreaterThan(0);
    expect(typeof doc.solver.wall_ms).toBe("number");
    // the scenario as resolved, defaults filled in, in file form
    expect(doc.scenario).toMatchObject({
      model: "textbook-pk",
      organism: "human",
      genotype: ["R_KO"],
      start: "0 h",
      end: "48 h",
      steady_state_start: true,
    });
    expect(doc.scenario.timeline[0]).toEqual({
      at: "0 h",
      dose: { drug: "mab", amount: "10 mg/kg", route: "iv" },
    });
    expect(doc.scenario.output.every).toBe("0.5 h");
    expect(r.stderr).toBe("");
  });

  it("runs every named scenario of the textbook model (il6-liver: il6-liver.test.ts)", () => {
    const list = JSON.parse(il6sim(["scenarios", "--model", "textbook-pk", "--format", "json"]).stdout)
      .scenarios as { id: string }[];
    expect(list.map((s) => s.id)).toEqual(
      expect.arrayContaining(["textbook_iv_10mgkg", "textbook_sc_weekly", "textbook_mouse_resection"]),
    );
    for (const { id } of list) {
      const r = il6sim(["run", id, "--format", "json"]);
      expect(r.code, `${id}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).status).toBe("ok");
    }
  });

  it("prints a summary table by default and a CSV time course with --format csv", () => {
    const table = il6sim(["run", "textbook_mouse_resection"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(
      "textbook_mouse_resection: textbook-pk, mouse, -24 to 336 h (15 days); status ok",
    );
    expect(table.stdout).toMatch(/observable\s+unit\s+peak\s+t_peak \(h\)\s+AUC/);
    expect(table.stdout).toMatch(/tissue_mass_percent_of_preop: back at 90% at 4\d\.\d+ h/);
    const csv = il6sim(["run", "textbook_mouse_resection", "--format", "csv"]);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe(
      "time_h,plasma_drug_ug_per_mL,receptor_occupancy_percent,free_receptor_nM,tissue_mass_percent_of_preop",
    );
    expect(lines).toHaveLength(1 + 181);
    expect(lines[1].startsWith("-24,0,0,1,100")).toBe(true);
  });

  it("applies --set and --end, and reports the time to 90% recovery in the summary", () => {
    const slow = JSON.parse(
      il6sim(["run", "textbook_mouse_resection", "--set", "kgrow=0.025", "--end", "20d", "--format", "json"])
        .stdout,
    );
    const fast = JSON.parse(il6sim(["run", "textbook_mouse_resection", "--format", "json"]).stdout);
    expect(slow.scenario.end).toBe("480 h");
    expect(slow.scenario.parameters).toEqual({ kgrow: 0.025 });
    const tSlow = slow.summary.tissue_mass_percent_of_preop.t_recovery_90;
    const tFast = fast.summary.tissue_mass_percent_of_preop.t_recovery_90;
    // logistic regrowth from 50%: t90 = ln 9 / kgrow
    expect(tFast).toBeCloseTo(Math.log(9) / 0.05, 0);
    expect(tSlow).toBeCloseTo(Math.log(9) / 0.025, 0);
    // a unit converts to the parameter's own: 0.6 1/d = 0.025 1/h
    const perDay = JSON.parse(
      il6sim(["run", "textbook_mouse_resection", "--set", "kgrow=0.6 1/d", "--format", "json"]).stdout,
    );
    expect(perDay.summary.tissue_mass_percent_of_preop.t_recovery_90).toBeCloseTo(tSlow, 3);
  });

  it("writes --out atomically, with the format taken from the extension, and nothing on stdout", () => {
    const dir = tempDir();
    const out = join(dir, "result.json");
    const r = il6sim(["run", "textbook_iv_10mgkg", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`wrote ${out}`);
    expect(JSON.parse(readFileSync(out, "utf8")).status).toBe("ok");
    expect(existsSync(out)).toBe(true);
  });

  it("shows help with examples", () => {
    const r = il6sim(["run", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toContain("--plot <file>");
    expect(noStackTrace(r.stderr)).toBe(true);
  });
});
