import { describe, expect, test } from "vitest";
import { integrate } from "../../../src/core/solve/index.js";
import type { HybridHandler, IntegrateOptions } from "../../../src/core/solve/index.js";
import { METHODS, NO_P, decay, growth } from "./helpers.js";

/** Doses: amounts added to y[0] at given times (several may share a time). */
function doses(list: { t: number; amount: number }[], reportZeroAsChange = true): HybridHandler {
  return {
    nRoots: 0,
    nextStop: (t) => Math.min(Infinity, ...list.filter((d) => d.t > t).map((d) => d.t)),
    handle: (t, y) => {
      let total = 0;
      for (const d of list) if (d.t === t) total += d.amount;
      y[0] += total;
      return { changed: reportZeroAsChange || total !== 0 };
    },
  };
}

describe("state events located on the dense output", () => {
  for (const method of METHODS) {
    test(`${method.name}: y' = y from 1 reaches e at t = 1 (root of y − e) within 1e-8, rising`, () => {
      const seen: { t: number; dir: number }[] = [];
      const hybrid: HybridHandler = {
        nRoots: 1,
        roots: (_t, y, _p, g) => {
          g[0] = y[0] - Math.E;
        },
        nextStop: () => Infinity,
        handle: (t, _y, _p, cause) => {
          seen.push({ t, dir: cause.roots![0] });
          return { changed: false };
        },
      };
      const r = integrate(growth, NO_P, Float64Array.of(1), {
        method,
        t0: 0,
        tEnd: 2,
        rtol: 1e-10,
        atol: 1e-12,
        hybrid,
        outputTimes: [2],
      });
      expect(r.status).toBe("ok");
      expect(seen.length).toBe(1);
      expect(Math.abs(seen[0].t - 1)).toBeLessThan(1e-8);
      expect(seen[0].dir).toBe(1);
      expect(r.discontinuities).toEqual([{ t: seen[0].t, stop: false, roots: [0] }]);
    });
  }

  for (const method of METHODS) {
    test(`${method.name}: a stop scheduled at a root inside a long step is not stepped over`, () => {
      // y' = y; at y = e (t = 1) schedule a stop 1e-4 later without changing the state
      let pending = Infinity;
      let rootAt = NaN;
      const stops: number[] = [];
      const hybrid: HybridHandler = {
        nRoots: 1,
        roots: (_t, y, _p, g) => {
          g[0] = y[0] - Math.E;
        },
        nextStop: (t) => (pending > t ? pending : Infinity),
        handle: (t, _y, _p, cause) => {
          if (cause.roots && cause.roots[0] !== 0) {
            rootAt = t;
            pending = t + 1e-4;
          }
          if (cause.stop) stops.push(t);
          return { changed: false };
        },
      };
      const r = integrate(growth, NO_P, Float64Array.of(1), {
        method,
        t0: 0,
        tEnd: 3,
        rtol: 1e-6,
        atol: 1e-9,
        hybrid,
        outputTimes: [3],
      });
      expect(r.status).toBe("ok");
      expect(stops.length).toBe(1);
      expect(Math.abs(rootAt - 1)).toBeLessThan(1e-4);
      expect(stops[0]).toBe(rootAt + 1e-4);
    });
  }

  test("a root function that crosses twice within one long step is seen at the output times", () => {
    // the state rests (y' = 0), so steps grow long; g = sin(10 t) crosses zero every 0.314
    const rest = {
      size: 1,
      stateIds: ["x"],
      timeDependent: false,
      rhs: (_t: number, _y: Float64Array, _p: Float64Array, f: Float64Array) => {
        f[0] = 0;
      },
    };
    const seen: number[] = [];
    const hybrid: HybridHandler = {
      nRoots: 1,
      roots: (t, _y, _p, g) => {
        g[0] = Math.sin(10 * t);
      },
      nextStop: () => Infinity,
      handle: (t) => {
        seen.push(t);
        return { changed: false };
      },
    };
    const outputTimes = Array.from({ length: 51 }, (_, i) => i * 0.04);
    integrate(rest, NO_P, Float64Array.of(1), {
      method: METHODS[0],
      t0: 0,
      tEnd: 2,
      rtol: 1e-6,
      atol: 1e-9,
      hybrid,
      outputTimes,
    });
    expect(seen.length).toBe(6);
    seen.forEach((t, k) => expect(t).toBeCloseTo(((k + 1) * Math.PI) / 10, 9));
  });

  test("an event that terminates stops the run there with status terminated and the state at the event", () => {
    const hybrid: HybridHandler = {
      nRoots: 1,
      roots: (_t, y, _p, g) => {
        g[0] = y[0] - 2;
      },
      nextStop: () => Infinity,
      handle: () => ({ changed: false, terminate: true }),
    };
    const r = integrate(growth, NO_P, Float64Array.of(1), {
      method: METHODS[0],
      t0: 0,
      tEnd: 5,
      rtol: 1e-10,
      atol: 1e-12,
      hybrid,
    });
    expect(r.status).toBe("terminated");
    expect(r.tFinal).toBeCloseTo(Math.log(2), 9);
    expect(r.yFinal[0]).toBeCloseTo(2, 8);
    expect(r.message).toMatch(/event asked the run to end/);
  });

  test("a change made by one event that crosses another root at the same time fires it at once (cascade)", () => {
    const calls: { t: number; roots: number[] }[] = [];
    const hybrid: HybridHandler = {
      nRoots: 2,
      roots: (_t, y, _p, g) => {
        g[0] = y[0] - 2; // fires when y reaches 2
        g[1] = y[0] - 5; // crossed only by the jump
      },
      nextStop: () => Infinity,
      handle: (t, y, _p, cause) => {
        calls.push({ t, roots: Array.from(cause.roots!) });
        if (cause.roots![0] === 1) {
          y[0] = 10; // jump past 5
          return { changed: true };
        }
        return { changed: false };
      },
    };
    const r = integrate(growth, NO_P, Float64Array.of(1), {
      method: METHODS[1],
      t0: 0,
      tEnd: 1,
      rtol: 1e-10,
      atol: 1e-12,
      hybrid,
      outputTimes: [1],
    });
    expect(r.status).toBe("ok");
    expect(calls.map((c) => c.roots)).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(calls[1].t).toBe(calls[0].t);
    expect(r.yFinal[0]).toBeCloseTo(10 * Math.exp(1 - Math.log(2)), 6);
  });

  test("start() runs once at t0 before the first step and its change is what is recorded at t0", () => {
    const hybrid: HybridHandler = {
      nRoots: 0,
      nextStop: () => Infinity,
      handle: () => ({ changed: false }),
      start: (_t, y) => {
        y[0] = 4;
        return { changed: true };
      },
    };
    const r = integrate(decay, Float64Array.of(1), Float64Array.of(1), {
      method: METHODS[0],
      t0: 0,
      tEnd: 1,
      rtol: 1e-10,
      atol: 1e-12,
      hybrid,
      outputTimes: [0, 1],
    });
    expect(r.states[0][0]).toBe(4);
    expect(r.states[1][0]).toBeCloseTo(4 * Math.exp(-1), 8);
  });
});

