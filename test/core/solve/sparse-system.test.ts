/**
 * A reaction cascade of the size of the IL-6 liver model (150 states, a few non-zeros per
 * Jacobian row): the sparse LU is chosen automatically and gives the dense path's answer.
 */
import { describe, expect, test } from "vitest";
import { bdf, integrate, rodas5p } from "../../../src/core/solve/index.js";
import type { OdeSystem } from "../../../src/core/solve/index.js";
import { IterationMatrix } from "../../../src/core/solve/linalg/iteration-matrix.js";
import { newStats } from "../../../src/core/solve/stepper-common.js";

/** x0 → x1 → … → x(n−1) with rates alternating fast and slow, plus feedback x(n−1) ⊣ x0 production. */
function cascade(n: number): OdeSystem {
  const k = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1e4 : i % 3 === 1 ? 1 : 0.05));
  const rows: number[][] = Array.from({ length: n }, (_, i) => (i === 0 ? [0, n - 1] : [i - 1, i]));
  const rowStart = Int32Array.from(
    [0, ...rows.map((r) => r.length)].map((_, i, a) => a.slice(0, i + 1).reduce((s, x) => s + x, 0)),
  );
  const colIndex = Int32Array.from(rows.flat());
  return {
    size: n,
    stateIds: Array.from({ length: n }, (_, i) => `x${i}`),
    timeDependent: false,
    sparsity: { rowStart, colIndex },
    rhs: (_t, y, _p, f) => {
      f[0] = 1 / (1 + y[n - 1]) - k[0] * y[0];
      for (let i = 1; i < n; i++) f[i] = k[i - 1] * y[i - 1] - k[i] * y[i];
    },
    jacobianSparse: (_t, y, _p, v) => {
      v[0] = -k[0];
      v[1] = -1 / ((1 + y[n - 1]) * (1 + y[n - 1]));
      for (let i = 1; i < n; i++) {
        v[2 * i] = k[i - 1];
        v[2 * i + 1] = -k[i];
      }
    },
  };
}

describe("large sparse systems", () => {
  const sys = cascade(150);

  test("the iteration matrix picks the sparse LU for 150 states with a sparsity pattern", () => {
    expect(new IterationMatrix(sys, new Float64Array(0), newStats()).sparse).toBe(true);
  });

  for (const method of [rodas5p, bdf]) {
    test(`${method.name}: sparse and dense linear algebra give the same trajectory`, () => {
      const run = (linearSolver: "dense" | "sparse") =>
        integrate(sys, new Float64Array(0), new Float64Array(150), {
          method,
          t0: 0,
          tEnd: 100,
          rtol: 1e-8,
          atol: 1e-12,
          outputTimes: [1, 10, 100],
          linearSolver,
        });
      const s = run("sparse");
      const d = run("dense");
      expect(s.status).toBe("ok");
      expect(s.stats.steps).toBe(d.stats.steps);
      for (let r = 0; r < 3; r++)
        for (let i = 0; i < 150; i++)
          expect(Math.abs(s.states[r][i] - d.states[r][i])).toBeLessThan(
            1e-9 * (1e-6 + Math.abs(d.states[r][i])),
          );
    });
  }
});
