import { describe, expect, test } from "vitest";
import { integrate, rodas5p, steadyState, tsit5 } from "../../../src/core/solve/index.js";
import type { OdeSystem } from "../../../src/core/solve/index.js";
import { METHODS, NO_P, binding, bindingExact, decay } from "./helpers.js";

/** y' = y², y(0) = 1: y = 1/(1 − t) blows up at t = 1. */
const blowUp: OdeSystem = {
  size: 2,
  stateIds: ["bystander", "pSTAT3_nuc"],
  timeDependent: false,
  rhs: (_t, y, _p, f) => {
    f[0] = -y[0];
    f[1] = y[1] * y[1];
  },
  jacobian: (_t, y, _p, J) => {
    J[0] = -1;
    J[3] = 2 * y[1];
  },
};

describe("numerical failures are values with messages", () => {
  for (const method of METHODS) {
    test(`${method.name}: a blow-up past t = 1 stops near 1, names the state and keeps the trajectory so far`, () => {
      const r = integrate(blowUp, NO_P, Float64Array.of(1, 1), {
        method,
        t0: 0,
        tEnd: 2,
        rtol: 1e-6,
        atol: 1e-9,
      });
      expect(["nonFinite", "stepSizeTooSmall"]).toContain(r.status);
      expect(r.worstState).toBe("pSTAT3_nuc");
      expect(r.message).toContain("pSTAT3_nuc");
      expect(r.tFinal).toBeGreaterThan(0.99);
      expect(r.tFinal).toBeLessThan(1.0001);
      expect(r.times.length).toBeGreaterThan(5);
      expect(r.times[r.times.length - 1]).toBeGreaterThan(0.99);
      const i = r.times.findIndex((t) => t >= 0.5);
      expect(r.states[i][1]).toBeCloseTo(1 / (1 - r.times[i]), 3);
    });
  }

  test("the step-size message says what to try", () => {
    const r = integrate(blowUp, NO_P, Float64Array.of(1, 1), {
      method: tsit5,
      t0: 0,
      tEnd: 2,
      rtol: 1e-6,
      atol: 1e-9,
    });
    if (r.status === "stepSizeTooSmall") {
      expect(r.message).toMatch(
        /^Step size .* at t = 1(\.0+\d*)? became too small; state pSTAT3_nuc changes fastest\. Try a stiff method \(Rodas5P or BDF\), looser tolerances, or check the rate laws of pSTAT3_nuc\.$/,
      );
    } else {
      expect(r.message).toMatch(/^State pSTAT3_nuc became (Infinity|NaN) at t = /);
    }
  });

  test("a NaN produced by the right-hand side is detected and named", () => {
    const sqrtOfNegative: OdeSystem = {
      size: 2,
      stateIds: ["IL6", "gp130"],
      rhs: (_t, y, _p, f) => {
        f[0] = -1;
        f[1] = Math.sqrt(y[0]) * 0.1;
      },
    };
    for (const method of METHODS) {
      const r = integrate(sqrtOfNegative, NO_P, Float64Array.of(1, 0), {
        method,
        t0: 0,
        tEnd: 3,
        rtol: 1e-6,
        atol: 1e-9,
      });
      expect(r.status).not.toBe("ok");
      expect(r.tFinal).toBeLessThan(1.01);
      expect(r.message).toMatch(/IL6|gp130/);
    }
  });

  test("maxStepsReached stops after the step budget with the state reached", () => {
    const r = integrate(decay, Float64Array.of(1), Float64Array.of(1), {
      method: rodas5p,
      t0: 0,
      tEnd: 100,
      rtol: 1e-10,
      atol: 1e-14,
      maxSteps: 10,
    });
    expect(r.status).toBe("maxStepsReached");
    expect(r.stats.steps).toBe(10);
    expect(r.tFinal).toBeGreaterThan(0);
    expect(r.tFinal).toBeLessThan(100);
    expect(r.yFinal[0]).toBeCloseTo(Math.exp(-r.tFinal), 8);
    expect(r.message).toMatch(/^Reached the limit of 10 steps at t = .* of 100 .*state drug changes fastest/);
  });
});

describe("steady states", () => {
  test("Newton finds the steady state of production and degradation", () => {
    const sys: OdeSystem = {
      size: 1,
      stateIds: ["SOCS3"],
      rhs: (_t, y, p, f) => void (f[0] = p[0] - p[1] * y[0]),
    };
    const r = steadyState(sys, Float64Array.of(3, 0.5), Float64Array.of(0));
    expect(r.status).toBe("ok");
    expect(r.method).toBe("newton");
    expect(r.y[0]).toBeCloseTo(6, 10);
    expect(r.residual).toBeLessThanOrEqual(1);
  });

  test("with a conservation law (singular Jacobian) the steady state is found by integration in y0's conservation class", () => {
    const kon = 2,
      koff = 0.5,
      A0 = 1.5,
      B0 = 0.8;
    const r = steadyState(binding, Float64Array.of(kon, koff), Float64Array.of(A0, B0, 0));
    expect(r.status).toBe("ok");
    const c = bindingExact(kon, koff, A0, B0, Infinity);
    expect(r.y[2]).toBeCloseTo(c, 6);
    expect(r.y[0] + r.y[2]).toBeCloseTo(A0, 8);
  });

  test("a system without a steady state reports notConverged with the state that keeps changing", () => {
    const sys: OdeSystem = {
      size: 2,
      stateIds: ["hepatocytes", "ALT"],
      rhs: (_t, y, _p, f) => {
        f[0] = -y[0] + 1;
        f[1] = 0.1;
      },
    };
    const r = steadyState(sys, NO_P, Float64Array.of(0, 0), { tMax: 1e4 });
    expect(r.status).toBe("notConverged");
    expect(r.method).toBe("integration");
    expect(r.residual).toBeGreaterThan(1);
    expect(r.message).toMatch(/No steady state found: .*\(state ALT still changes/);
  });
});
