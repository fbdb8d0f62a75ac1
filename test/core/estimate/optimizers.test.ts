import { describe, expect, it } from "vitest";
import {
  cmaes,
  latinHypercube,
  levenbergMarquardt,
  normalQuantile,
  chiSquare1Quantile,
  rngFor,
} from "../../../src/core/estimate/index.js";

const rosenbrock = (u: Float64Array, withJ: boolean) => {
  const r = Float64Array.of(10 * (u[1] - u[0] * u[0]), 1 - u[0]);
  return { ok: true, r, ...(withJ ? { J: Float64Array.of(-20 * u[0], 10, -1, 0) } : {}) };
};
const box = (lo: number[], hi: number[]) => ({ lower: Float64Array.from(lo), upper: Float64Array.from(hi) });

describe("seeded random numbers", () => {
  it("give the same stream for the same (seed, stream) and different streams otherwise", () => {
    const a = rngFor(42, 3);
    const b = rngFor(42, 3);
    const c = rngFor(42, 4);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xa);
  });

  it("draw uniforms with mean 1/2 and normals with mean 0 and variance 1", () => {
    const r = rngFor(1);
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      su += r.uniform();
      const z = r.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(Math.abs(su / n - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(sn / n)).toBeLessThan(0.01);
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(0.015);
  });

  it("Latin hypercube puts exactly one point in each stratum of each coordinate", () => {
    const pts = latinHypercube(17, 3, rngFor(9));
    for (let k = 0; k < 3; k++) {
      const strata = pts.map((p) => Math.floor(p[k] * 17)).sort((a, b) => a - b);
      expect(strata).toEqual([...Array(17).keys()]);
    }
  });

  it("normal and chi-square quantiles match tables", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 7);
    expect(chiSquare1Quantile(0.95)).toBeCloseTo(3.841458821, 6);
  });
});

describe("Levenberg–Marquardt", () => {
  it("solves the Rosenbrock least-squares problem from (-1.2, 1)", () => {
    const res = levenbergMarquardt(rosenbrock, Float64Array.of(-1.2, 1), {
      ...box([-5, -5], [5, 5]),
      gtol: 1e-12,
    });
    expect(res.status).toBe("converged");
    expect(res.u[0]).toBeCloseTo(1, 6);
    expect(res.u[1]).toBeCloseTo(1, 6);
  });

  it("stops on the bound when the unconstrained optimum is outside the box", () => {
    // with x ≤ 0.5 the minimum of 100(y − x²)² + (1 − x)² is at (0.5, 0.25), cost ½·0.25
    const res = levenbergMarquardt(rosenbrock, Float64Array.of(-1, 2), {
      ...box([-2, -2], [0.5, 2]),
      gtol: 1e-10,
    });
    expect(res.u[0]).toBe(0.5);
    expect(res.u[1]).toBeCloseTo(0.25, 6);
    expect(res.cost).toBeCloseTo(0.125, 8);
  });

  it("holds fixed parameters at their start value", () => {
    const res = levenbergMarquardt(rosenbrock, Float64Array.of(0.3, 2), {
      ...box([-2, -2], [2, 2]),
      fixed: new Set([0]),
    });
    expect(res.u[0]).toBe(0.3);
    expect(res.u[1]).toBeCloseTo(0.09, 6);
  });

  it("reports a start where the model fails instead of throwing", () => {
    const res = levenbergMarquardt(
      () => ({ ok: false, r: Float64Array.of(NaN) }),
      Float64Array.of(0),
      box([-1], [1]),
    );
    expect(res.status).toBe("failed");
  });
});

describe("CMA-ES", () => {
  it("finds the minimum of a rotated ill-conditioned ellipsoid, seeded and reproducible", () => {
    const f = (u: Float64Array) => {
      const a = u[0] + u[1] - 1;
      const b = u[0] - u[1] + 0.5;
      return a * a + 1000 * b * b + (u[2] - 0.25) ** 2 + 10 * (u[3] + 0.1) ** 2;
    };
    const o = { ...box([-3, -3, -3, -3], [3, 3, 3, 3]), seed: 5, tolFun: 1e-14 };
    const res = cmaes(f, Float64Array.of(2, 2, 2, 2), o);
    expect(res.value).toBeLessThan(1e-10);
    expect(res.u[0]).toBeCloseTo(0.25, 4);
    expect(res.u[1]).toBeCloseTo(0.75, 4);
    const again = cmaes(f, Float64Array.of(2, 2, 2, 2), o);
    expect(Array.from(again.u)).toEqual(Array.from(res.u));
  });

  it("finds the global minimum of Rastrigin in 2-D from a poor start", () => {
    const f = (u: Float64Array) =>
      20 + u.reduce((s, x) => s + (x - 0.5) ** 2 - 10 * Math.cos(2 * Math.PI * (x - 0.5)), 0);
    const res = cmaes(f, Float64Array.of(-4, 4), {
      ...box([-5.12, -5.12], [5.12, 5.12]),
      seed: 3,
      populationSize: 40,
      sigma0: 0.5,
    });
    expect(res.value).toBeLessThan(1e-6);
  });

  it("respects the bounds when the optimum lies outside them", () => {
    const res = cmaes((u) => (u[0] - 3) ** 2 + (u[1] + 3) ** 2, Float64Array.of(0, 0), {
      ...box([-1, -1], [1, 1]),
      seed: 2,
    });
    expect(res.u[0]).toBeLessThanOrEqual(1);
    expect(res.u[0]).toBeCloseTo(1, 4);
    expect(res.u[1]).toBeCloseTo(-1, 4);
  });
});
