import { describe, expect, it } from "vitest";
import { compileNetwork, type CompiledModel } from "../../../src/core/compile/index.js";
import { massAction, network, type Network } from "../../../src/core/network/index.js";

function compiled(net: Network): CompiledModel {
  const r = compileNetwork(net);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.model;
}

const binding = network("binding", (n) => {
  const c = n.compartment("cell", { size: 2 });
  const ext = n.compartment("ext", { size: 5 });
  n.species("L", { in: ext, initial: 3 });
  n.species("R", { in: c, initial: 1.5 });
  n.species("LR", { in: c, initial: 0 });
  n.species("Lc", { in: c, initial: 0 });
  n.parameter("kon", 0.7);
  n.parameter("koff", 0.2);
  n.parameter("kin", 0.05);
  n.parameter("Vmax", 0.3);
  n.parameter("Km", 0.4);
  n.reaction("bind", ["L", "R"], ["LR"], massAction("kon", "koff"));
  n.reaction("uptake", ["L"], ["Lc"], "Vmax * L / (Km + L) * cell");
  n.reaction("internalise", ["LR"], [], massAction("kin"));
});

describe("compiled right-hand side", () => {
  it("equals a hand-written RHS of the same network (amounts, concentrations, two compartments)", () => {
    const m = compiled(binding);
    const { y0, p } = m.initial();
    expect(m.layout.stateIds).toEqual(["L", "R", "LR", "Lc"]);
    // amounts: concentration × size
    expect(Array.from(y0)).toEqual([15, 3, 0, 0]);
    const y = Float64Array.from([14, 2.5, 0.4, 0.3]);
    const f = new Float64Array(4);
    m.system.rhs(0, y, p, f);
    const [L, R, LR] = [14 / 5, 2.5 / 2, 0.4 / 2];
    const vBind = (0.7 * L * R - 0.2 * LR) * 5; // forward volume: L's compartment; reverse: LR's
    const vBindExact = 0.7 * L * R * 5 - 0.2 * LR * 2;
    const vUp = ((0.3 * L) / (0.4 + L)) * 2;
    const vIn = 0.05 * LR * 2;
    expect(vBind).not.toBe(vBindExact);
    expect(f[0]).toBeCloseTo(-vBindExact - vUp, 13);
    expect(f[1]).toBeCloseTo(-vBindExact, 13);
    expect(f[2]).toBeCloseTo(vBindExact - vIn, 13);
    expect(f[3]).toBeCloseTo(vUp, 13);
  });

  it("has an analytic Jacobian equal to finite differences, dense and sparse", () => {
    const m = compiled(binding);
    const { p } = m.initial();
    const n = m.system.size;
    const y = Float64Array.from([14, 2.5, 0.4, 0.3]);
    const J = new Float64Array(n * n);
    m.system.jacobian!(0, y, p, J);
    const f0 = new Float64Array(n);
    const f1 = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const h = 1e-6;
      const yp = Float64Array.from(y);
      const ym = Float64Array.from(y);
      yp[j] += h;
      ym[j] -= h;
      m.system.rhs(0, yp, p, f1);
      m.system.rhs(0, ym, p, f0);
      for (let i = 0; i < n; i++) expect(J[i * n + j]).toBeCloseTo((f1[i] - f0[i]) / (2 * h), 7);
    }
    const sp = m.system.sparsity!;
    const vals = new Float64Array(sp.colIndex.length);
    m.system.jacobianSparse!(0, y, p, vals);
    for (let i = 0; i < n; i++) {
      for (let k = sp.rowStart[i]; k < sp.rowStart[i + 1]; k++)
        expect(vals[k]).toBe(J[i * n + sp.colIndex[k]]);
    }
    // Lc appears in no rate: its column is empty apart from the diagonal slot
    expect(Array.from(sp.colIndex.slice(sp.rowStart[3], sp.rowStart[4]))).toEqual([0, 3]);
  });

  it("keeps amounts when a compartment changes size: concentration = amount / size", () => {
    const net = network("grow", (n) => {
      n.compartment("V", { size: 1, constant: false });
      n.species("S", { in: "V", initial: 2 });
      n.parameter("k", 0.5);
      n.rateRule("V", "k");
      n.reaction("decay", ["S"], [], massAction("k"));
    });
    const m = compiled(net);
    const { y0, p } = m.initial();
    expect(m.layout.stateIds).toEqual(["V", "S"]);
    const f = new Float64Array(2);
    const y = Float64Array.from([4, 2]); // V = 4, amount 2: concentration 0.5
    m.system.rhs(0, y, p, f);
    expect(f[0]).toBe(0.5);
    expect(f[1]).toBeCloseTo(-0.5 * 0.5 * 4, 14); // k·[S]·V = k·amount
    const obs = m.observer(["S", "V"]);
    const out = new Float64Array(2);
    obs(0, y, p, out);
    expect(Array.from(out)).toEqual([0.5, 4]);
    expect(Array.from(y0)).toEqual([1, 2]);
  });

  it("propagates parameter overrides through initial assignments and rules", () => {
    const net = network("ia", (n) => {
      n.compartment("c", { size: 1 });
      n.parameter("k", 2);
      n.parameter("total", 0, { constant: true });
      n.initialAssignment("total", "10 * k");
      n.species("A", { in: "c", initial: 0 });
      n.initialAssignment("A", "total / 2");
      n.parameter("double_A", 0, { constant: false });
      n.assignmentRule("double_A", "2 * A");
    });
    const m = compiled(net);
    expect(m.initial().y0[0]).toBe(10);
    expect(m.initial({ k: 3 }).y0[0]).toBe(15);
    expect(m.initial({ k: 3 }).symbols.get("double_A")).toBe(30);
  });

  it("refuses what it cannot integrate, with a clear issue", () => {
    const net: Network = { ...binding, algebraicRules: [{ math: { kind: "sym", name: "L" } }] };
    const r = compileNetwork(net);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.message).join()).toContain("algebraic rule");
  });
});

