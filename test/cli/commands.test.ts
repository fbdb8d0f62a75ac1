/** compare, sweep, validate, the catalogues, export and SBML runs, as a user runs them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { il6sim, ROOT, tempDir, writeScenario } from "./helpers.js";

const SUITE = join(ROOT, "..", "shared", "data", "sbml-test-suite", "cases");

describe("compare", () => {
  it("gives each scenario's result and its differences from the baseline", () => {
    const r = il6sim(["compare", "textbook_sc_weekly", "textbook_iv_10mgkg", "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.status).toBe("ok");
    expect(doc.baseline).toBe("textbook_sc_weekly");
    expect(doc.scenarios.map((s: { name: string }) => s.name)).toEqual([
      "textbook_sc_weekly",
      "textbook_iv_10mgkg",
    ]);
    const [a, b] = doc.scenarios;
    const d = doc.differences[0].observables.plasma_drug_ug_per_mL;
    expect(d.peak.delta).toBeCloseTo(
      b.summary.plasma_drug_ug_per_mL.peak - a.summary.plasma_drug_ug_per_mL.peak,
      9,
    );
    expect(d.peak.ratio).toBeCloseTo(
      b.summary.plasma_drug_ug_per_mL.peak / a.summary.plasma_drug_ug_per_mL.peak,
      9,
    );
    expect(d.t_peak.delta).toBe(
      b.summary.plasma_drug_ug_per_mL.t_peak - a.summary.plasma_drug_ug_per_mL.t_peak,
    );
  });

  it("tabulates changes in percent and needs two scenarios", () => {
    const r = il6sim(["compare", "textbook_sc_weekly", "textbook_iv_10mgkg"]);
    expect(r.stdout).toContain("baseline: textbook_sc_weekly");
    expect(r.stdout).toMatch(/plasma_drug_ug_per_mL\s+peak \(µg\/mL\)\s+55\.76\s+250 \(\+348%\)/);
    const one = il6sim(["compare", "textbook_sc_weekly"]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain("compare needs at least two scenarios.");
  });

  it("reports the issues of every bad scenario, each under its own name", () => {
    const dir = tempDir();
    const a = writeScenario(dir, "a.yaml", "model: textbook-pk\nend: 1 h\norganism: dog\n");
    const b = writeScenario(dir, "b.yaml", "model: textbook-pk\n");
    const r = il6sim(["compare", a, b]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`il6sim: ${a}: 1 error`);
    expect(r.stderr).toContain('Unknown organism "dog"');
    expect(r.stderr).toContain(`il6sim: ${b}: 1 error`);
    expect(r.stderr).toContain('end:1:1: Field "end" is required.');
  });
});

describe("sweep", () => {
  it("runs one scenario per value and evaluates each metric", () => {
    const r = il6sim([
      "sweep",
      "textbook_mouse_resection",
      "--vary",
      "kgrow=0.02:0.1:3",
      "--metric",
      "tissue_mass_percent_of_preop:t_recovery_90",
      "--metric",
      "tissue_mass_percent_of_preop:at=1d",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.varied).toEqual({ target: "kgrow", unit: "1/h", values: [0.02, 0.06, 0.1], log: false });
    expect(doc.metrics.map((m: { unit: string }) => m.unit)).toEqual(["h", "%"]);
    doc.rows.forEach((row: { value: number; status: string; metrics: Record<string, number> }) => {
      expect(row.status).toBe("ok");
      expect(row.metrics["tissue_mass_percent_of_preop:t_recovery_90"]).toBeCloseTo(
        Math.log(9) / row.value,
        0,
      );
      // logistic from 50%: 100 / (1 + e^(-k t)) at t = 24 h
      expect(row.metrics["tissue_mass_percent_of_preop:at=1d"]).toBeCloseTo(
        100 / (1 + Math.exp(-row.value * 24)),
        1,
      );
    });
  });

  it("varies a dose amount in its own unit or in a given one", () => {
    const own = JSON.parse(
      il6sim([
        "sweep",
        "textbook_iv_10mgkg",
        "--vary",
        "dose:mab=1,10",
        "--metric",
        "plasma_drug_ug_per_mL:peak",
        "--format",
        "json",
      ]).stdout,
    );
    expect(own.varied.unit).toBe("mg/kg");
    expect(own.rows[1].metrics["plasma_drug_ug_per_mL:peak"]).toBeCloseTo(250, 6);
    expect(own.rows[0].metrics["plasma_drug_ug_per_mL:peak"]).toBeCloseTo(25, 6);
    const mg = JSON.parse(
      il6sim([
        "sweep",
        "textbook_iv_10mgkg",
        "--vary",
        "dose:mab=700 mg",
        "--metric",
        "plasma_drug_ug_per_mL:peak",
        "--format",
        "json",
      ]).stdout,
    );
    expect(mg.rows[0].metrics["plasma_drug_ug_per_mL:peak"]).toBeCloseTo(250, 6);
    const none = il6sim(["sweep", "textbook_iv_10mgkg", "--vary", "dose:mab_h=1,2"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('The scenario has no dose of "mab_h" to vary.');
  });

  it("stops before running anything when a value is bad input", () => {
    const r = il6sim([
      "sweep",
      "textbook_mouse_resection",
      "--vary",
      "dose:mab=1,-1 mg",
      "--metric",
      "plasma_drug_ug_per_mL:peak",
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('A dose cannot be negative (got "-1 mg").');
  });
});

describe("validate and the catalogues", () => {
  it("validate prints rows with expected and simulated values and counts", () => {
    const r = il6sim(["validate", "--model", "textbook-pk", "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.passed + doc.failed).toBe(doc.rows.length);
    const row = doc.rows.find((x: { id: string }) => x.id === "textbook_saturated_half_life");
    expect(Object.keys(row)).toEqual(
      expect.arrayContaining(["id", "observation", "source", "expected", "simulated", "pass"]),
    );
    expect(row.pass).toBe(true);
    expect(il6sim(["validate", "--organism", "dgo"]).stderr).toContain('Unknown organism "dgo".');
  });

  it("lists observables, drugs, genotypes and injuries with units", () => {
    const obs = JSON.parse(
      il6sim(["observables", "--model", "textbook-pk", "--format", "json"]).stdout,
    ).observables;
    expect(obs.find((o: { id: string }) => o.id === "plasma_drug_ug_per_mL").unit).toBe("ug/mL");
    const drugs = il6sim(["drugs", "--organism", "mouse", "--model", "textbook-pk"]).stdout;
    expect(drugs).toContain("mab ");
    expect(drugs).not.toContain("mab_h");
    expect(il6sim(["genotypes", "--format", "csv", "--model", "textbook-pk"]).stdout).toContain(
      "R_KO,textbook-pk,",
    );
    expect(il6sim(["injuries", "--model", "textbook-pk"]).stdout).toContain("fraction_removed [1]");
  });
});

describe("export", () => {
  it("writes a library model as SBML that runs again through il6sim", () => {
    const dir = tempDir();
    const xml = join(dir, "pk.xml");
    expect(
      il6sim(["export", "textbook-pk", "--organism", "human", "--genotype", "R_KO", "--out", xml]).code,
    ).toBe(0);
    expect(readFileSync(xml, "utf8")).toContain(
      '<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core"',
    );
    const r = il6sim(["run", xml, "--end", "1", "--observe", "D,R", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout).observables)).toEqual(["D", "R"]);
  });

  it("writes a named scenario as a YAML file that runs to the same result", () => {
    const dir = tempDir();
    const yaml = join(dir, "s.yaml");
    expect(il6sim(["export", "textbook_mouse_resection", "--out", yaml]).code).toBe(0);
    const a = JSON.parse(il6sim(["run", yaml, "--format", "json"]).stdout);
    const b = JSON.parse(il6sim(["run", "textbook_mouse_resection", "--format", "json"]).stdout);
    expect(a.observables).toEqual(b.observables);
    expect(a.scenario).toEqual(b.scenario);
  });
});

describe("SBML models", () => {
  it("reports species by SBML id on the suite's grid, matching the suite's expected values", () => {
    const r = il6sim([
      "run",
      join(SUITE, "00001", "00001-sbml-l3v2.xml"),
      "--end",
      "5",
      "--every",
      "0.1",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.t).toHaveLength(51);
    const expected = readFileSync(join(SUITE, "00001", "00001-results.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",").map(Number));
    expected.forEach(([t, s1, s2], i) => {
      expect(doc.t[i]).toBeCloseTo(t, 9);
      expect(Math.abs(doc.observables.S1[i] - s1)).toBeLessThan(1e-7 + 1e-4 * Math.abs(s1));
      expect(Math.abs(doc.observables.S2[i] - s2)).toBeLessThan(1e-7 + 1e-4 * Math.abs(s2));
    });
  });

  it("needs --end, and exits 1 with status and message when the simulation fails", () => {
    const model = join(ROOT, "test", "cli", "fixtures", "blowup.xml");
    const noEnd = il6sim(["run", model]);
    expect(noEnd.code).toBe(2);
    expect(noEnd.stderr).toContain("needs --end");
    const r = il6sim(["run", model, "--end", "2", "--format", "json"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.status).toBe("stepSizeTooSmall");
    expect(doc.message).toContain("state x changes fastest");
    expect(r.stderr).toContain("il6sim: the simulation failed (stepSizeTooSmall)");
  });
});
