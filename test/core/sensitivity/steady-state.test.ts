import { describe, expect, it } from "vitest";
import { massAction, network } from "../../../src/core/network/index.js";
import { simulate } from "../../../src/core/simulate/index.js";
import { simulateSensitivities } from "../../../src/core/simulate/sensitivities.js";
import { initialSensitivities } from "../../../src/core/simulate/sensitivity-initial.js";
import { steadyStateSensitivities } from "../../../src/core/simulate/sensitivity-steady.js";
import type { TimedAction } from "../../../src/core/simulate/types.js";
import { bdf, steadyState } from "../../../src/core/solve/index.js";
import { compiled, differences, scaledError } from "./helpers.js";

const turnover = compiled(
  network("turnover", (n) => {
    n.compartment("c", { size: 1 });
    n.species("X", { in: "c", initial: 0 });
    n.species("Y", { in: "c", initial: 0 });
    n.parameter("ks", 2);
    n.parameter("kd", 0.5);
    n.parameter("K", 1);
    n.parameter("ky", 0.8);
    n.reaction("make_x", [], ["X"], "ks / (1 + Y / K) * c");
    n.reaction("lose_x", ["X"], [], massAction("kd"));
    n.reaction("make_y", [], ["Y"], "X * c");
    n.reaction("lose_y", ["Y"], [], massAction("ky"));
  }),
);

/** A ⇌ B: A + B is conserved, so J is singular and the steady state depends on A(0) + B(0). */
const exchange = compiled(
  network("exchange", (n) => {
    n.compartment("c", { size: 1 });
    n.parameter("A0", 3);
    n.species("A", { in: "c", initial: 0 });
    n.initialAssignment("A", "A0");
    n.species("B", { in: "c", initial: 1 });
    n.parameter("k1", 0.6);
    n.parameter("k2", 0.2);
    n.reaction("a_to_b", ["A"], ["B"], massAction("k1", "k2"));
  }),
);

