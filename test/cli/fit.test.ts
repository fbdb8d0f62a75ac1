import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { fit } from "../../src/cli/commands/fit.js";
import { BadInput } from "../../src/cli/errors.js";
import {
  createEvaluator,
  defaultGradient,
  type EstimationProblem,
  finiteDifferenceGradient,
  rngFor,
} from "../../src/core/estimate/index.js";
import { parseTrusted } from "../../src/core/expr/index.js";
import { scenarioSimulationModel } from "../../src/cli/commands/fit-scenario.js";
import { modelById } from "../../src/models/registry.js";
import { runScenario } from "../../src/models/run.js";

const dir = mkdtempSync(join(tmpdir(), "il6sim-fit-"));
const quiet = () => vi.spyOn(process.stderr, "write").mockImplementation(() => true);

describe("il6sim fit", () => {
  it("fits a PEtab problem folder and writes the report, its residuals and a plot", async () => {
    const out = join(dir, "fit.json");
    const plot = join(dir, "fit.svg");
    const err = quiet();
    const code = await fit("test/fixtures/petab/conversion_reaction", {
      starts: "3",
      profile: "k1",
      format: "json",
      out,
      plot,
    });
    err.mockRestore();
    expect(code).toBe(0);
    const r = JSON.parse(readFileSync(out, "utf8"));
    expect(r.status).toBe("ok");
    expect(r.gradientMethod).toMatch(/^forward sensitivities \(engine/);
    expect(r.parameters.find((p: { id: string }) => p.id === "k1").ci.method).toBe("profile");
    expect(r.residuals).toHaveLength(30);
    expect(readFileSync(plot, "utf8")).toContain("<svg");
  });

  it("fits a library-model scenario to CSV data, one growth rate per animal", async () => {
    // synthetic "animals": the textbook resection model with kgrow 0.03 and 0.08, 3% noise
    const lib = modelById("textbook-pk");
    if (!lib.ok) throw new Error(lib.message);
    const base = lib.model.scenarios.find((s) => s.id === "textbook_mouse_resection")!.scenario;
    const rng = rngFor(3);
    const lines = ["animal,Time,mass,diet"];
    for (const [animal, k] of [
      ["a1", 0.03],
      ["a2", 0.08],
    ] as const) {
      const r = runScenario(lib.model, {
        ...base,
        parameters: { kgrow: k },
        output: { times: [6, 12, 24, 48, 72, 120], observables: ["tissue_mass_percent_of_preop"] },
      });
      if (!r.ok) throw new Error("simulation failed");
      r.result.t.forEach((t, i) =>
        lines.push(
          `${animal},${t},${(r.result.observables.tissue_mass_percent_of_preop[i] / 100) * (1 + 0.03 * rng.normal())},chow`,
        ),
      );
    }
    lines.push("a1,200,,chow"); // a missing value is skipped
    writeFileSync(join(dir, "mass.csv"), lines.join("\n") + "\n");
    writeFileSync(
      join(dir, "problem.yaml"),
      `scenario: textbook_mouse_resection
parameters:
  - { id: kgrow, lower: 0.001, upper: 1, scale: log10 }
  - { id: sigma_rel, lower: 0.001, upper: 1, scale: log10, nominal: 0.1 }
observables:
  - { id: mass, formula: "tissue_mass_percent_of_preop / 100", sigma: sigma_rel, transformation: log }
data: { file: mass.csv, observable: mass, time: Time, value: mass, condition: animal, where: { diet: chow } }
per_condition: [kgrow]
`,
    );
    const out = join(dir, "animals.json");
    const err = quiet();
    const code = await fit(join(dir, "problem.yaml"), { starts: "2", profile: "none", format: "json", out });
    err.mockRestore();
    expect(code).toBe(0);
    const r = JSON.parse(readFileSync(out, "utf8"));
    const row = (id: string) => r.parameters.find((p: { id: string }) => p.id === id);
    for (const [id, truth] of [
      ["kgrow__a1", 0.03],
      ["kgrow__a2", 0.08],
    ] as const) {
      expect(Math.abs(row(id).value / truth - 1), id).toBeLessThan(0.15);
      expect(row(id).ci.method).toBe("wald");
      expect(row(id).ci.lower, id).toBeLessThan(truth);
      expect(row(id).ci.upper, id).toBeGreaterThan(truth);
    }
  }, 60_000);

  it("library scenarios give forward sensitivities (steady start, dose, surgery) that agree with finite differences", () => {
    const lib = modelById("textbook-pk");
    if (!lib.ok) throw new Error(lib.message);
    const base = lib.model.scenarios.find((s) => s.id === "textbook_mouse_resection")!.scenario;
    const m = scenarioSimulationModel(lib.model, base);
    if (!m.ok) throw new Error(m.message);
    const problem: EstimationProblem = {
      parameters: [
        { id: "kgrow", scale: "log10", lower: 1e-3, upper: 1, nominal: 0.05, estimate: true },
        { id: "CL", scale: "log10", lower: 1e-4, upper: 10, nominal: 0.01, estimate: true },
      ],
      observables: [
        {
          id: "mass",
          formula: parseTrusted("tissue_mass_percent_of_preop"),
          noiseFormula: parseTrusted("1"),
          transformation: "lin",
          distribution: "normal",
        },
        {
          id: "drug",
          formula: parseTrusted("plasma_drug_ug_per_mL"),
          noiseFormula: parseTrusted("1"),
          transformation: "lin",
          distribution: "normal",
        },
      ],
      conditions: [{ id: "c", changes: {} }],
      measurements: [6, 24, 72].flatMap((time) =>
        ["mass", "drug"].map((observableId) => ({
          observableId,
          simulationConditionId: "c",
          time,
          value: 1,
          observableParameters: [],
          noiseParameters: [],
        })),
      ),
    };
    const ev = createEvaluator(problem, m.model);
    const gp = defaultGradient(ev);
    expect(gp.method).toMatch(/^forward sensitivities/);
    const u = Float64Array.of(Math.log10(0.04), Math.log10(0.012));
    const a = gp.jacobian(u);
    const b = finiteDifferenceGradient(ev).jacobian(u);
    expect(a.ok && b.ok).toBe(true);
    for (let i = 0; i < a.dPredictions.length; i++)
      expect(a.dPredictions[i]).toBeCloseTo(b.dPredictions[i], 2);
    expect(Math.abs(a.dPredictions[0])).toBeGreaterThan(1); // d mass(6 h) / d log10 kgrow is large
  });

  it("reports bad input with every issue and writes nothing", async () => {
    const out = join(dir, "never.json");
    const e1 = await fit("nope/problem.yaml", { out }).catch((e) => e);
    expect((e1 as BadInput).text()).toContain("does not exist");
    writeFileSync(
      join(dir, "bad.yaml"),
      "scenario: textbook_mouse_resection\nparameters:\n  - { id: kgrwo, lower: 0, upper: 1 }\nobservables:\n  - { id: m, formula: tissue_mass_percent_of_preop, sigma: 1 }\ndata: { file: mass.csv, observable: m, time: Tme, value: mass }\n",
    );
    const e2 = await fit(join(dir, "bad.yaml"), { out }).catch((e) => e);
    const text = (e2 as BadInput).text();
    expect(text).toContain('The data file has no column "Tme". Did you mean "Time"?');
    expect(existsSync(out)).toBe(false);
    const e3 = await fit("test/fixtures/petab/conversion_reaction", { starts: "0" }).catch((e) => e);
    expect((e3 as BadInput).text()).toContain("--starts must be a positive integer");
  });
});
