import { describe, expect, it } from "vitest";
import { massAction, network } from "../../../src/core/network/index.js";
import { simulateSensitivities } from "../../../src/core/simulate/sensitivities.js";
import type { TimedAction } from "../../../src/core/simulate/types.js";
import { compiled, differences, scaledError, seriesWith } from "./helpers.js";

/** Depot → plasma → elimination, with a target binding in plasma (nonlinear). */
const pk = compiled(
  network("pk", (n) => {
    n.compartment("gut", { size: 1 });
    n.compartment("plasma", { size: 3 });
    n.species("depot", { in: "gut", initial: 0 });
    n.species("drug", { in: "plasma", initial: 0.5 });
    n.species("target", { in: "plasma", initial: 2 });
    n.species("complex", { in: "plasma", initial: 0 });
    n.parameter("ka", 1.3);
    n.parameter("ke", 0.25);
    n.parameter("kon", 0.8);
    n.parameter("koff", 0.1);
    n.parameter("dose", 4);
    n.reaction("absorption", ["depot"], ["drug"], massAction("ka"));
    n.reaction("elimination", ["drug"], [], massAction("ke"));
    n.reaction("binding", ["drug", "target"], ["complex"], massAction("kon", "koff"));
  }),
);

const ids = ["depot", "drug", "target", "complex"];
const times = [0, 0.5, 1, 1.5, 2, 3, 5, 8];
// accuracy checks: the sensitivities in the error test too (the default leaves them out, as CVODES)
const tight = { rtol: 1e-10, atol: 1e-12, sensitivityErrorControl: true };

/** Checks every state's sensitivity to every θ against differences of full simulations. */
function agrees(actions: TimedAction[], thetas: Record<string, number>, rel = 2e-6): void {
  const opts = { tEnd: 8, outputTimes: times, actions };
  const r = simulateSensitivities(pk, { ...opts, ...tight, parameters: Object.keys(thetas) });
  expect(r.status, r.message).toBe("ok");
  for (const [th, value] of Object.entries(thetas)) {
    const fd = differences(seriesWith(pk, opts, ids, th), value);
    for (const id of ids) {
      const err = scaledError(r.seriesSensitivity(id, th), fd[id], rel, 1e-8);
      expect(err, `d${id}/d${th}`).toBeLessThan(1);
    }
  }
}

describe("sensitivities across jumps", () => {
  it("a dose whose amount is a parameter adds d(amount)/dθ; other sensitivities pass unchanged", () => {
    const dose: TimedAction = { t: 1, label: "oral", apply: (s) => s.addAmount("depot", s.value("dose")) };
    agrees([dose], { ka: 1.3, ke: 0.25, kon: 0.8, dose: 4 });
  });

  it("surgery scales states and a parameter: S and dp/dθ scale with them", () => {
    const surgery: TimedAction = {
      t: 2,
      label: "resection",
      apply: (s) => {
        s.scale("target", 0.3);
        s.scale("ke", 0.5);
      },
    };
    const dose: TimedAction = { t: 0.5, label: "dose", apply: (s) => s.addAmount("depot", 3) };
    agrees([dose, surgery], { ka: 1.3, ke: 0.25, koff: 0.1 });
  });

  it("`set` replaces a parameter: afterwards nothing depends on its old value", () => {
    const switchOff: TimedAction = { t: 1.5, label: "set ke", apply: (s) => s.set("ke", 0.05) };
    const setDrug: TimedAction = { t: 3, label: "set drug", apply: (s) => s.set("drug", 1) };
    agrees([switchOff, setDrug], { ke: 0.25, kon: 0.8 });
    const r = simulateSensitivities(pk, {
      tEnd: 8,
      outputTimes: times,
      ...tight,
      actions: [switchOff],
      parameters: ["ke"],
    });
    const slot = pk.layout.paramIndex.get("ke")!;
    expect(r.parameterSensitivities[0][slot]).toBe(1);
    expect(r.parameterSensitivities[times.indexOf(2)][slot]).toBe(0);
  });
});

