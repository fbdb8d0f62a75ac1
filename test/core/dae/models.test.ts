/**
 * Networks with fast reactions and algebraic rules, compiled to DAEs and simulated: each
 * against a second route to the same numbers (the ODE with the fast reaction 10^6 times
 * faster, an analytic solution), plus the issues for what cannot be integrated.
 */
import { describe, expect, test } from "vitest";
import { compileNetwork, type CompiledModel } from "../../../src/core/compile/index.js";
import { parseTrusted } from "../../../src/core/expr/index.js";
import { formatIssues, IssueError } from "../../../src/core/issues.js";
import { massAction, network, type Network } from "../../../src/core/network/index.js";
import { simulate, simulateSensitivities } from "../../../src/core/simulate/index.js";
import { bdf, steadyState } from "../../../src/core/solve/index.js";

function compiled(net: Network): CompiledModel {
  const r = compileNetwork(net);
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.model;
}

/** A + B ⇌ C with kon·scale, koff·scale; A made at rate kp, C degraded at kd·C. */
function binding(scale: number, fast: boolean): Network {
  const net = network("fast_binding", (n) => {
    n.compartment("cell", { size: 2 });
    n.species("A", { in: "cell", initial: 1 });
    n.species("B", { in: "cell", initial: 2 });
    n.species("C", { in: "cell", initial: 0.5 });
    n.parameter("kon", 3 * scale);
    n.parameter("koff", 0.5 * scale);
    n.parameter("kp", 0.4);
    n.parameter("kd", 0.3);
    n.reaction("bind", ["A", "B"], ["C"], massAction("kon", "koff"));
    n.reaction("make_A", [], ["A"], "kp * cell");
    n.reaction("degrade_C", ["C"], [], massAction("kd"));
  });
  return fast
    ? { ...net, reactions: net.reactions.map((r) => (r.id === "bind" ? { ...r, fast: true } : r)) }
    : net;
}

const TIMES = Array.from({ length: 21 }, (_, i) => i * 0.5);

describe("fast reactions", () => {
  test("compile to a DAE: one equilibrium row, conserved moieties for the rest, no warning", () => {
    const r = compileNetwork(binding(1, true));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.issues).toEqual([]);
    expect(r.model.system.mass).toBeDefined();
    expect(compiled(binding(1, false)).system.mass).toBeUndefined();
  });

  test("A + B ⇌ C (fast) agrees with the ODE whose binding is 10^6 times faster to 1e-5", () => {
    const dae = simulate(compiled(binding(1, true)), {
      tEnd: 10,
      outputTimes: TIMES,
      rtol: 1e-10,
      atol: 1e-12,
    });
    const ode = simulate(compiled(binding(1e6, false)), {
      tEnd: 10,
      outputTimes: TIMES,
      rtol: 1e-10,
      atol: 1e-14,
    });
    expect(dae.status, dae.message).toBe("ok");
    expect(ode.status, ode.message).toBe("ok");
    for (const id of ["A", "B", "C"]) {
      const a = dae.series(id);
      const b = ode.series(id);
      for (let i = 1; i < TIMES.length; i++)
        expect(Math.abs(a[i] - b[i]) / Math.abs(b[i]), `${id} at ${TIMES[i]}`).toBeLessThan(1e-5);
    }
    // and the DAE does it in far fewer steps than the stiff ODE needs
    expect(dae.stats.steps).toBeLessThan(ode.stats.steps);
  });

  test("initial values are projected onto the equilibrium, keeping the conserved totals A + C and B + C", () => {
    const m = compiled(binding(1, true));
    const r = simulate(m, { tEnd: 1, outputTimes: [0, 1], rtol: 1e-10, atol: 1e-12 });
    const [A, B, C] = ["A", "B", "C"].map((id) => r.series(id)[0]);
    expect(A + C).toBeCloseTo(1.5, 12);
    expect(B + C).toBeCloseTo(2.5, 12);
    expect(3 * A * B).toBeCloseTo(0.5 * C, 10);
    // the stable root of the quadratic, not the other one (A, B > 0)
    expect(A).toBeGreaterThan(0);
    expect(B).toBeGreaterThan(0);
  });

  test("a dose of A at t = 2 is re-equilibrated at once, as in the fast ODE", () => {
    const dose = [
      {
        t: 2,
        label: "dose A",
        apply: (s: { addAmount(id: string, a: number): void }) => s.addAmount("A", 1.5),
      },
    ];
    const times = [2, 2.5, 4, 6];
    const dae = simulate(compiled(binding(1, true)), {
      tEnd: 6,
      outputTimes: times,
      actions: dose,
      rtol: 1e-10,
      atol: 1e-12,
    });
    const ode = simulate(compiled(binding(1e6, false)), {
      tEnd: 6,
      outputTimes: times,
      actions: dose,
      rtol: 1e-10,
      atol: 1e-14,
    });
    expect(dae.status, dae.message).toBe("ok");
    const A = dae.series("A");
    const C = dae.series("C");
    const B = dae.series("B");
    expect(3 * A[0] * B[0]).toBeCloseTo(0.5 * C[0], 9); // at the dose time, after it
    for (let i = 1; i < times.length; i++)
      expect(Math.abs(C[i] - ode.series("C")[i]) / ode.series("C")[i]).toBeLessThan(1e-5);
  });

  test("a fast reaction whose rate constant is 0 is off (the species change only slowly)", () => {
    const m = compiled(binding(1, true));
    const r = simulate(m, {
      tEnd: 2,
      outputTimes: [0, 2],
      overrides: { kon: 0, koff: 0 },
      rtol: 1e-10,
      atol: 1e-12,
    });
    expect(r.status, r.message).toBe("ok");
    expect(r.series("B")[1]).toBeCloseTo(2, 12); // nothing binds B
    expect(r.series("A")[1]).toBeCloseTo(1 + 0.4 * 2, 10); // A only made, at kp
  });

  test("steadyState of the DAE equals the end of a long simulation", () => {
    const open = binding(1, true);
    const extra = network("extra", (n) => {
      n.compartment("cell", { size: 2 });
      n.species("A", { in: "cell", initial: 1 });
      n.species("B", { in: "cell", initial: 2 });
      n.parameter("kdA", 0.2);
      n.reaction("degrade_A", ["A"], [], massAction("kdA"));
      n.reaction("make_B", [], ["B"], "0.1 * cell");
    });
    const m = compiled({
      ...open,
      parameters: [...open.parameters, ...extra.parameters],
      reactions: [...open.reactions, ...extra.reactions],
    });
    const { y0, p } = m.initial();
    const ss = steadyState(m.system, p, y0, { rtol: 1e-10, atol: 1e-12 });
    expect(ss.status, ss.message).toBe("ok");
    const long = simulate(m, { tEnd: 300, outputTimes: [300], rtol: 1e-10, atol: 1e-12 });
    for (let i = 0; i < 3; i++) expect(ss.y[i]).toBeCloseTo(long.yFinal[i], 6);
  });

  test("BDF and forward sensitivities refuse a DAE model with issues that say what to use", () => {
    const m = compiled(binding(1, true));
    expect(() => simulate(m, { tEnd: 1, method: bdf })).toThrow(/BDF cannot integrate.*Rodas5P/s);
    expect(() => simulateSensitivities(m, { tEnd: 1, parameters: ["kp"] })).toThrow(IssueError);
    expect(() => simulateSensitivities(m, { tEnd: 1, parameters: ["kp"] })).toThrow(
      /algebraic rules or fast reactions/,
    );
  });
});

