import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { sensitivity } from "../../src/cli/commands/sensitivity.js";
import { BadInput } from "../../src/cli/errors.js";
import { localSensitivity } from "../../src/core/analysis/index.js";
import { modelById } from "../../src/models/registry.js";
import { runScenario } from "../../src/models/run.js";

const dir = mkdtempSync(join(tmpdir(), "il6sim-sens-"));
const quiet = () => vi.spyOn(process.stderr, "write").mockImplementation(() => true);
const json = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("il6sim sensitivity", () => {
  it("local: the drug's molecular weight scales µg/mL exactly (S = 1), and clearance lowers the AUC", async () => {
    const out = join(dir, "local.json");
    const plot = join(dir, "tornado.svg");
    const err = quiet();
    const code = await sensitivity("textbook_iv_10mgkg", {
      metric: ["plasma_drug_ug_per_mL:auc", "plasma_drug_ug_per_mL:at=24h"],
      format: "json",
      out,
      plot,
    });
    err.mockRestore();
    expect(code).toBe(0);
    const r = json(out);
    const s = (m: string, p: string) =>
      r.rows.find((x: { metric: string; parameter: string }) => x.metric === m && x.parameter === p).value;
    expect(s("plasma_drug_ug_per_mL:auc", "MW_kDa")).toBeCloseTo(1, 6);
    expect(s("plasma_drug_ug_per_mL:auc", "CL")).toBeLessThan(-0.5);
    expect(s("plasma_drug_ug_per_mL:auc", "CL")).toBeGreaterThan(-1.0001);
    expect(r.estimator).toContain("forward sensitivities (engine) for auc, at");
    // a second route: central differences of whole runs
    const lib = modelById("textbook-pk");
    if (!lib.ok) throw new Error(lib.message);
    const sc = lib.model.scenarios.find((x) => x.id === "textbook_iv_10mgkg")!.scenario;
    const auc = (v: ReadonlyMap<string, number>) => {
      const o = runScenario(lib.model, { ...sc, parameters: Object.fromEntries(v) });
      if (!o.ok) return { ok: false as const, message: "failed" };
      const y = o.result.observables.plasma_drug_ug_per_mL;
      return {
        ok: true as const,
        values: [
          o.result.t.reduce((a, t, i) => (i ? a + 0.5 * (t - o.result.t[i - 1]) * (y[i] + y[i - 1]) : 0), 0),
        ],
      };
    };
    const cl = lib.model.network("human", []);
    if (!cl.ok) throw new Error("network");
    const fd = localSensitivity(
      [
        { id: "CL", value: cl.network.parameters.find((p) => p.id === "CL")!.value },
        { id: "kon", value: 0.36 },
      ],
      ["auc"],
      auc,
    );
    expect(s("plasma_drug_ug_per_mL:auc", "CL")).toBeCloseTo(fd.coefficients[0][0], 3);
    expect(s("plasma_drug_ug_per_mL:auc", "kon")).toBeCloseTo(fd.coefficients[0][1], 3);
    expect(readFileSync(plot, "utf8")).toContain("<svg");
  });

  it("sobol and morris: the growth rate explains regrowth at 48 h, the drug's clearance nothing", async () => {
    const err = quiet();
    const so = join(dir, "sobol.json");
    const mo = join(dir, "morris.json");
    expect(
      await sensitivity("textbook_mouse_resection", {
        metric: ["tissue_mass_percent_of_preop:at=48h"],
        method: "sobol",
        params: "kgrow,CL",
        samples: "64",
        format: "json",
        out: so,
      }),
    ).toBe(0);
    expect(
      await sensitivity("textbook_mouse_resection", {
        metric: ["tissue_mass_percent_of_preop:at=48h"],
        method: "morris",
        params: "kgrow,CL",
        trajectories: "6",
        format: "json",
        out: mo,
      }),
    ).toBe(0);
    err.mockRestore();
    const rows = (f: string) =>
      Object.fromEntries(
        json(f).rows.map((x: { parameter: string; value: number }) => [x.parameter, x.value]),
      );
    expect(rows(so).kgrow).toBeGreaterThan(0.7);
    expect(rows(so).CL).toBeLessThan(1e-6);
    expect(rows(mo).kgrow).toBeGreaterThan(1);
    expect(rows(mo).CL).toBeLessThan(1e-6);
    expect(json(so).runs).toBe(64 * 4 + 1);
  });

  it("lists every bad metric and parameter, and writes nothing", async () => {
    const out = join(dir, "never.json");
    const e = await sensitivity("textbook_iv_10mgkg", {
      metric: ["plasma_drug:auc", "plasma_drug_ug_per_mL:max"],
      params: "CL,kcl",
      out,
    }).catch((x) => x);
    const text = (e as BadInput).text();
    expect(text).toContain('Unknown observable "plasma_drug"');
    expect(text).toContain('Unknown metric "max"');
    expect(text).toContain('Unknown parameter "kcl". Did you mean "CL"?');
    expect(existsSync(out)).toBe(false);
    const m = await sensitivity("textbook_iv_10mgkg", {
      metric: ["plasma_drug_ug_per_mL:auc"],
      method: "fast99",
    }).catch((x) => x);
    expect((m as BadInput).text()).toContain('Unknown method "fast99"');
  });
});