describe("sensitivities at state-dependent events and switches (event-time shift dτ/dθ)", () => {
  it("an event fired when a state crosses a threshold: S jumps by (f⁻ − f⁺)·dτ/dθ plus the assignment's derivative", () => {
    const m = compiled(
      network("refill", (n) => {
        n.compartment("c", { size: 1 });
        n.species("A", { in: "c", initial: 5 });
        n.species("B", { in: "c", initial: 0 });
        n.parameter("k", 0.7);
        n.parameter("kb", 0.3);
        n.parameter("thr", 1);
        n.parameter("amount", 2);
        n.reaction("convert", ["A"], ["B"], massAction("k"));
        n.reaction("clear", ["B"], [], massAction("kb"));
        // when A falls below thr, add `amount` to A and halve B
        n.event("refill", { trigger: "A < thr", assign: { A: "A + amount", B: "B * 0.5" } });
      }),
    );
    const opts = { tEnd: 6, outputTimes: [0, 1, 2, 2.5, 3, 4, 6] };
    const thetas = { k: 0.7, kb: 0.3, thr: 1, amount: 2 };
    const r = simulateSensitivities(m, { ...opts, ...tight, parameters: Object.keys(thetas) });
    expect(r.status, r.message).toBe("ok");
    expect(r.log.some((e) => e.what.includes("refill"))).toBe(true);
    for (const [th, value] of Object.entries(thetas)) {
      const fd = differences(seriesWith(m, opts, ["A", "B"], th), value, 1e-4);
      for (const id of ["A", "B"])
        expect(scaledError(r.seriesSensitivity(id, th), fd[id], 1e-5, 1e-8), `d${id}/d${th}`).toBeLessThan(1);
    }
  });

  it("a switch inside a rate law at a state-dependent time moves with θ", () => {
    const m = compiled(
      network("switch", (n) => {
        n.compartment("c", { size: 1 });
        n.species("A", { in: "c", initial: 4 });
        n.species("B", { in: "c", initial: 0 });
        n.parameter("k", 0.5);
        n.parameter("thr", 1.5);
        n.parameter("vmax", 0.8);
        n.reaction("decay", ["A"], [], massAction("k"));
        // B is made at rate vmax while A > thr, then not at all
        n.reaction("make_b", [], ["B"], "piecewise(vmax, A > thr, 0) * c");
      }),
    );
    const opts = { tEnd: 5, outputTimes: [0, 1, 2, 3, 5] };
    const thetas = { k: 0.5, thr: 1.5, vmax: 0.8 };
    const r = simulateSensitivities(m, { ...opts, ...tight, parameters: Object.keys(thetas) });
    expect(r.status, r.message).toBe("ok");
    // exact: the switch is at τ = ln(4/thr)/k, and B(t ≥ τ) = vmax·τ
    const tau = Math.log(4 / 1.5) / 0.5;
    const dB = { k: (-0.8 * tau) / 0.5, thr: -0.8 / (0.5 * 1.5), vmax: tau };
    for (const [th, d] of Object.entries(dB)) expect(r.seriesSensitivity("B", th)[4]).toBeCloseTo(d, 8);
    for (const [th, value] of Object.entries(thetas)) {
      const fd = differences(seriesWith(m, opts, ["A", "B"], th), value, 1e-4);
      // the differences carry ~1e-8 of solver noise (perturbed runs step differently around the switch)
      for (const id of ["A", "B"])
        expect(scaledError(r.seriesSensitivity(id, th), fd[id], 1e-5, 1e-7), `d${id}/d${th}`).toBeLessThan(1);
    }
  });
});

describe("sensitivities through delayed events", () => {
  const delayed = (delay: string) =>
    compiled(
      network("delayed", (n) => {
        n.compartment("c", { size: 1 });
        n.species("A", { in: "c", initial: 5 });
        n.species("B", { in: "c", initial: 0 });
        n.parameter("k", 0.7);
        n.parameter("thr", 1);
        n.parameter("lag", 0.5);
        n.reaction("decay", ["A"], [], massAction("k"));
        // 0.5 after A falls below thr, B gets A's value at trigger time added
        n.event("late", { trigger: "A < thr", delay, assign: { B: "B + A" } });
      }),
    );

  it("a constant delay with trigger-time values: the shadows carry the stored values' sensitivities", () => {
    const m = delayed("0.5");
    const opts = { tEnd: 5, outputTimes: [0, 2, 3, 4, 5] };
    const r = simulateSensitivities(m, { ...opts, ...tight, parameters: ["k", "thr"] });
    expect(r.status, r.message).toBe("ok");
    for (const [th, value] of Object.entries({ k: 0.7, thr: 1 })) {
      const fd = differences(seriesWith(m, opts, ["A", "B"], th), value, 1e-4);
      for (const id of ["A", "B"])
        expect(scaledError(r.seriesSensitivity(id, th), fd[id], 1e-5, 1e-7), `d${id}/d${th}`).toBeLessThan(1);
    }
  });

  it("a delayed execution moves with its trigger time: dτ/dθ carries over to the jump at τ + delay", () => {
    const m = compiled(
      network("late_dose", (n) => {
        n.compartment("c", { size: 1 });
        n.species("A", { in: "c", initial: 5 });
        n.parameter("k", 0.7);
        n.parameter("thr", 1);
        n.reaction("decay", ["A"], [], massAction("k"));
        // half an hour after A falls below thr, A is topped up (the decay rate jumps with it)
        n.event("top_up", { trigger: "A < thr", delay: 0.5, assign: { A: "A + 2" } });
      }),
    );
    const opts = { tEnd: 5, outputTimes: [0, 2, 3, 4, 5] };
    const r = simulateSensitivities(m, { ...opts, ...tight, parameters: ["k", "thr"] });
    expect(r.status, r.message).toBe("ok");
    for (const [th, value] of Object.entries({ k: 0.7, thr: 1 })) {
      const fd = differences(seriesWith(m, opts, ["A"], th), value, 1e-4);
      expect(scaledError(r.seriesSensitivity("A", th), fd.A, 1e-5, 1e-7), `dA/d${th}`).toBeLessThan(1);
    }
  });

  it("a delay that depends on a sensitivity parameter is refused with a message, not answered wrongly", () => {
    const m = delayed("lag");
    const r = simulateSensitivities(m, { tEnd: 5, ...tight, parameters: ["lag"] });
    expect(r.status).toBe("eventError");
    expect(r.message).toMatch(/perturbing it changes which actions or events run.*delays and priorities/s);
  });
});
