/** The IL-6 liver model through the command line: every named scenario runs; its own checks reach the user. */
import { describe, expect, it } from "vitest";
import { il6sim, tempDir, writeScenario } from "./helpers.js";

const scenarios = (JSON.parse(
  il6sim(["scenarios", "--model", "il6-liver", "--format", "json"]).stdout || '{"scenarios":[]}',
).scenarios ?? []) as {
  id: string;
}[];
const ids = scenarios.map((s) => s.id);

describe("il6-liver from the command line", () => {
  it("lists the named scenarios of the contract", () => {
    for (const id of [
      "mouse_phx70",
      "mouse_phx90",
      "rat_phx67",
      "mouse_phx70_hyper_il6",
      "mouse_phx70_sgp130fc",
      "human_tocilizumab_8mgkg_q4w",
    ])
      expect(ids).toContain(id);
  });

  it.each(ids)("il6sim run %s exits 0 with status ok", (id) => {
    const r = il6sim(["run", id, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.status).toBe("ok");
    expect(doc.scenario.model).toBe("il6-liver");
    for (const [obs, values] of Object.entries(doc.observables as Record<string, number[]>)) {
      expect(values, obs).toHaveLength(doc.t.length);
      expect(doc.units[obs], obs).toBeDefined();
      expect(doc.summary[obs].peak, obs).not.toBeNull();
    }
  });

  it("ships the contract's human tocilizumab scenario", () => {
    expect(ids).toContain("human_tocilizumab_8mgkg_q4w");
  });

  it("mouse_phx70 reports the time to 90% liver mass recovery", () => {
    const doc = JSON.parse(il6sim(["run", "mouse_phx70", "--format", "json"]).stdout);
    expect(doc.summary.liver_mass_percent_of_preop.t_recovery_90).toBeGreaterThan(0);
  });

  it("merges the model's own checks: tocilizumab in a mouse suggests mr16_1", () => {
    const dir = tempDir();
    const file = writeScenario(
      dir,
      "toc.yaml",
      "model: il6-liver\norganism: mouse\nend: 7 d\ntimeline:\n  - at: 0 h\n    dose: { drug: tocilizumab, amount: 8 mg/kg, route: iv }\noutput:\n  observables: [serum_IL6_pg_per_mL, serum_CRP_mg_per_L]\n",
    );
    const r = il6sim(["run", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("timeline[0].dose.drug:6:19:");
    expect(r.stderr).toContain('"mr16_1"');
    expect(r.stderr).toContain(
      'output.observables[1]:8:38: Observable "serum_CRP_mg_per_L" is defined for human, not mouse.',
    );
  });
});
