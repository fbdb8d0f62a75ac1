import { describe, expect, it } from "vitest";
import { modelById } from "../../../src/models/registry.js";
import { runScenario } from "../../../src/models/run.js";
import { runScenarioSensitivities } from "../../../src/models/run-sensitivities.js";
import type { ResolvedScenario } from "../../../src/core/scenario/types.js";
import { scaledError } from "./helpers.js";

const found = modelById("textbook-pk");
if (!found.ok) throw new Error(found.message);
const lib = found.model;

describe("scenario sensitivities (runScenarioSensitivities)", () => {
  it("a dose before a resection, from the pre-injury steady state: d observable/d parameter agrees with differences of runScenario", () => {
    const named = lib.scenarios.find((s) => s.id === "textbook_mouse_resection")!.scenario;
    const times = [-24, -12, 0, 12, 48, 168, 336];
    const scenario: ResolvedScenario = {
      ...named,
      output: {
        times,
        observables: ["plasma_drug_ug_per_mL", "receptor_occupancy_percent", "tissue_mass_percent_of_preop"],
      },
      solver: { method: "BDF", rtol: 1e-9, atol: 1e-13 },
    };
    const ids = ["CL", "kon", "ksyn_R", "kgrow"];
    const r = runScenarioSensitivities(lib, scenario, ids);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.status, r.result.message).toBe("ok");
    expect(r.result.steadyState?.method).toBe("implicit function theorem");
    // the mouse parameter set's values
    const net = r.result.simulation.model.network;
    ids.forEach((id, k) => {
      const compiledValue = net.parameters.find((q) => q.id === id)!.value;
      const h = 1e-4 * compiledValue;
      const run = (v: number) => {
        const o = runScenario(lib, {
          ...scenario,
          parameters: { ...scenario.parameters, [id]: v },
          solver: { method: "BDF", rtol: 1e-12, atol: 1e-16 },
        });
        if (!o.ok) throw new Error(o.issues.map((i) => i.message).join("; "));
        return o.result.observables;
      };
      const up = run(compiledValue + h);
      const dn = run(compiledValue - h);
      for (const obs of scenario.output.observables) {
        const fd = up[obs].map((u, i) => (u - dn[obs][i]) / (2 * h));
        const ours = r.result.sensitivities[obs].map((row) => row[k]);
        // the differences carry ~1e-12·|obs|/h of solver noise (h is tiny for CL ≈ 4e-6)
        const scale = Math.max(...r.result.observables[obs].map(Math.abs));
        expect(scaledError(ours, fd, 1e-4, scale * (1e-6 + 2e-12 / h)), `d${obs}/d${id}`).toBeLessThan(1);
      }
    });
  });

  it("reports unknown parameter ids as issues", () => {
    const named = lib.scenarios[0].scenario;
    const r = runScenarioSensitivities(lib, named, ["CL", "Kon"]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.message).join("\n")).toMatch(/"Kon" is neither a parameter nor a state/);
  });
});
