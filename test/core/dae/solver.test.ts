/**
 * Index-1 DAEs M·y' = f in the solver layer: known solutions, the published Robertson
 * reference, consistent initial values, events, dense output, the sparse LU, steady states and
 * the refusal of methods that cannot integrate them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { bdf, integrate, rodas5p, steadyState, tsit5 } from "../../../src/core/solve/index.js";
import type { HybridHandler } from "../../../src/core/solve/index.js";
import type { OdeSystem } from "../../../src/core/solve/types.js";
import { IssueError } from "../../../src/core/issues.js";
import { NO_P, diagonalMass, equilibriumChain, roberDae, sineDriven, sineExact } from "./systems.js";

const grid = (a: number, b: number, n: number) =>
  Array.from({ length: n + 1 }, (_, i) => a + ((b - a) * i) / n);

describe("Rodas5P on index-1 DAEs", () => {
  test("declares the capability; BDF and Tsit5 do not", () => {
    expect(rodas5p.massMatrix).toBe(true);
    expect(bdf.massMatrix).toBeFalsy();
    expect(tsit5.massMatrix).toBeFalsy();
  });

  test("y1' = −y1 + y2, 0 = y2 − sin t matches the exact solution at every output (dense output included)", () => {
    const times = grid(0, 10, 137);
    const r = integrate(sineDriven, NO_P, Float64Array.of(1, 0), {
      method: rodas5p,
      t0: 0,
      tEnd: 10,
      rtol: 1e-9,
      atol: 1e-12,
      outputTimes: times,
    });
    expect(r.status, r.message).toBe("ok");
    let worst = 0;
    r.times.forEach((t, i) => {
      const [e1, e2] = sineExact(t);
      worst = Math.max(worst, Math.abs(r.states[i][0] - e1), Math.abs(r.states[i][1] - e2));
    });
    expect(worst).toBeLessThan(1e-8);
  });

  test("converges at order 5 on both components of a non-linear index-1 DAE (fixed steps, fitted slope 5 ± 0.3)", () => {
    // y1' = −y1·y2 + cos t, 0 = y2³ + y2 − (1 + y1): no closed form, reference at rtol 1e-13
    const sys: OdeSystem = {
      size: 2,
      stateIds: ["y1", "y2"],
      rhs: (t, y, _p, f) => {
        f[0] = -y[0] * y[1] + Math.cos(t);
        f[1] = y[1] ** 3 + y[1] - (1 + y[0]);
      },
      mass: diagonalMass([1, 0]),
    };
    const y0 = Float64Array.of(1, 1);
    const opts = { method: rodas5p, t0: 0, tEnd: 2, outputTimes: [2] };
    const ref = integrate(sys, NO_P, y0, { ...opts, rtol: 1e-13, atol: 1e-15 }).yFinal;
    const hs = [0.2, 0.1, 0.05, 0.025];
    // huge tolerances and hmax = h: every step is accepted at exactly h
    const errs = hs.map((h) => {
      const y = integrate(sys, NO_P, y0, { ...opts, rtol: 1e6, atol: 1e6, h0: h, hmax: h }).yFinal;
      return [Math.abs(y[0] - ref[0]), Math.abs(y[1] - ref[1])];
    });
    for (const c of [0, 1]) {
      const xs = hs.map(Math.log);
      const ys = errs.map((e) => Math.log(e[c]));
      const mx = xs.reduce((a, x) => a + x, 0) / xs.length;
      const my = ys.reduce((a, x) => a + x, 0) / ys.length;
      const slope =
        xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
      expect(Math.abs(slope - 5), `component ${c + 1}: slope ${slope}`).toBeLessThan(0.3);
    }
  });

  test("the error falls with the tolerance on the algebraic component too", () => {
    const err = (rtol: number) => {
      const r = integrate(sineDriven, NO_P, Float64Array.of(1, 0), {
        method: rodas5p,
        t0: 0,
        tEnd: 5,
        rtol,
        atol: rtol * 1e-3,
        outputTimes: [5],
      });
      const [e1, e2] = sineExact(5);
      return Math.max(Math.abs(r.yFinal[0] - e1), Math.abs(r.yFinal[1] - e2));
    };
    expect(err(1e-10)).toBeLessThan(1e-9);
    expect(err(1e-6)).toBeLessThan(1e-5);
    expect(err(1e-10)).toBeLessThan(err(1e-6));
  });

  test("Robertson as a DAE (y1 + y2 + y3 = 1) reaches the published reference at t = 1e11", () => {
    const ref = JSON.parse(readFileSync("../shared/data/ivp-reference/reference.json", "utf8")).problems.rober
      .y_ref as number[];
    const r = integrate(roberDae, NO_P, Float64Array.of(1, 0, 0), {
      method: rodas5p,
      t0: 0,
      tEnd: 1e11,
      rtol: 1e-8,
      atol: 1e-14,
      outputTimes: [1e11],
      maxSteps: 100000,
    });
    expect(r.status, r.message).toBe("ok");
    // mixed error as the Test Set measures it (atol/rtol + |ref|)
    for (let i = 0; i < 3; i++)
      expect(Math.abs(r.yFinal[i] - ref[i]) / (1e-6 + Math.abs(ref[i])), `y${i + 1}`).toBeLessThan(1e-6);
    expect(Math.abs(r.yFinal[0] + r.yFinal[1] + r.yFinal[2] - 1)).toBeLessThan(1e-14);
  });

  test("Robertson as a DAE agrees with Robertson as an ODE at t = 40 and 4e5", () => {
    const ode: OdeSystem = {
      size: 3,
      stateIds: ["y1", "y2", "y3"],
      rhs: (_t, y, _p, f) => {
        f[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
        f[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
        f[2] = 3e7 * y[1] * y[1];
      },
    };
    const run = (s: OdeSystem) =>
      integrate(s, NO_P, Float64Array.of(1, 0, 0), {
        method: rodas5p,
        t0: 0,
        tEnd: 4e5,
        rtol: 1e-10,
        atol: 1e-16,
        outputTimes: [40, 4e5],
      });
    const a = run(roberDae);
    const b = run(ode);
    for (let k = 0; k < 2; k++)
      for (let i = 0; i < 3; i++)
        expect(Math.abs(a.states[k][i] - b.states[k][i]) / (1e-12 + Math.abs(b.states[k][i]))).toBeLessThan(
          1e-7,
        );
  });

  test("an inconsistent y0 is projected onto the constraint, keeping the differential part", () => {
    const r = integrate(sineDriven, NO_P, Float64Array.of(1, 5), {
      method: rodas5p,
      t0: 0.5,
      tEnd: 1,
      rtol: 1e-8,
      atol: 1e-12,
      outputTimes: [0.5, 1],
    });
    expect(r.status).toBe("ok");
    expect(r.states[0][0]).toBe(1);
    expect(r.states[0][1]).toBeCloseTo(Math.sin(0.5), 14);
  });

  test("a non-diagonal mass matrix keeps the conserved totals when projecting, dense and sparse LU agree", () => {
    const chain = equilibriumChain(12, 3, 2, 0.5); // n = 24 ≥ the sparse threshold
    const y0 = new Float64Array(24);
    for (let j = 0; j < 12; j++) y0[2 * j] = j + 1; // totals j+1, all in u: off equilibrium
    const run = (linearSolver: "dense" | "sparse") =>
      integrate(chain, NO_P, y0, {
        method: rodas5p,
        t0: 0,
        tEnd: 50,
        rtol: 1e-9,
        atol: 1e-12,
        outputTimes: [0, 1, 50],
        linearSolver,
      });
    const d = run("dense");
    const s = run("sparse");
    expect(d.status, d.message).toBe("ok");
    expect(s.status, s.message).toBe("ok");
    for (let j = 0; j < 12; j++) {
      // t = 0: equilibrium v = 3u with the total u + v = j + 1 kept
      expect(d.states[0][2 * j]).toBeCloseTo((j + 1) / 4, 13);
      expect(d.states[0][2 * j + 1]).toBeCloseTo((3 * (j + 1)) / 4, 13);
    }
    for (let k = 0; k < 3; k++)
      for (let i = 0; i < 24; i++) expect(s.states[k][i]).toBeCloseTo(d.states[k][i], 8);
    // t = 50: near the steady state v_j = source/drain = 4
    expect(d.states[2][23]).toBeGreaterThan(3);
  });

  test("events: a root of the algebraic component is located on the dense output; a jump is re-projected", () => {
    const hits: number[] = [];
    const hybrid: HybridHandler = {
      nRoots: 1,
      roots: (_t, y, _p, g) => {
        g[0] = y[1] - 0.5; // sin t = 0.5 at t = π/6
      },
      nextStop: () => Infinity,
      handle: (t, y) => {
        hits.push(t);
        y[0] += 1; // a jump in the differential state
        y[1] = 7; // and nonsense in the algebraic one: the projection restores sin t
        return { changed: true };
      },
    };
    const r = integrate(sineDriven, NO_P, Float64Array.of(1, 0), {
      method: rodas5p,
      t0: 0,
      tEnd: 2,
      rtol: 1e-10,
      atol: 1e-12,
      hybrid,
      outputTimes: [2],
    });
    expect(r.status, r.message).toBe("ok");
    expect(hits.length).toBe(1);
    expect(Math.abs(hits[0] - Math.PI / 6)).toBeLessThan(1e-9);
    // after the jump: y1 = exact + e^{−(t − π/6)} (the extra unit decays), y2 = sin t
    const [e1, e2] = sineExact(2);
    expect(r.yFinal[0]).toBeCloseTo(e1 + Math.exp(-(2 - Math.PI / 6)), 8);
    expect(r.yFinal[1]).toBeCloseTo(e2, 10);
  });

  test("a switch that makes the algebraic solution jump is found ahead of the step that cannot cross it", () => {
    // 0 = y2 − H(t − 1): every step across t = 1 fails its error test however small it is
    const jump: OdeSystem = {
      size: 2,
      stateIds: ["y1", "y2"],
      rhs: (t, y, _p, f) => {
        f[0] = -y[0] + y[1];
        f[1] = y[1] - (t < 1 ? 0 : 1);
      },
      mass: diagonalMass([1, 0]),
    };
    const switches: number[] = [];
    const hybrid: HybridHandler = {
      nRoots: 1,
      roots: (t, _y, _p, g) => {
        g[0] = 1 - t;
      },
      nextStop: () => Infinity,
      handle: (t) => {
        switches.push(t);
        return { changed: true }; // a rate-law switch: restart on the new branch
      },
    };
    const r = integrate(jump, NO_P, Float64Array.of(1, 0), {
      method: rodas5p,
      t0: 0,
      tEnd: 2,
      rtol: 1e-9,
      atol: 1e-12,
      hybrid,
      outputTimes: [0.5, 2],
    });
    expect(r.status, r.message).toBe("ok");
    expect(switches.length).toBe(1);
    expect(Math.abs(switches[0] - 1)).toBeLessThan(1e-12);
    expect(r.states[0][0]).toBeCloseTo(Math.exp(-0.5), 9);
    expect(r.yFinal[0]).toBeCloseTo(1 + (Math.exp(-1) - 1) * Math.exp(-1), 8);
    expect(r.yFinal[1]).toBe(1);
  });

  test("steadyState solves f = 0 with the algebraic rows (Newton), and by integration when J is singular", () => {
    const chain = equilibriumChain(3, 3, 2, 0.5);
    const y0 = new Float64Array(6).fill(1);
    const ss = steadyState(chain, NO_P, y0, { rtol: 1e-10, atol: 1e-12 });
    expect(ss.status, ss.message).toBe("ok");
    for (let j = 0; j < 3; j++) {
      expect(ss.y[2 * j + 1]).toBeCloseTo(4, 8);
      expect(ss.y[2 * j]).toBeCloseTo(4 / 3, 8);
    }
    const viaIntegration = steadyState(chain, NO_P, y0, { rtol: 1e-10, atol: 1e-12, integrationOnly: true });
    expect(viaIntegration.status, viaIntegration.message).toBe("ok");
    expect(viaIntegration.y[5]).toBeCloseTo(4, 6);
  });
});

describe("DAE failures are values with messages", () => {
  test("BDF and Tsit5 refuse a system with a mass matrix, naming the method that can", () => {
    for (const method of [bdf, tsit5]) {
      const run = () =>
        integrate(sineDriven, NO_P, Float64Array.of(1, 0), {
          method,
          t0: 0,
          tEnd: 1,
          rtol: 1e-6,
          atol: 1e-9,
        });
      expect(run).toThrow(IssueError);
      expect(run).toThrow(/cannot integrate a system with algebraic equations.*Rodas5P/s);
    }
  });

  test("an algebraic equation with no solution fails the projection (newtonFailed) and names its state", () => {
    const noRoot: OdeSystem = {
      ...sineDriven,
      rhs: (_t, y, _p, f) => {
        f[0] = -y[0];
        f[1] = y[1] * y[1] + 1;
      },
      jacobian: undefined,
    };
    const r = integrate(noRoot, NO_P, Float64Array.of(1, 0.3), {
      method: rodas5p,
      t0: 0,
      tEnd: 1,
      rtol: 1e-6,
      atol: 1e-9,
    });
    expect(r.status).toBe("newtonFailed");
    expect(r.worstState).toBe("y2");
    expect(r.message).toMatch(/Could not make the algebraic equations hold at t = 0/);
  });

  test("an algebraic row that does not depend on the algebraic state is reported as not index 1", () => {
    const notIndex1: OdeSystem = {
      size: 2,
      stateIds: ["x", "z"],
      rhs: (_t, y, _p, f) => {
        f[0] = y[1];
        f[1] = y[0] - 1; // 0 = x − 1 does not determine z (index 2)
      },
      mass: diagonalMass([1, 0]),
    };
    const r = integrate(notIndex1, NO_P, Float64Array.of(1, 0), {
      method: rodas5p,
      t0: 0,
      tEnd: 1,
      rtol: 1e-6,
      atol: 1e-9,
    });
    expect(r.status).toBe("newtonFailed");
    expect(r.message).toMatch(/not of index 1/);
  });
});
