import { describe, expect, test } from "vitest";
import { SOLVERS, bdf, integrate, rodas5p } from "../../../src/core/solve/index.js";
import type { OdeSystem } from "../../../src/core/solve/index.js";
import { NO_P, fixedStepError, logLogSlope, rotation, rotationExact } from "./helpers.js";

const a = 0.3;
const w = 2;
const y0 = [1, 0.5];
const T = 2;

describe("convergence order on a damped rotation y' = A y (exact solution by the matrix exponential)", () => {
  for (const method of SOLVERS.filter((m) => m.tableau?.kind === "explicitRk")) {
    test(`registered ${method.name} with constant steps converges with slope ${method.order} ± 0.3`, () => {
      const hs = [0.1, 0.05, 0.025, 0.0125];
      const errs = hs.map((h) => fixedStepError(method, h));
      expect(Math.abs(logLogSlope(hs, errs) - method.order)).toBeLessThan(0.3);
    });
  }

  test("Rodas5P converges at least with order 5 on the linear system (its stability function is accurate to higher order)", () => {
    const hs = [0.2, 0.1, 0.05, 0.025];
    const errs = hs.map((h) => fixedStepError(rodas5p, h));
    expect(logLogSlope(hs, errs)).toBeGreaterThan(rodas5p.order - 0.3);
  });

  test("registered Rosenbrock methods with constant steps converge with their order ± 0.3 on a nonlinear system (logistic growth and y' = −y², exact solutions known)", () => {
    const logistic: OdeSystem = {
      size: 2,
      stateIds: ["N", "u"],
      timeDependent: false,
      rhs: (_t, y, _p, f) => {
        f[0] = 1.5 * y[0] * (1 - y[0] / 10);
        f[1] = -y[1] * y[1];
      },
      jacobian: (_t, y, _p, J) => {
        J[0] = 1.5 - 0.3 * y[0];
        J[3] = -2 * y[1];
      },
    };
    const exact = [10 / (1 + 19 * Math.exp(-1.5 * 4)), 1 / 5];
    const hs = [0.1, 0.05, 0.025, 0.0125];
    const methods = SOLVERS.filter((m) => m.tableau?.kind === "rosenbrock");
    expect(methods).toContain(rodas5p);
    for (const method of methods) {
      const errs = hs.map((h) => {
        const r = integrate(logistic, NO_P, Float64Array.of(0.5, 1), {
          method,
          t0: 0,
          tEnd: 4,
          rtol: 1e6,
          atol: 1e6,
          h0: h,
          hmax: h,
          outputTimes: [4],
        });
        return Math.max(Math.abs(r.yFinal[0] - exact[0]), Math.abs(r.yFinal[1] - exact[1]));
      });
      expect(Math.abs(logLogSlope(hs, errs) - method.order)).toBeLessThan(0.3);
    }
  });

  test("Rodas5P's dense output is accurate to its order 4 between the steps", () => {
    const hs = [0.2, 0.1, 0.05];
    const errs = hs.map((h) => {
      const tq = 0.5 * h; // mid-step of the first step
      const r = integrate(rotation(a, w), NO_P, Float64Array.from(y0), {
        method: rodas5p,
        t0: 0,
        tEnd: 4 * h,
        rtol: 1e6,
        atol: 1e6,
        h0: h,
        hmax: h,
        outputTimes: [tq],
      });
      const ex = rotationExact(a, w, y0, tq);
      return Math.max(Math.abs(r.states[0][0] - ex[0]), Math.abs(r.states[0][1] - ex[1]));
    });
    // Local interpolation error O(h^5) for an order-4 interpolant.
    expect(logLogSlope(hs, errs)).toBeGreaterThan(4.7);
  });

  test("variable-order BDF: the error is proportional to the tolerance (slope 1 ± 0.3) and within 100·rtol", () => {
    const rtols = [1e-5, 1e-6, 1e-7, 1e-8, 1e-9];
    const errs = rtols.map((rtol) => {
      const r = integrate(rotation(a, w), NO_P, Float64Array.from(y0), {
        method: bdf,
        t0: 0,
        tEnd: T,
        rtol,
        atol: rtol,
        outputTimes: [T],
      });
      expect(r.status).toBe("ok");
      const ex = rotationExact(a, w, y0, T);
      return Math.max(Math.abs(r.yFinal[0] - ex[0]), Math.abs(r.yFinal[1] - ex[1]));
    });
    expect(Math.abs(logLogSlope(rtols, errs) - 1)).toBeLessThan(0.3);
    errs.forEach((e, i) => expect(e).toBeLessThan(100 * rtols[i]));
  });

  test("variable-order BDF raises its order: steps grow like rtol^(−1/q) with q well above 1", () => {
    const steps = [1e-4, 1e-8].map(
      (rtol) =>
        integrate(rotation(a, w), NO_P, Float64Array.from(y0), {
          method: bdf,
          t0: 0,
          tEnd: 20,
          rtol,
          atol: rtol,
          outputTimes: [],
        }).stats.steps,
    );
    // At order 1 the ratio would be 1e4; at order 5 about 6.3.
    expect(steps[1] / steps[0]).toBeLessThan(40);
  });
});
