import { describe, expect, it } from "vitest";
import {
  createEvaluator,
  createObjective,
  finiteDifferenceGradient,
  fitProblem,
  freeParameters,
  validateProblem,
} from "../../../src/core/estimate/index.js";
import { parseTrusted } from "../../../src/core/expr/index.js";
import { analyticA, conversionModel, conversionProblem, TIMES, TRUE_K1, TRUE_K2 } from "./helpers.js";

const model = conversionModel();
const fdModel = conversionModel({ sensitivities: false });

describe("gradients", () => {
  it("finite-difference prediction derivatives match the closed-form dA/dk (on the log10 scale)", () => {
    const problem = conversionProblem();
    const ev = createEvaluator(problem, model);
    const gp = finiteDifferenceGradient(ev);
    const u = Float64Array.of(Math.log10(0.7), Math.log10(0.4));
    const jac = gp.jacobian(u);
    expect(jac.ok).toBe(true);
    expect(gp.method).toMatch(/finite differences/);
    problem.measurements.forEach((m, i) => {
      const a = analyticA(m.time, 0.7, 0.4);
      expect(jac.predictions[i]).toBeCloseTo(a.a, 8);
      // d/d log10 k = k ln10 d/dk
      expect(jac.dPredictions[i * 2]).toBeCloseTo(a.d1 * 0.7 * Math.LN10, 6);
      expect(jac.dPredictions[i * 2 + 1]).toBeCloseTo(a.d2 * 0.4 * Math.LN10, 6);
    });
  });

  it("the NLL gradient matches finite differences of the NLL, with σ estimated", () => {
    const obj = createObjective(
      createEvaluator(conversionProblem({ estimateSigma: true }), model),
      finiteDifferenceGradient(createEvaluator(conversionProblem({ estimateSigma: true }), model)),
    );
    const u = Float64Array.of(-0.1, -0.3, -1.5);
    const g = obj.gradient(u);
    for (let k = 0; k < 3; k++) {
      const h = 1e-5;
      const up = Float64Array.from(u);
      const dn = Float64Array.from(u);
      up[k] += h;
      dn[k] -= h;
      const fd = (obj.nll(up).nll - obj.nll(dn).nll) / (2 * h);
      expect(Math.abs(g.grad[k] - fd)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd)));
    }
  });

  it("½‖r‖² equals the NLL up to a constant, also with σ-residuals", () => {
    const obj = createObjective(
      createEvaluator(conversionProblem({ estimateSigma: true }), model),
      finiteDifferenceGradient(createEvaluator(conversionProblem({ estimateSigma: true }), model)),
    );
    const diff = (u: Float64Array) => {
      const r = obj.residuals(u, false);
      return r.nll - 0.5 * r.r.reduce((s, x) => s + x * x, 0);
    };
    expect(diff(Float64Array.of(-0.1, -0.3, -1.5))).toBeCloseTo(diff(Float64Array.of(0.2, -0.5, -1)), 8);
  });
});

