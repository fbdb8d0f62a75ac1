/**
 * The sparse LU on the IL-6 liver model's iteration matrices where the static pivot order fails:
 * a mouse whose liver fails after 70% hepatectomy (large metabolic load M, fast cell death k_cd,
 * high critical-remnant threshold theta_cd). Before threshold pivoting, every such factorisation
 * went to the dense LU (199 states: ~3 ms each, 28–53 per member). Along that member's
 * trajectory and over the range of c = 1/(hγ) the solver uses, the sparse LU must give the
 * dense LU's solutions, and must have pivoted for some of them. Solutions are compared by their
 * backward error ‖A x̂ − b‖ / (‖A‖ ‖x̂‖), the measure of a stable factorisation: after the liver
 * has failed some of these matrices are so ill-conditioned (states of 1e-13 beside ones of 1e3)
 * that two stable LUs may return solutions far apart.
 */
import { describe, expect, test } from "vitest";
import { denseLuFactor, denseLuSolve } from "../../../src/core/solve/linalg/dense-lu.js";
import { SparseLu } from "../../../src/core/solve/linalg/sparse-lu.js";
import { il6Liver } from "../../../src/models/il6-liver/index.js";
import { compiledFor, runScenario } from "../../../src/models/run.js";

describe("sparse LU on the IL-6 liver failure case", () => {
  test("mouse_phx70 with M 35, k_cd 0.25, theta_cd 0.008: the dense LU's solutions, with pivoting", () => {
    const named = il6Liver.scenarios.find((s) => s.id === "mouse_phx70")!.scenario;
    const out = runScenario(il6Liver, {
      ...named,
      parameters: { ...named.parameters, M: 35, k_cd: 0.25, theta_cd: 0.008 },
    });
    if (!out.ok) throw new Error(out.issues[0].message);
    const sim = out.result.simulation;
    expect(sim.status).toBe("ok");
    const mass = out.result.observables.liver_mass_percent_of_preop;
    expect(mass[mass.length - 1]).toBeLessThan(1); // the liver has failed
    const compiled = compiledFor(il6Liver, "mouse", []);
    if (!compiled.ok) throw new Error("compile");
    const sys = compiled.model.system;
    const n = sys.size;
    const pattern = sys.sparsity!;
    const jac = new Float64Array(pattern.colIndex.length);
    const slu = new SparseLu(n, pattern);
    let worst = 0;
    let worstDense = 0;
    let cases = 0;
    for (let i = 0; i < sim.times.length; i += 12) {
      sys.jacobianSparse!(sim.times[i], sim.states[i], sim.params[i], jac);
      for (const c of [0, 1e-3, 1e-2, 0.1, 1, 10, 1e3]) {
        const A = new Float64Array(n * n);
        for (let r = 0; r < n; r++) {
          for (let q = pattern.rowStart[r]; q < pattern.rowStart[r + 1]; q++)
            A[r * n + pattern.colIndex[q]] -= jac[q];
          A[r * n + r] += c;
        }
        const lu = Float64Array.from(A);
        const piv = new Int32Array(n);
        if (denseLuFactor(n, lu, piv) >= 0) {
          // singular for the dense LU (c = 0 with conserved totals): the sparse LU says so too
          expect(slu.factorShifted(c, jac)).toBeGreaterThanOrEqual(0);
          continue;
        }
        expect(slu.factorShifted(c, jac)).toBe(-1);
        const b = Float64Array.from(
          { length: n },
          (_, k) => Math.sin(k + i) * (1 + Math.abs(sim.states[i][k])),
        );
        const xd = Float64Array.from(b);
        denseLuSolve(n, lu, piv, xd);
        const xs = Float64Array.from(b);
        slu.solve(xs);
        // backward errors relative to ‖A‖·‖x̂‖ (row sums, max norm)
        let normA = 0;
        for (let r = 0; r < n; r++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += Math.abs(A[r * n + k]);
          normA = Math.max(normA, s);
        }
        const backward = (x: Float64Array): number => {
          let res = 0;
          for (let r = 0; r < n; r++) {
            let s = -b[r];
            for (let k = 0; k < n; k++) s += A[r * n + k] * x[k];
            res = Math.max(res, Math.abs(s));
          }
          return res / (normA * Math.max(...x.map(Math.abs)));
        };
        const es = backward(xs);
        worst = Math.max(worst, es);
        worstDense = Math.max(worstDense, backward(xd));
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(100);
    // both are ~1e-19 here (measured: sparse 4e-20, dense 8e-20); threshold pivoting may grow entries by up to 1/τ per step
    expect(worst).toBeLessThan(1e-12);
    expect(worstDense).toBeLessThan(1e-14);
    expect(slu.counts.pivoting + slu.counts.refactor).toBeGreaterThan(0);
  });
});
