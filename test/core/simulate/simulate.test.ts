import { describe, expect, it } from "vitest";
import { compileNetwork, type CompiledModel } from "../../../src/core/compile/index.js";
import { massAction, network, type Network } from "../../../src/core/network/index.js";
import { simulate } from "../../../src/core/simulate/index.js";
import type { TimedAction } from "../../../src/core/simulate/types.js";

function compiled(net: Network): CompiledModel {
  const r = compileNetwork(net);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.model;
}

const decay = compiled(
  network("decay", (n) => {
    n.compartment("c", { size: 2 });
    n.species("A", { in: "c", initial: 3 });
    n.parameter("k", 0.5);
    n.reaction("elim", ["A"], [], massAction("k"));
  }),
);

const bolus = (t: number, amount: number): TimedAction => ({
  t,
  label: `bolus ${amount}`,
  apply: (s) => s.addAmount("A", amount),
});

describe("simulate", () => {
  it("reproduces first-order decay in concentration units", () => {
    const r = simulate(decay, { tEnd: 4, outputTimes: [0, 1, 2, 4], rtol: 1e-10, atol: 1e-12 });
    expect(r.status).toBe("ok");
    const A = r.series("A");
    [0, 1, 2, 4].forEach((t, i) => expect(A[i]).toBeCloseTo(3 * Math.exp(-0.5 * t), 8));
  });

  it("adds a bolus at its time and nothing else; two boluses at one time equal one of their sum", () => {
    const opts = { tEnd: 3, outputTimes: [0, 0.999, 1, 2, 3], rtol: 1e-10, atol: 1e-12 };
    const one = simulate(decay, { ...opts, actions: [bolus(1, 4), bolus(1, 2)] }).series("A");
    const sum = simulate(decay, { ...opts, actions: [bolus(1, 6)] }).series("A");
    const none = simulate(decay, opts).series("A");
    expect(one[1]).toBeCloseTo(none[1], 10); // before the dose: untouched
    expect(one[2]).toBeCloseTo(none[2] + 6 / 2, 8); // amount 6 in a size-2 compartment: +3 concentration
    for (let i = 0; i < 5; i++) expect(one[i]).toBeCloseTo(sum[i], 10);
    const zero = simulate(decay, { ...opts, actions: [bolus(1, 0)] }).series("A");
    for (let i = 0; i < 5; i++) expect(zero[i]).toBeCloseTo(none[i], 10);
  });

  it("fires a state event where y = e for y' = y, at t = 1 within 1e-8", () => {
    const m = compiled(
      network("growth", (n) => {
        n.compartment("c", { size: 1 });
        n.species("y", { in: "c", initial: 1 });
        n.parameter("fired_at", -1, { constant: false });
        n.reaction("grow", [], ["y"], "y * c");
        n.event("hit_e", { trigger: "y >= exponentiale", assign: { fired_at: "time" } });
      }),
    );
    const r = simulate(m, { tEnd: 1.5, outputTimes: [1.5], rtol: 1e-10, atol: 1e-12 });
    expect(r.status).toBe("ok");
    expect(Math.abs(r.series("fired_at")[0] - 1)).toBeLessThan(1e-8);
  });

  it("follows SBML event semantics: delay, trigger-time values, persistence, priority, t0 firing", () => {
    const m = compiled(
      network("ev", (n) => {
        n.compartment("c", { size: 1 });
        n.parameter("x", 0, { constant: false });
        n.parameter("order", 0, { constant: false });
        n.parameter("seen", 0, { constant: false });
        n.parameter("late", 0, { constant: false });
        n.parameter("t0fired", 0, { constant: false });
        n.rateRule("x", "1");
        // delayed, values from trigger time: records x at t = 1 (=1), executes at t = 3
        n.event("delayed", { trigger: "time >= 1", delay: 2, assign: { seen: "x" } });
        // delayed, values at execution time: x at t = 3 (=3)
        n.event("late_values", {
          trigger: "time >= 1",
          delay: 2,
          useValuesFromTriggerTime: false,
          assign: { late: "x" },
        });
        // two events at t = 2, values at execution: higher priority first, so order = 10*1 + 2 = 12
        const atExecution = { useValuesFromTriggerTime: false };
        n.event("low", {
          trigger: "time >= 2",
          priority: 1,
          assign: { order: "order * 10 + 2" },
          ...atExecution,
        });
        n.event("high", {
          trigger: "time >= 2",
          priority: 5,
          assign: { order: "order * 10 + 1" },
          ...atExecution,
        });
        n.event("at_start", { trigger: "time >= 0", initialValue: false, assign: { t0fired: "1" } });
      }),
    );
    const r = simulate(m, { tEnd: 4, outputTimes: [0, 4], rtol: 1e-10, atol: 1e-12 });
    expect(r.status).toBe("ok");
    expect(r.series("seen")[1]).toBeCloseTo(1, 8);
    expect(r.series("late")[1]).toBeCloseTo(3, 8);
    expect(r.series("order")[1]).toBe(12);
    expect(r.series("t0fired")[0]).toBe(1);
  });

  it("cancels a non-persistent delayed event whose trigger turns false", () => {
    const m = compiled(
      network("np", (n) => {
        n.compartment("c", { size: 1 });
        n.parameter("x", 0, { constant: false });
        n.parameter("hit", 0, { constant: false });
        n.rateRule("x", "1");
        n.event("window", { trigger: "x > 1 && x < 1.5", delay: 1, persistent: false, assign: { hit: "1" } });
        n.event("kept", {
          trigger: "x > 1 && x < 1.5",
          delay: 1,
          persistent: true,
          assign: { hit: "hit + 10" },
        });
      }),
    );
    const r = simulate(m, { tEnd: 4, outputTimes: [4] });
    expect(r.series("hit")[0]).toBe(10);
  });

  it("simulating 0->T equals 0->t then t->T from the saved state", () => {
    const opts = { rtol: 1e-10, atol: 1e-12, actions: [bolus(0.5, 1)] };
    const full = simulate(decay, { ...opts, tEnd: 3, outputTimes: [3] });
    const first = simulate(decay, { ...opts, tEnd: 1.2, outputTimes: [1.2] });
    const second = simulate(decay, {
      rtol: 1e-10,
      atol: 1e-12,
      t0: 1.2,
      tEnd: 3,
      outputTimes: [3],
      y0: first.yFinal,
      p: first.pFinal,
    });
    expect(second.series("A")[0]).toBeCloseTo(full.series("A")[0], 9);
  });
});