describe("observers and expressions", () => {
  it("report an unknown id as bad input with a suggestion, not an internal error", () => {
    const m = compiled(binding);
    expect(() => m.observer(["LR", "Lcc"])).toThrow(/Unknown symbol "Lcc". Did you mean "Lc"\?/);
    expect(() => m.expressions([{ kind: "sym", name: "konn" }])).toThrow(/Did you mean "kon"\?/);
  });
});

describe("long generated functions", () => {
  it("are split into chunks that compute the same RHS and Jacobian (400-species chain)", () => {
    const n = 400;
    const net = network("chain", (b) => {
      b.compartment("c", { size: 1 });
      for (let i = 0; i < n; i++) b.species(`S${i}`, { in: "c", initial: i === 0 ? 1 : 0 });
      b.parameter("k", 0.7);
      for (let i = 0; i + 1 < n; i++) b.reaction(`r${i}`, [`S${i}`], [`S${i + 1}`], massAction("k"));
    });
    const m = compiled(net);
    const { p } = m.initial();
    const y = Float64Array.from({ length: n }, (_, i) => 1 + i / n);
    const f = new Float64Array(n);
    m.system.rhs(0, y, p, f);
    for (let i = 0; i < n; i++) {
      const expected = (i > 0 ? 0.7 * y[i - 1] : 0) - (i < n - 1 ? 0.7 * y[i] : 0);
      expect(f[i]).toBeCloseTo(expected, 12);
    }
    const sp = m.system.sparsity!;
    const vals = new Float64Array(sp.colIndex.length);
    m.system.jacobianSparse!(0, y, p, vals);
    let diag = 0;
    for (let i = 0; i < n; i++)
      for (let k = sp.rowStart[i]; k < sp.rowStart[i + 1]; k++) if (sp.colIndex[k] === i) diag += vals[k];
    expect(diag).toBeCloseTo(-0.7 * (n - 1), 9);
  });
});
