import { describe, expect, it } from "vitest";
import type { CompiledModel } from "../../../src/core/compile/index.js";
import { call, num, sym, time } from "../../../src/core/expr/ast.js";
import { massAction, network } from "../../../src/core/network/index.js";
import { simulate } from "../../../src/core/simulate/index.js";
import { simulateSensitivities } from "../../../src/core/simulate/sensitivities.js";
import { dormantStates, vanishes } from "../../../src/core/simulate/dormant.js";
import { touchedStates } from "../../../src/core/simulate/handler.js";
import type { SimulateOptions, TimedAction } from "../../../src/core/simulate/types.js";
import { compiled } from "../sensitivity/helpers.js";

/** A drug D (infused at kin, bound to the receptor R as the complex C) beside a receptor cycle. */
const drugModel = (kin: number): CompiledModel =>
  compiled(
    network("drug", (n) => {
      n.compartment("c", { size: 1 });
      n.species("R", { in: "c", initial: 2 });
      n.species("X", { in: "c", initial: 0 });
      n.species("D", { in: "c", initial: 0 });
      n.species("C", { in: "c", initial: 0 });
      n.parameter("kin", kin);
      n.parameter("kel", 0.3);
      n.parameter("kon", 1.5);
      n.parameter("kint", 0.2);
      n.parameter("ksyn", 0.4);
      n.parameter("kdeg", 0.2);
      n.reaction("infusion", [], ["D"], "kin");
      n.reaction("elimination", ["D"], [], massAction("kel"));
      n.reaction("binding", ["D", "R"], ["C"], "kon * D * R / (1 + D)");
      n.reaction("internalisation", ["C"], [], massAction("kint"));
      n.reaction("synthesis", [], ["R"], "ksyn");
      n.reaction("degradation", ["R"], [], massAction("kdeg"));
      // X starts at zero but is made from R: never dormant
      n.reaction("x_production", ["R"], ["X", "R"], "0.1 * R");
    }),
  );

const idx = (m: CompiledModel, ids: string[]) => ids.map((id) => m.layout.stateIndex.get(id)!);
const start = (m: CompiledModel) => {
  const init = m.initial();
  return { y0: Float64Array.from(init.y0), p: Float64Array.from(init.p) };
};
const none = { states: new Set<number>(), params: new Set<number>() };