/** S decays at rate k; x with 0 = x² − [S] (x > 0); P made at rate x·cell. */
const sqrtRule: Network = {
  ...network("sqrt_rule", (n) => {
    n.compartment("cell", { size: 1 });
    n.species("S", { in: "cell", initial: 4 });
    n.species("P", { in: "cell", initial: 0 });
    n.parameter("k", 0.5);
    n.parameter("x", 1, { constant: false });
    n.reaction("decay", ["S"], [], massAction("k"));
    n.reaction("make_P", [], ["P"], "x * cell");
  }),
  algebraicRules: [{ math: parseTrusted("x^2 - S") }],
};

describe("algebraic rules", () => {
  test("a non-linear rule determines its variable: x = √S = 2e^{−kt/2}, and P = ∫x dt", () => {
    const m = compiled(sqrtRule);
    expect(m.layout.stateIds).toContain("x");
    const r = simulate(m, { tEnd: 6, outputTimes: [0, 1, 3, 6], rtol: 1e-10, atol: 1e-12 });
    expect(r.status, r.message).toBe("ok");
    const x = r.series("x");
    const P = r.series("P");
    [0, 1, 3, 6].forEach((t, i) => {
      expect(x[i]).toBeCloseTo(2 * Math.exp(-0.25 * t), 9);
      expect(P[i]).toBeCloseTo(8 * (1 - Math.exp(-0.25 * t)), 8);
    });
  });

  test("the variable is chosen by a matching: a rule takes what another rule leaves free", () => {
    const net: Network = {
      ...network("two_rules", (n) => {
        n.compartment("cell", { size: 1 });
        n.parameter("a", 1, { constant: false });
        n.parameter("b", 1, { constant: false });
        n.parameter("T", 3);
      }),
      // rule 1 mentions a and b, rule 2 only a: the matching gives a to rule 2 and b to rule 1
      algebraicRules: [{ math: parseTrusted("a + b - T") }, { math: parseTrusted("a^3 - 8") }],
    };
    const r = simulate(compiled(net), { tEnd: 1, outputTimes: [0, 1], rtol: 1e-10, atol: 1e-12 });
    expect(r.status, r.message).toBe("ok");
    expect(r.series("a")[1]).toBeCloseTo(2, 10);
    expect(r.series("b")[1]).toBeCloseTo(1, 10);
  });

  test("an overdetermined model is refused with an issue naming the rule and its quantities", () => {
    const net: Network = {
      ...sqrtRule,
      algebraicRules: [...sqrtRule.algebraicRules, { math: parseTrusted("x - 2") }],
    };
    const r = compileNetwork(net);
    expect(r.ok).toBe(false);
    expect(formatIssues(r.issues)).toMatch(
      /The algebraic rule #2 \(0 = x - 2\) has no quantity left to determine: "x" is already determined/,
    );
  });

  test("a rule that mentions only determined quantities determines nothing, and says so", () => {
    const net: Network = { ...sqrtRule, algebraicRules: [{ math: parseTrusted("S - k") }] };
    const r = compileNetwork(net);
    expect(r.ok).toBe(false);
    expect(formatIssues(r.issues)).toMatch(/The algebraic rule #1 \(0 = S - k\) determines nothing/);
  });
});
