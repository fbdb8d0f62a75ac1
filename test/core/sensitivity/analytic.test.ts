import { describe, expect, it } from "vitest";
import { massAction, network } from "../../../src/core/network/index.js";
import { simulateSensitivities } from "../../../src/core/simulate/sensitivities.js";
import { compiled, differences, scaledError, seriesWith } from "./helpers.js";

const decay = compiled(
  network("decay", (n) => {
    n.compartment("c", { size: 2 });
    n.parameter("A0", 3);
    n.species("A", { in: "c", initial: 0 });
    n.initialAssignment("A", "A0");
    n.parameter("k", 0.5);
    n.reaction("elim", ["A"], [], massAction("k"));
  }),
);

const binding = compiled(
  network("binding", (n) => {
    n.compartment("c", { size: 1 });
    n.species("L", { in: "c", initial: 2 });
    n.species("R", { in: "c", initial: 1 });
    n.species("LR", { in: "c", initial: 0 });
    n.parameter("kon", 3);
    n.parameter("koff", 0.4);
    n.reaction("binds", ["L", "R"], ["LR"], massAction("kon", "koff"));
  }),
);

describe("forward sensitivities against known derivatives", () => {
  it("decay y = y0·e^(−kt): dy/dk = −t·y0·e^(−kt) and dy/dy0 = e^(−kt), at rtol 1e-10 within 1e-8", () => {
    const times = [0, 0.5, 1, 2, 4, 8];
    const r = simulateSensitivities(decay, {
      tEnd: 8,
      outputTimes: times,
      rtol: 1e-10,
      atol: 1e-12,
      sensitivityErrorControl: true, // the bound holds for error-controlled sensitivities
      parameters: ["k", "A0"],
    });
    expect(r.status).toBe("ok");
    const dk = r.seriesSensitivity("A", "k");
    const dA0 = r.seriesSensitivity("A", "A0");
    times.forEach((t, i) => {
      expect(dk[i]).toBeCloseTo(-t * 3 * Math.exp(-0.5 * t), 8);
      expect(dA0[i]).toBeCloseTo(Math.exp(-0.5 * t), 9);
    });
    // the state is the amount (size 2): d amount / d A0 = 2·e^(−kt)
    expect(r.sensitivities[2][0 * 2 + 1]).toBeCloseTo(2 * Math.exp(-0.5), 9);
  });

  it("a state's initial value is a parameter: d A / d A(0) = e^(−kt) (no initial assignment)", () => {
    const plain = compiled(
      network("decay2", (n) => {
        n.compartment("c", { size: 2 });
        n.species("A", { in: "c", initial: 3 });
        n.parameter("k", 0.5);
        n.reaction("elim", ["A"], [], massAction("k"));
      }),
    );
    const r = simulateSensitivities(plain, {
      tEnd: 2,
      outputTimes: [0, 1, 2],
      rtol: 1e-10,
      atol: 1e-12,
      parameters: ["A"],
    });
    expect(r.status).toBe("ok");
    const d = r.seriesSensitivity("A", "A");
    [0, 1, 2].forEach((t, i) => expect(d[i]).toBeCloseTo(Math.exp(-0.5 * t), 8));
  });

  it("reversible binding agrees with differences of full simulations (kon, koff, initial L)", () => {
    const times = [0, 0.1, 0.3, 1, 3, 10];
    const opts = { tEnd: 10, outputTimes: times };
    const r = simulateSensitivities(binding, {
      ...opts,
      rtol: 1e-10,
      atol: 1e-12,
      parameters: ["kon", "koff", "L"],
    });
    expect(r.status).toBe("ok");
    for (const [k, th] of ["kon", "koff", "L"].entries()) {
      const value = [3, 0.4, 2][k];
      const fd = differences(seriesWith(binding, opts, ["L", "R", "LR"], th), value);
      for (const id of ["L", "R", "LR"])
        expect(scaledError(r.seriesSensitivity(id, th), fd[id], 1e-6, 1e-9)).toBeLessThan(1);
    }
  });
});