describe("steady-state sensitivities", () => {
  it("use −J⁻¹ ∂f/∂p when J is regular: X* = ks/kd for a synthesis/degradation pair", () => {
    const m = compiled(
      network("pair", (n) => {
        n.compartment("c", { size: 1 });
        n.species("X", { in: "c", initial: 1 });
        n.parameter("ks", 2);
        n.parameter("kd", 0.5);
        n.reaction("make", [], ["X"], "ks * c");
        n.reaction("lose", ["X"], [], massAction("kd"));
      }),
    );
    const init = m.initial();
    const ids = ["ks", "kd", "X"];
    const s0 = initialSensitivities(m, ids).value;
    const ss = steadyStateSensitivities(m, init.p, init.y0, ids, s0);
    expect(ss.ok && ss.method).toBe("implicit function theorem");
    if (!ss.ok) return;
    expect(ss.y[0]).toBeCloseTo(4, 10);
    expect(ss.dy[0]).toBeCloseTo(1 / 0.5, 10);
    expect(ss.dy[1]).toBeCloseTo(-2 / 0.25, 10);
    expect(Math.abs(ss.dy[2])).toBe(0); // the initial value does not matter
  });

  it("leave out states a drug not given keeps at zero, even when they make the full J singular", () => {
    // D (no infusion) and the complex C are dormant; C has no clearance, so its column of J is
    // zero and the full J is singular, but the active system (X alone) is regular
    const m = compiled(
      network("drug_not_given", (n) => {
        n.compartment("c", { size: 1 });
        n.species("X", { in: "c", initial: 1 });
        n.species("D", { in: "c", initial: 0 });
        n.species("C", { in: "c", initial: 0 });
        n.parameter("ks", 2);
        n.parameter("kd", 0.5);
        n.parameter("kin", 0);
        n.parameter("kon", 3);
        n.reaction("make", [], ["X"], "ks * c");
        n.reaction("lose", ["X"], [], massAction("kd"));
        n.reaction("infuse", [], ["D"], "kin * c");
        n.reaction("bind", ["X", "D"], ["C"], massAction("kon"));
      }),
    );
    const init = m.initial();
    const ids = ["ks", "kd", "kon"];
    const s0 = initialSensitivities(m, ids).value;
    const ss = steadyStateSensitivities(m, init.p, init.y0, ids, s0);
    expect(ss.ok && ss.method).toBe("implicit function theorem");
    if (!ss.ok) return;
    const [X, D, C] = ["X", "D", "C"].map((id) => m.system.stateIds.indexOf(id));
    expect(ss.y[X]).toBeCloseTo(4, 10);
    expect(ss.dy[X * 3 + 0]).toBeCloseTo(1 / 0.5, 10);
    expect(ss.dy[X * 3 + 1]).toBeCloseTo(-2 / 0.25, 10);
    for (const i of [D, C]) for (let k = 0; k < 3; k++) expect(ss.dy[i * 3 + k]).toBe(0);
  });

  it("fix the totals of conservation laws from the initial values: A* = (A0 + B0)·k2/(k1 + k2)", () => {
    const init = exchange.initial();
    const ids = ["A0", "k1", "k2", "B"];
    const s0 = initialSensitivities(exchange, ids).value;
    const ss = steadyStateSensitivities(exchange, init.p, init.y0, ids, s0, { rtol: 1e-10, atol: 1e-12 });
    expect(ss.ok && ss.method).toBe("implicit function theorem");
    if (!ss.ok) return;
    expect(ss.message).toMatch(/1 conservation law/);
    const [T, k1, k2] = [4, 0.6, 0.2];
    const expected = [k2 / (k1 + k2), (-T * k2) / (k1 + k2) ** 2, (T * k1) / (k1 + k2) ** 2, k2 / (k1 + k2)];
    expected.forEach((d, k) => expect(ss.dy[0 * 4 + k]).toBeCloseTo(d, 9));
    expected.forEach((d, k) => expect(ss.dy[1 * 4 + k]).toBeCloseTo((k === 0 || k === 3 ? 1 : 0) - d, 9));
  });

  it("integrate to the steady state when J is singular for a reason the stoichiometry does not show", () => {
    // the same exchange written as rate rules: x + z is conserved, but not structurally
    const m = compiled(
      network("exchange_rules", (n) => {
        n.parameter("x0", 3);
        n.parameter("x", 0, { constant: false });
        n.parameter("z", 1, { constant: false });
        n.initialAssignment("x", "x0");
        n.parameter("k1", 0.6);
        n.parameter("k2", 0.2);
        n.rateRule("x", "k2 * z - k1 * x");
        n.rateRule("z", "k1 * x - k2 * z");
      }),
    );
    const init = m.initial();
    const ids = ["x0", "k1"];
    const s0 = initialSensitivities(m, ids).value;
    const ss = steadyStateSensitivities(m, init.p, init.y0, ids, s0, { rtol: 1e-10, atol: 1e-12 });
    expect(ss.ok && ss.method).toBe("integration");
    if (!ss.ok) return;
    expect(ss.message).toMatch(
      /J is (nearly )?singular at the steady state: steady state and sensitivities by integrating/,
    );
    const [T, k1, k2] = [4, 0.6, 0.2];
    expect(ss.dy[0]).toBeCloseTo(k2 / (k1 + k2), 7);
    expect(ss.dy[1]).toBeCloseTo((-T * k2) / (k1 + k2) ** 2, 7);
  });

  it("a run from a steady state through a dose agrees with differences of (steady state + simulation)", () => {
    const ids = ["ks", "kd", "K", "ky"];
    const values = [2, 0.5, 1, 0.8];
    const dose: TimedAction = { t: 1, label: "dose", apply: (s) => s.addAmount("Y", 2) };
    const times = [0, 1, 1.5, 3, 6];
    const init = turnover.initial();
    const s0 = initialSensitivities(turnover, ids).value;
    const ss = steadyStateSensitivities(turnover, init.p, init.y0, ids, s0, { rtol: 1e-12, atol: 1e-14 });
    if (!ss.ok) throw new Error(ss.message);
    const r = simulateSensitivities(turnover, {
      tEnd: 6,
      outputTimes: times,
      y0: ss.y,
      p: init.p,
      actions: [dose],
      rtol: 1e-10,
      atol: 1e-12,
      parameters: ids,
      initialSensitivities: { dy0: ss.dy, dp0: s0.dp0 },
    });
    expect(r.status, r.message).toBe("ok");
    ids.forEach((th, k) => {
      const fd = differences((v) => {
        const i = turnover.initial({ [th]: v });
        const y = steadyState(turnover.system, i.p, i.y0, { rtol: 1e-13, atol: 1e-15 });
        const run = simulate(turnover, {
          tEnd: 6,
          outputTimes: times,
          y0: y.y,
          p: i.p,
          actions: [dose],
          method: bdf,
          rtol: 1e-12,
          atol: 1e-14,
        });
        return { X: run.series("X"), Y: run.series("Y") };
      }, values[k]);
      for (const id of ["X", "Y"])
        expect(scaledError(r.seriesSensitivity(id, th), fd[id], 1e-6, 1e-9), `d${id}/d${th}`).toBeLessThan(1);
    });
  });
});