describe("fitting the conversion reaction", () => {
  it("recovers k1 and k2 from noisy data, with profile CIs that contain the truth", () => {
    const report = fitProblem(conversionProblem(), model, { starts: 6, seed: 3, profiles: true });
    expect(report.status).toBe("ok");
    const k1 = report.parameters.find((p) => p.id === "k1")!;
    const k2 = report.parameters.find((p) => p.id === "k2")!;
    expect(k1.value).toBeCloseTo(TRUE_K1, 1);
    expect(k2.value).toBeCloseTo(TRUE_K2, 1);
    for (const p of [k1, k2]) {
      expect(p.ci?.method).toBe("profile");
      const truth = p.id === "k1" ? TRUE_K1 : TRUE_K2;
      expect(p.ci!.lower!).toBeLessThan(truth);
      expect(p.ci!.upper!).toBeGreaterThan(truth);
      expect(p.ci!.lower!).toBeLessThan(p.value);
      expect(p.ci!.upper!).toBeGreaterThan(p.value);
    }
    expect(report.startsAtBest).toBeGreaterThanOrEqual(4);
    expect(report.gradientMethod).toMatch(/^forward sensitivities \(engine/);
    expect(report.residuals).toHaveLength(TIMES.length * 2);
    // residuals are standardised: their RMS is about 1 for correct σ
    const rms = Math.sqrt(
      report.residuals.reduce((s, r) => s + r.residual ** 2, 0) / report.residuals.length,
    );
    expect(rms).toBeGreaterThan(0.5);
    expect(rms).toBeLessThan(1.5);
  });

  it("profile and Wald intervals nearly agree for this well-determined problem", () => {
    const prof = fitProblem(conversionProblem(), model, { starts: 3, profiles: ["k1"] });
    const wald = fitProblem(conversionProblem(), model, { starts: 3 });
    const a = prof.parameters[0].ci!;
    const b = wald.parameters[0].ci!;
    expect(b.method).toBe("wald");
    expect(Math.abs(Math.log(a.lower! / b.lower!))).toBeLessThan(0.05);
    expect(Math.abs(Math.log(a.upper! / b.upper!))).toBeLessThan(0.05);
  });

  it("estimates the noise level along with the rates", () => {
    const report = fitProblem(conversionProblem({ estimateSigma: true, sigma: 0.03 }), model, { starts: 5 });
    const s = report.parameters.find((p) => p.id === "sigma_a")!;
    expect(s.value).toBeGreaterThan(0.015);
    expect(s.value).toBeLessThan(0.05);
  });

  it("CMA-ES (then LM polish) reaches the same optimum as multi-start LM", () => {
    const lm = fitProblem(conversionProblem(), model, { starts: 4 });
    const es = fitProblem(conversionProblem(), model, { optimizer: "cmaes", seed: 4 });
    expect(es.status).toBe("ok");
    expect(es.nll!).toBeCloseTo(lm.nll!, 4);
  });

  it("uses CMA-ES when the noise is Laplace (not a least-squares problem)", () => {
    const p = conversionProblem();
    const problem = { ...p, observables: [{ ...p.observables[0], distribution: "laplace" as const }] };
    const report = fitProblem(problem, model, { seed: 2 });
    expect(report.issues.some((i) => i.code === "not-least-squares")).toBe(true);
    expect(report.parameters[0].value).toBeCloseTo(TRUE_K1, 1);
  });

  it("is deterministic for a seed", () => {
    const a = fitProblem(conversionProblem(), model, { starts: 4, seed: 11 });
    const b = fitProblem(conversionProblem(), model, { starts: 4, seed: 11 });
    expect(a.parameters.map((p) => p.value)).toEqual(b.parameters.map((p) => p.value));
  });

  it("stops when cancelled and says so", () => {
    let calls = 0;
    const report = fitProblem(conversionProblem(), model, { starts: 10, shouldStop: () => ++calls > 50 });
    expect(report.status).toBe("cancelled");
  });
});

describe("bad input", () => {
  it("lists every problem at once: unknown observable and condition, log of non-positive data, bounds that exclude the start", () => {
    const p = conversionProblem({ transformation: "log" });
    const bad = {
      ...p,
      parameters: [{ ...p.parameters[0], nominal: 500 }, p.parameters[1]],
      measurements: [
        ...p.measurements,
        { ...p.measurements[0], observableId: "obs_A" },
        { ...p.measurements[0], simulationConditionId: "c1" },
        { ...p.measurements[0], value: -0.1 },
      ],
    };
    const issues = validateProblem(bad, model);
    const codes = issues.map((i) => i.code);
    expect(codes).toContain("start-outside-bounds");
    expect(codes).toContain("unknown-observable");
    expect(codes).toContain("unknown-condition");
    expect(codes).toContain("log-scale-nonpositive");
    expect(issues.find((i) => i.code === "unknown-observable")!.hint).toBe('Did you mean "obs_a"?');
    const report = fitProblem(bad, model);
    expect(report.status).toBe("invalid");
    expect(report.parameters).toHaveLength(2);
  });

  it("names unknown symbols in observable formulas", () => {
    const p = conversionProblem();
    const bad = { ...p, observables: [{ ...p.observables[0], formula: parseTrusted("scale * Aa") }] };
    const msgs = validateProblem(bad, model).map((i) => i.message);
    expect(msgs.some((m) => m.includes('"Aa"'))).toBe(true);
    expect(msgs.some((m) => m.includes('"scale"'))).toBe(true);
  });

  it("keeps going when the model throws in some evaluations, and reports a model that always throws", () => {
    let calls = 0;
    const flaky = {
      ...fdModel,
      simulate: (req: Parameters<typeof model.simulate>[0]) => {
        calls++;
        if (calls > 50 && calls < 56) throw new Error("internal solver error");
        return fdModel.simulate(req);
      },
    };
    const report = fitProblem(conversionProblem(), flaky, { starts: 6, seed: 1 });
    expect(calls).toBeGreaterThan(100);
    expect(report.status).toBe("ok");
    expect(report.parameters[0].value).toBeCloseTo(TRUE_K1, 1);
    const always = {
      ...fdModel,
      simulate: (): never => {
        throw new Error("internal solver error");
      },
    };
    const failed = fitProblem(conversionProblem(), always, { starts: 2 });
    expect(failed.status).toBe("failed");
    expect(failed.issues.find((i) => i.code === "nominal-fails")!.message).toContain("internal solver error");
    expect(failed.issues.find((i) => i.code === "starts-failed")!.message).toContain("2 of 2 starts failed");
  });

  it("reports a model that fails everywhere as a failed fit with a reason, not a crash", () => {
    const failing = {
      ...model,
      simulate: () => ({ ok: false as const, status: "newtonFailed", message: "Newton failed at t = 1" }),
    };
    const report = fitProblem(conversionProblem(), failing, { starts: 2 });
    expect(report.status).toBe("failed");
    expect(report.issues.map((i) => i.code)).toContain("no-fit");
    expect(report.issues.find((i) => i.code === "nominal-fails")!.message).toContain("Newton failed");
    expect(freeParameters(conversionProblem()).ids).toEqual(["k1", "k2"]);
  });
});
