import { describe, expect, it } from "vitest";
import { num, sym } from "../../../src/core/expr/ast.js";
import { parseTrusted } from "../../../src/core/expr/parse.js";
import { massAction, network } from "../../../src/core/network/index.js";
import { simulateSensitivities } from "../../../src/core/simulate/sensitivities.js";
import { IssueError } from "../../../src/core/issues.js";
import { bdf, rodas5p } from "../../../src/core/solve/index.js";
import { simulate } from "../../../src/core/simulate/index.js";
import { compiled, differences, scaledError, seriesWith } from "./helpers.js";

/**
 * A small signalling cascade with the kinds of terms the IL-6 model has: receptor binding,
 * Hill-type activation, negative feedback through an inhibitor made from mRNA, an assignment
 * rule (total active), a rate rule (a damage signal), initial assignments and a compartment
 * whose size is a parameter.
 */
const cascade = compiled(
  network("cascade", (n) => {
    n.compartment("cell", { size: 1 });
    n.parameter("V_ex", 2);
    n.compartment("ex", { size: 1 });
    n.initialAssignment("ex", "V_ex");
    n.parameter("L0", 1.5);
    n.species("L", { in: "ex", initial: 0 });
    n.initialAssignment("L", "L0");
    n.species("R", { in: "cell", initial: 1 });
    n.species("LR", { in: "cell", initial: 0 });
    n.species("S", { in: "cell", initial: 1 });
    n.species("Sp", { in: "cell", initial: 0 });
    n.species("mRNA", { in: "cell", initial: 0 });
    n.species("I", { in: "cell", initial: 0 });
    n.parameter("damage", 0, { constant: false });
    n.parameter("kon", 2);
    n.parameter("koff", 0.3);
    n.parameter("kact", 3);
    n.parameter("Km", 0.4);
    n.parameter("hill", 2);
    n.parameter("kdeact", 1);
    n.parameter("Ki", 0.2);
    n.parameter("ktx", 0.5);
    n.parameter("kdeg", 0.7);
    n.parameter("kdmg", 0.05);
    n.parameter("active", 0, { constant: false });
    n.reaction("binding", ["L", "R"], ["LR"], "(kon * L * R - koff * LR) * cell");
    n.reaction(
      "activation",
      ["S"],
      ["Sp"],
      "kact * LR^hill / (Km^hill + LR^hill) * S / (1 + I / Ki) * cell * (1 + damage)",
    );
    n.reaction("deactivation", ["Sp"], ["S"], massAction("kdeact"));
    n.reaction("transcription", [], ["mRNA"], "ktx * Sp * cell");
    n.reaction("mrna_decay", ["mRNA"], [], massAction("kdeg"));
    n.reaction("translation", [], ["I"], "ktx * mRNA * cell");
    n.reaction("inhibitor_decay", ["I"], [], massAction("kdeg"));
    n.rateRule("damage", "kdmg * (1 - damage)");
    n.assignmentRule("active", "Sp + LR");
  }),
);

const ids = ["L", "LR", "Sp", "I", "damage", "active"];
const times = [0, 0.5, 1, 2, 4, 8, 12];