describe("dormant states", () => {
  it("decides from structure whether an expression vanishes with some symbols at zero", () => {
    const z = new Set(["y:0"]);
    const D = sym("y:0");
    const K = sym("p:1");
    expect(vanishes(call("*", K, D), z)).toBe(true);
    expect(vanishes(call("/", D, call("+", K, D)), z)).toBe(true);
    expect(vanishes(call("/", K, call("+", K, D)), z)).toBe(false);
    expect(vanishes(call("^", D, num(2)), z)).toBe(true);
    expect(vanishes(call("^", D, num(0)), z)).toBe(false); // 0^0 = 1
    expect(vanishes(call("^", D, K), z)).toBe(false); // the exponent might be ≤ 0
    expect(vanishes(call("exp", D), z)).toBe(false);
    expect(vanishes(call("piecewise", D, call("gt", time, num(1)), num(0)), z)).toBe(true);
    expect(vanishes(call("piecewise", D, call("gt", time, num(1)), num(1)), z)).toBe(false);
    expect(vanishes(call("max", D, num(0)), z)).toBe(true);
    expect(vanishes(call("max", D, num(1)), z)).toBe(false);
    expect(vanishes(call("-", D, call("neg", D)), z)).toBe(true);
  });

  it("finds the drug's states dormant when no drug is given (a zero infusion rate included), not the others", () => {
    const m = drugModel(0);
    const { y0, p } = start(m);
    const d = dormantStates(m, y0, p, none);
    expect(d).not.toBeNull();
    expect([...d!.dormant]).toEqual(idx(m, ["D", "C"]).sort((a, b) => a - b));
    expect([...d!.active]).toEqual(idx(m, ["R", "X"]).sort((a, b) => a - b));
    // with the drug infused, nothing is dormant
    const on = drugModel(0.5);
    const s = start(on);
    expect(dormantStates(on, s.y0, s.p, none)).toBeNull();
    // a dose the run gives keeps its target (and what it feeds) out
    expect(dormantStates(m, y0, p, { states: new Set(idx(m, ["D"])), params: new Set() })).toBeNull();
  });

  const opts: SimulateOptions = { tEnd: 20, outputTimes: [0, 1, 5, 5.5, 10, 20], rtol: 1e-10, atol: 1e-12 };
  const agree = (m: CompiledModel, o: SimulateOptions) => {
    const reduced = simulate(m, o);
    const full = simulate(m, { ...o, reduceDormant: false });
    expect(reduced.status).toBe("ok");
    expect(full.status).toBe("ok");
    expect(reduced.states.length).toBe(full.states.length);
    reduced.states.forEach((y, i) =>
      y.forEach((v, k) =>
        expect(Math.abs(v - full.states[i][k])).toBeLessThanOrEqual(1e-8 * (1 + Math.abs(v))),
      ),
    );
    return { reduced, full };
  };

  it("integrates the active states only, with the full run's results and the dormant states at exactly zero", () => {
    const m = drugModel(0);
    const { reduced } = agree(m, opts);
    for (const v of reduced.series("C")) expect(v).toBe(0);
    expect(reduced.series("X")[5]).toBeGreaterThan(1);
  });

  it("keeps a dosed drug active (the dose is seen on a trial of the action) and matches the full run", () => {
    const m = drugModel(0);
    const dose: TimedAction = { t: 5, label: "dose", apply: (s) => s.addAmount("D", 3) };
    const { y0, p } = start(m);
    expect([...touchedStates(m, [dose], y0, p)!.states]).toEqual(idx(m, ["D"]));
    const { reduced } = agree(m, { ...opts, actions: [dose] });
    expect(reduced.series("C")[3]).toBeGreaterThan(0);
  });

  it("reruns in full when an action wakes a state the trial did not see change", () => {
    const m = drugModel(0);
    // at t0 X = 0, so the trial sets D to 0 (no change); at t = 5 X > 0
    const fromX: TimedAction = { t: 5, label: "D := X", apply: (s) => s.set("D", s.value("X")) };
    const { reduced, full } = agree(m, { ...opts, actions: [fromX] });
    expect(reduced.series("D")[3]).toBeGreaterThan(0);
    expect(reduced.stats.steps).toBe(full.stats.steps); // the rerun is the full run
  });

  it("leaves states alone that an event assigns", () => {
    const m = compiled(
      network("evented", (n) => {
        n.compartment("c", { size: 1 });
        n.species("A", { in: "c", initial: 1 });
        n.species("B", { in: "c", initial: 0 });
        n.parameter("k", 0.5);
        n.reaction("decay_a", ["A"], [], massAction("k"));
        n.reaction("decay_b", ["B"], [], massAction("k"));
        n.event("refill", { trigger: "A < 0.5", assign: { B: 1 } });
      }),
    );
    const { y0, p } = start(m);
    const touched = new Set(idx(m, ["B"]));
    expect(dormantStates(m, y0, p, { states: touched, params: new Set() })).toBeNull();
    const r = simulate(m, opts);
    expect(r.status).toBe("ok");
    expect(r.series("B")[5]).toBeGreaterThan(0);
  });

  it("gives the full run's forward sensitivities, and keeps a parameter that wakes a dormant state (an infusion rate at zero)", () => {
    const m = drugModel(0);
    const base = {
      tEnd: 20,
      outputTimes: [0, 5, 10, 20],
      rtol: 1e-9,
      atol: 1e-12,
      sensitivityErrorControl: true,
    };
    for (const parameters of [
      ["kon", "ksyn", "kdeg"],
      ["kin", "ksyn"],
    ]) {
      const reduced = simulateSensitivities(m, { ...base, parameters });
      const full = simulateSensitivities(m, { ...base, parameters, reduceDormant: false });
      expect(reduced.status).toBe("ok");
      for (const id of ["R", "X", "D", "C"])
        for (const th of parameters) {
          const a = reduced.seriesSensitivity(id, th);
          const b = full.seriesSensitivity(id, th);
          a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(1e-7 * (1 + Math.abs(b[i]))));
        }
    }
    // kin (zero, so D and C would be dormant) moves D: its sensitivity is not zero
    const r = simulateSensitivities(m, { ...base, parameters: ["kin"] });
    expect(r.seriesSensitivity("D", "kin")[3]).toBeGreaterThan(0.1);
  });
});