describe("models without ODE states", () => {
  it("integrate rules alone (no states: nothing for the error norm)", () => {
    const m = compiled(
      network("rules_only", (n) => {
        n.parameter("ramp", 0, { constant: false });
        n.assignmentRule("ramp", "2 * time");
      }),
    );
    expect(m.system.size).toBe(0);
    const r = simulate(m, { tEnd: 1, outputTimes: [0, 0.5, 1] });
    expect(r.status).toBe("ok");
    expect(Array.from(r.series("ramp"))).toEqual([0, 1, 2]);
  });
});

describe("delay-differential models", () => {
  it("solve y' = -y(t - 1) with a constant past: the method of steps' polynomials", () => {
    const m = compiled(
      network("dde", (n) => {
        n.compartment("c", { size: 1 });
        n.species("y", { in: "c", initial: 1 });
        n.reaction("lagged_loss", ["y"], [], "delay(y, 1) * c");
      }),
    );
    const r = simulate(m, { tEnd: 3, outputTimes: [0.5, 1, 1.5, 2, 3], rtol: 1e-8, atol: 1e-10 });
    expect(r.status).toBe("ok");
    // [0,1]: 1 - t; [1,2]: 1 - t + (t-1)^2/2; [2,3]: that minus (t-2)^3/6
    const exact = (t: number) => 1 - t + (t > 1 ? (t - 1) ** 2 / 2 : 0) - (t > 2 ? (t - 2) ** 3 / 6 : 0);
    const y = r.series("y");
    [0.5, 1, 1.5, 2, 3].forEach((t, i) => expect(y[i]).toBeCloseTo(exact(t), 6));
  });
});
