import { describe, expect, it } from "vitest";
import {
  createEvaluator,
  defaultGradient,
  finiteDifferenceGradient,
  fitProblem,
  sensitivityGradient,
  type EstimationProblem,
  type SimulationModel,
} from "../../../src/core/estimate/index.js";
import { parseTrusted } from "../../../src/core/expr/index.js";
import { analyticA, conversionModel, conversionProblem } from "./helpers.js";

/** A ⇄ B in closed form, with exact forward sensitivities: what an engine will provide. */
const analyticModel: SimulationModel = {
  description: "A ⇄ B, closed form",
  symbolIds: ["A", "k1", "k2"],
  settableIds: ["k1", "k2"],
  sensitivityMethod: "closed form",
  simulate(req) {
    const k1 = req.overrides.get("k1") ?? 0.5;
    const k2 = req.overrides.get("k2") ?? 0.5;
    return {
      ok: true,
      values: req.quantities.map((q) =>
        Float64Array.from(req.times, (t) => (q === "A" ? analyticA(t, k1, k2).a : q === "k1" ? k1 : k2)),
      ),
    };
  },
  simulateWithSensitivities(req) {
    const k1 = req.overrides.get("k1") ?? 0.5;
    const k2 = req.overrides.get("k2") ?? 0.5;
    const np = req.parameters.length;
    const sim = this.simulate(req);
    if (!sim.ok) return sim;
    const sensitivities = req.quantities.map((q) => {
      const s = new Float64Array(req.times.length * np);
      req.times.forEach((t, i) =>
        req.parameters.forEach((p, j) => {
          const d = analyticA(t, k1, k2);
          s[i * np + j] = q === "A" ? (p === "k1" ? d.d1 : d.d2) : q === p ? 1 : 0;
        }),
      );
      return s;
    });
    return { ok: true, values: sim.values, sensitivities };
  },
};

describe("forward-sensitivity gradient provider", () => {
  it("uses the engine's sensitivities for a compiled network: they match the closed form, also with pre-equilibration and steady states", () => {
    const problem = conversionProblem();
    const ev = createEvaluator(problem, conversionModel());
    const gp = defaultGradient(ev);
    expect(gp.method).toMatch(/^forward sensitivities \(engine/);
    const u = Float64Array.of(Math.log10(0.7), Math.log10(0.4));
    const jac = gp.jacobian(u);
    expect(jac.ok).toBe(true);
    problem.measurements.forEach((m, i) => {
      const a = analyticA(m.time, 0.7, 0.4);
      expect(jac.predictions[i]).toBeCloseTo(a.a, 8);
      expect(jac.dPredictions[i * 2]).toBeCloseTo(a.d1 * 0.7 * Math.LN10, 6);
      expect(jac.dPredictions[i * 2 + 1]).toBeCloseTo(a.d2 * 0.4 * Math.LN10, 6);
    });
    // pre-equilibration with a condition-mapped parameter, and steady-state (inf) rows
    const pre: EstimationProblem = {
      ...problem,
      parameters: [
        ...problem.parameters,
        { id: "k1_pre", scale: "log10" as const, lower: 1e-3, upper: 10, nominal: 0.05, estimate: true },
      ],
      conditions: [
        { id: "c0", changes: {} },
        { id: "pre", changes: { k1: "k1_pre" } },
      ],
      measurements: [...problem.measurements, { ...problem.measurements[0], time: Infinity }].map((m) => ({
        ...m,
        preequilibrationConditionId: "pre",
      })),
    };
    const evPre = createEvaluator(pre, conversionModel());
    const sens = sensitivityGradient(evPre);
    expect(sens.ok ? "ok" : sens.reason).toMatch(
      /pre-equilibration condition "pre" sets model ids from other parameters/,
    );
    const same: EstimationProblem = {
      ...pre,
      conditions: [
        { id: "c0", changes: {} },
        { id: "pre", changes: { k2: 0.9 } },
      ],
    };
    const evSame = createEvaluator(same, conversionModel());
    const a = defaultGradient(evSame).jacobian(Float64Array.of(-0.2, -0.3, -1));
    const b = finiteDifferenceGradient(evSame).jacobian(Float64Array.of(-0.2, -0.3, -1));
    expect(a.ok).toBe(true);
    for (let i = 0; i < a.dPredictions.length; i++)
      expect(a.dPredictions[i]).toBeCloseTo(b.dPredictions[i], 5);
  });

  it("is chosen when the model has sensitivities, and agrees with finite differences", () => {
    const problem = conversionProblem({ estimateSigma: true });
    const ev = createEvaluator(problem, analyticModel);
    const gp = defaultGradient(ev);
    expect(gp.method).toBe("forward sensitivities (closed form)");
    const fd = finiteDifferenceGradient(ev);
    const u = Float64Array.of(-0.2, -0.1, -1.3);
    const a = gp.jacobian(u);
    const b = fd.jacobian(u);
    for (let i = 0; i < a.dPredictions.length; i++) {
      expect(a.dPredictions[i]).toBeCloseTo(b.dPredictions[i], 6);
      expect(a.dSigmas[i]).toBeCloseTo(b.dSigmas[i], 6);
    }
  });

  it("carries the chain rule through conditions that set model ids from other parameters, and through formulas", () => {
    const base = conversionProblem();
    const problem = {
      ...base,
      parameters: [
        ...base.parameters,
        { id: "k1_alt", scale: "log" as const, lower: 1e-3, upper: 10, nominal: 0.7, estimate: true },
        { id: "scale", scale: "lin" as const, lower: 0.1, upper: 10, nominal: 1.5, estimate: true },
      ],
      observables: [{ ...base.observables[0], formula: parseTrusted("scale * A^2 + k2") }],
      conditions: [...base.conditions, { id: "alt", changes: { k1: "k1_alt" } }],
      measurements: [
        ...base.measurements,
        ...base.measurements.map((m) => ({ ...m, simulationConditionId: "alt" })),
      ],
    };
    const ev = createEvaluator(problem, analyticModel);
    const u = Float64Array.of(-0.1, -0.3, Math.log(0.9), 1.2);
    const a = defaultGradient(ev).jacobian(u);
    const b = finiteDifferenceGradient(ev).jacobian(u);
    for (let i = 0; i < a.dPredictions.length; i++)
      expect(a.dPredictions[i]).toBeCloseTo(b.dPredictions[i], 6);
  });

  it("fits with sensitivities to the same optimum as with finite differences, and says which it used", () => {
    const withS = fitProblem(conversionProblem(), analyticModel, { starts: 3 });
    const withFd = fitProblem(conversionProblem(), conversionModel({ sensitivities: false }), { starts: 3 });
    expect(withS.gradientMethod).toBe("forward sensitivities (closed form)");
    expect(withFd.gradientMethod).toBe("central finite differences");
    expect(withS.parameters[0].value).toBeCloseTo(withFd.parameters[0].value, 4);
    expect(withS.nll!).toBeCloseTo(withFd.nll!, 5);
  });
});