describe("stops with jumps", () => {
  for (const method of METHODS) {
    const base = (extra: Partial<IntegrateOptions>): IntegrateOptions => ({
      method,
      t0: 0,
      tEnd: 10,
      rtol: 1e-9,
      atol: 1e-12,
      ...extra,
    });

    test(`${method.name}: integrating 0→10 in one call equals 0→4 then 4→10 from the saved state`, () => {
      const hybrid = doses([
        { t: 2, amount: 1 },
        { t: 7, amount: 3 },
      ]);
      const whole = integrate(
        decay,
        Float64Array.of(0.4),
        Float64Array.of(1),
        base({ hybrid, outputTimes: [10] }),
      );
      const first = integrate(
        decay,
        Float64Array.of(0.4),
        Float64Array.of(1),
        base({ hybrid, tEnd: 4, outputTimes: [4] }),
      );
      const second = integrate(
        decay,
        Float64Array.of(0.4),
        first.yFinal,
        base({ hybrid, t0: 4, outputTimes: [10] }),
      );
      expect(second.yFinal[0]).toBeCloseTo(whole.yFinal[0], 8);
      const exact = Math.exp(-4) + Math.exp(-0.4 * 8) + 3 * Math.exp(-0.4 * 3);
      expect(whole.yFinal[0]).toBeCloseTo(exact, 7);
    });

    test(`${method.name}: two jumps at one time equal one jump of their sum`, () => {
      const two = integrate(
        decay,
        Float64Array.of(0.4),
        Float64Array.of(1),
        base({
          hybrid: doses([
            { t: 3, amount: 1 },
            { t: 3, amount: 2 },
          ]),
          outputTimes: [3, 10],
        }),
      );
      const one = integrate(
        decay,
        Float64Array.of(0.4),
        Float64Array.of(1),
        base({ hybrid: doses([{ t: 3, amount: 3 }]), outputTimes: [3, 10] }),
      );
      expect(Array.from(two.states[0])).toEqual(Array.from(one.states[0]));
      expect(Array.from(two.yFinal)).toEqual(Array.from(one.yFinal));
      expect(two.states[0][0]).toBeCloseTo(Math.exp(-1.2) + 3, 8);
    });

    test(`${method.name}: a zero jump changes nothing`, () => {
      const none = integrate(decay, Float64Array.of(0.4), Float64Array.of(1), base({ outputTimes: [3, 10] }));
      const silent = integrate(
        decay,
        Float64Array.of(0.4),
        Float64Array.of(1),
        base({ hybrid: doses([{ t: 3, amount: 0 }], false), outputTimes: [3, 10] }),
      );
      const restarted = integrate(
        decay,
        Float64Array.of(0.4),
        Float64Array.of(1),
        base({ hybrid: doses([{ t: 3, amount: 0 }], true), outputTimes: [3, 10] }),
      );
      expect(silent.yFinal[0]).toBeCloseTo(none.yFinal[0], 8);
      expect(restarted.yFinal[0]).toBeCloseTo(none.yFinal[0], 8);
      expect(restarted.yFinal[0]).toBeCloseTo(Math.exp(-4), 8);
    });
  }

  test("without output times every accepted step is recorded, with the state before and after a jump", () => {
    const r = integrate(decay, Float64Array.of(0.4), Float64Array.of(1), {
      method: METHODS[0],
      t0: 0,
      tEnd: 10,
      rtol: 1e-6,
      atol: 1e-9,
      hybrid: doses([{ t: 3, amount: 5 }]),
    });
    const at3 = Array.from(r.times).flatMap((t, i) => (t === 3 ? [r.states[i][0]] : []));
    expect(at3.length).toBe(2);
    expect(at3[1] - at3[0]).toBeCloseTo(5, 12);
    expect(r.times.length).toBe(r.stats.steps + 2);
  });

  test("shouldStop cancels between steps and onProgress reports the fraction done", () => {
    let calls = 0;
    const fractions: number[] = [];
    const r = integrate(decay, Float64Array.of(0.4), Float64Array.of(1), {
      method: METHODS[2],
      t0: 0,
      tEnd: 10,
      rtol: 1e-6,
      atol: 1e-9,
      shouldStop: () => ++calls > 3,
      onProgress: (f) => fractions.push(f),
    });
    expect(r.status).toBe("terminated");
    expect(r.message).toMatch(/cancelled/);
    expect(r.stats.steps).toBe(3);
    const done = integrate(decay, Float64Array.of(0.4), Float64Array.of(1), {
      method: METHODS[2],
      t0: 0,
      tEnd: 10,
      rtol: 1e-6,
      atol: 1e-9,
      onProgress: (f) => fractions.push(f),
    });
    expect(done.status).toBe("ok");
    expect(fractions[fractions.length - 1]).toBe(1);
  });
});

describe("a root exactly at a stop time", () => {
  test("is handled once, with both causes, and the dose is not lost", () => {
    const calls: { t: number; stop: boolean; roots: number[] }[] = [];
    const hybrid: HybridHandler = {
      nRoots: 1,
      roots: (t, _y, _p, g) => {
        g[0] = t - 5;
      },
      nextStop: (t) => (t < 5 ? 5 : Infinity),
      handle: (t, y, _p, cause) => {
        calls.push({ t, stop: cause.stop, roots: cause.roots ? Array.from(cause.roots) : [] });
        if (cause.stop) y[0] += 1;
        return { changed: cause.stop };
      },
    };
    const r = integrate(decay, Float64Array.of(0.2), Float64Array.of(1), {
      method: METHODS[0],
      t0: 0,
      tEnd: 8,
      rtol: 1e-9,
      atol: 1e-12,
      hybrid,
      outputTimes: [8],
    });
    expect(r.status).toBe("ok");
    expect(calls.length).toBe(1);
    expect(calls[0].t).toBe(5);
    expect(calls[0].stop).toBe(true);
    expect(r.yFinal[0]).toBeCloseTo(Math.exp(-1.6) + Math.exp(-0.6), 8);
  });
});
