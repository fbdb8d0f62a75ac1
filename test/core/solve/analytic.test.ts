import { describe, expect, test } from "vitest";
import { integrate } from "../../../src/core/solve/index.js";
import type { HybridHandler } from "../../../src/core/solve/index.js";
import { METHODS, binding, bindingExact, decay } from "./helpers.js";

const grid = (t0: number, t1: number, k: number): number[] =>
  Array.from({ length: k + 1 }, (_, i) => t0 + ((t1 - t0) * i) / k);

describe("analytic references", () => {
  for (const method of METHODS) {
    test(`${method.name}: exponential decay y = y0·exp(−k t) at every output time`, () => {
      const k = 0.7;
      const times = grid(0, 10, 40);
      const r = integrate(decay, Float64Array.of(k), Float64Array.of(5), {
        method,
        t0: 0,
        tEnd: 10,
        rtol: 1e-8,
        atol: 1e-12,
        outputTimes: times,
      });
      expect(r.status).toBe("ok");
      expect(Array.from(r.times)).toEqual(times);
      times.forEach((t, i) =>
        expect(Math.abs(r.states[i][0] - 5 * Math.exp(-k * t))).toBeLessThan(
          1e-6 * 5 * Math.exp(-k * t) + 1e-11,
        ),
      );
    });

    test(`${method.name}: reversible binding A + B ⇌ C follows the closed form and conserves A + C and B + C`, () => {
      const kon = 2,
        koff = 0.5,
        A0 = 1.5,
        B0 = 0.8;
      const times = grid(0, 8, 32);
      const r = integrate(binding, Float64Array.of(kon, koff), Float64Array.of(A0, B0, 0), {
        method,
        t0: 0,
        tEnd: 8,
        rtol: 1e-8,
        atol: 1e-12,
        outputTimes: times,
      });
      expect(r.status).toBe("ok");
      times.forEach((t, i) => {
        const c = bindingExact(kon, koff, A0, B0, t);
        expect(Math.abs(r.states[i][2] - c)).toBeLessThan(1e-6 * Math.max(c, 1e-3));
        expect(r.states[i][0] + r.states[i][2]).toBeCloseTo(A0, 10);
        expect(r.states[i][1] + r.states[i][2]).toBeCloseTo(B0, 10);
      });
    });

    test(`${method.name}: IV bolus with a second bolus at a stop time gives the piecewise exponential, right-continuous at the dose`, () => {
      const k = 0.3,
        V = 2,
        D1 = 10,
        D2 = 6,
        ts = 4;
      const dose: HybridHandler = {
        nRoots: 0,
        nextStop: (t) => (t < ts ? ts : Infinity),
        handle: (_t, y) => {
          y[0] += D2 / V;
          return { changed: true };
        },
      };
      const times = grid(0, 12, 24); // includes t = 4
      const r = integrate(decay, Float64Array.of(k), Float64Array.of(D1 / V), {
        method,
        t0: 0,
        tEnd: 12,
        rtol: 1e-9,
        atol: 1e-12,
        outputTimes: times,
        hybrid: dose,
      });
      expect(r.status).toBe("ok");
      const exact = (t: number): number =>
        (D1 / V) * Math.exp(-k * t) + (t >= ts ? (D2 / V) * Math.exp(-k * (t - ts)) : 0);
      times.forEach((t, i) => expect(Math.abs(r.states[i][0] - exact(t))).toBeLessThan(1e-7 * exact(t)));
      expect(r.discontinuities).toEqual([{ t: ts, stop: true, roots: [] }]);
    });
  }
});