describe("forward sensitivities of a nonlinear network", () => {
  it("agree with differences of full simulations to ~1e-5 at rtol 1e-8 (rates, Hill exponent, rate rule, initial assignments, compartment size)", () => {
    const thetas = { kon: 2, Km: 0.4, hill: 2, Ki: 0.2, kdeg: 0.7, kdmg: 0.05, L0: 1.5, V_ex: 2, R: 1 };
    const opts = { tEnd: 12, outputTimes: times };
    const r = simulateSensitivities(cascade, {
      ...opts,
      rtol: 1e-8,
      atol: 1e-10,
      parameters: Object.keys(thetas),
    });
    expect(r.status, r.message).toBe("ok");
    for (const [th, value] of Object.entries(thetas)) {
      const fd = differences(seriesWith(cascade, opts, ids, th), value);
      for (const id of ids)
        expect(scaledError(r.seriesSensitivity(id, th), fd[id], 1e-5, 1e-8), `d${id}/d${th}`).toBeLessThan(1);
    }
  });

  it("observable sensitivities follow the chain rule through parameters in the formula", () => {
    const r = simulateSensitivities(cascade, {
      tEnd: 4,
      outputTimes: [1, 4],
      rtol: 1e-10,
      atol: 1e-12,
      parameters: ["Km", "koff"],
    });
    const obs = [parseTrusted("koff * LR / (Sp + Km)"), sym("Sp"), num(3)];
    const o = r.observableSensitivities(obs);
    const LR = r.series("LR");
    const Sp = r.series("Sp");
    const dLR = [r.seriesSensitivity("LR", "Km"), r.seriesSensitivity("LR", "koff")];
    const dSp = [r.seriesSensitivity("Sp", "Km"), r.seriesSensitivity("Sp", "koff")];
    for (let i = 0; i < 2; i++) {
      const den = Sp[i] + 0.4;
      expect(o.values[0][i]).toBeCloseTo((0.3 * LR[i]) / den, 12);
      // d/dKm: koff·(dLR·den − LR·(dSp + 1))/den²; d/dkoff: LR/den + koff·(dLR·den − LR·dSp)/den²
      const dKm = (0.3 * (dLR[0][i] * den - LR[i] * (dSp[0][i] + 1))) / den ** 2;
      const dkoff = LR[i] / den + (0.3 * (dLR[1][i] * den - LR[i] * dSp[1][i])) / den ** 2;
      expect(o.sensitivities[0][i * 2]).toBeCloseTo(dKm, 10);
      expect(o.sensitivities[0][i * 2 + 1]).toBeCloseTo(dkoff, 10);
      expect(o.sensitivities[1][i * 2]).toBe(dSp[0][i]);
      expect(o.sensitivities[2][i * 2]).toBe(0);
    }
  });

  it("takes the plain run's steps (staggered corrector, S out of the error test) and solves each column once per step", () => {
    const thetas = ["kon", "koff", "kact", "Km", "hill", "kdeact", "Ki", "ktx", "kdeg", "kdmg"];
    const opts = { tEnd: 12, outputTimes: times, rtol: 1e-6 };
    const r = simulateSensitivities(cascade, { ...opts, parameters: thetas });
    const plain = simulate(cascade, { ...opts, method: bdf });
    expect(r.status).toBe("ok");
    // only the first step size can differ (the starting-step estimate sees S too)
    expect(Math.abs(r.stats.steps - plain.stats.steps)).toBeLessThanOrEqual(0.05 * plain.stats.steps);
    // direct staggered corrector: one fresh LU of the block per step, one solve per column
    expect(r.stats.linearSolves).toBeGreaterThanOrEqual(thetas.length * r.stats.steps);
    expect(r.stats.linearSolves).toBeLessThan((thetas.length + 4) * r.stats.steps);
  });

  it("can leave the sensitivities out of the error test (CVODES errconS = false): fewer steps, still converged", () => {
    const thetas = ["kon", "Km", "hill", "kdmg"];
    const base = { tEnd: 12, outputTimes: times, rtol: 1e-8, atol: 1e-10, parameters: thetas };
    const on = simulateSensitivities(cascade, { ...base, sensitivityErrorControl: true });
    const off = simulateSensitivities(cascade, { ...base, sensitivityErrorControl: false });
    expect(off.status).toBe("ok");
    expect(off.stats.steps).toBeLessThan(on.stats.steps);
    for (const th of thetas)
      for (const id of ["Sp", "I"])
        expect(
          scaledError(off.seriesSensitivity(id, th), on.seriesSensitivity(id, th), 1e-3, 1e-6),
        ).toBeLessThan(1);
  });

  it("reports unknown parameters by name and refuses methods that need the exact Jacobian", () => {
    const bad = () => simulateSensitivities(cascade, { tEnd: 1, parameters: ["kon", "Kmm", "active"] });
    expect(bad).toThrow(IssueError);
    expect(bad).toThrow(/"Kmm" is neither a parameter nor a state.*Did you mean "Km"\?/s);
    expect(bad).toThrow(/"active" is neither/);
    expect(() => simulateSensitivities(cascade, { tEnd: 1, parameters: ["kon"], method: rodas5p })).toThrow(
      /Rodas5P cannot integrate forward sensitivities.*Use BDF/s,
    );
  });
});
