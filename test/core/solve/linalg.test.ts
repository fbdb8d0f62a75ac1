import { describe, expect, test } from "vitest";
import { denseLuFactor, denseLuSolve } from "../../../src/core/solve/linalg/dense-lu.js";
import { SparseLu } from "../../../src/core/solve/linalg/sparse-lu.js";
import { IterationMatrix } from "../../../src/core/solve/linalg/iteration-matrix.js";
import {
  fdJacobianDense,
  fdJacobianGrouped,
  groupColumns,
} from "../../../src/core/solve/linalg/fd-jacobian.js";
import { newStats } from "../../../src/core/solve/stepper-common.js";
import { pollu } from "../../../bench/problems/ivp.js";
import type { OdeSystem } from "../../../src/core/solve/index.js";

/** Deterministic pseudo-random numbers (LCG), so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
}

function matVec(n: number, A: Float64Array, x: Float64Array): Float64Array {
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] += A[i * n + j] * x[j];
  return b;
}

describe("linear algebra", () => {
  test("dense LU with partial pivoting solves A x = b for random matrices, including a zero leading pivot", () => {
    const r = rng(7);
    for (const n of [1, 2, 5, 20, 60]) {
      const A = Float64Array.from({ length: n * n }, r);
      if (n > 1) A[0] = 0;
      const x = Float64Array.from({ length: n }, r);
      const b = matVec(n, A, x);
      const lu = Float64Array.from(A);
      const piv = new Int32Array(n);
      expect(denseLuFactor(n, lu, piv)).toBe(-1);
      denseLuSolve(n, lu, piv, b);
      for (let i = 0; i < n; i++) expect(b[i]).toBeCloseTo(x[i], 9);
    }
  });

  test("dense LU reports the column of a singular matrix", () => {
    const A = Float64Array.of(1, 2, 2, 4);
    expect(denseLuFactor(2, A, new Int32Array(2))).toBe(1);
  });

  test("sparse LU on POLLU's pattern gives the dense LU's solution of (c·I − J) x = b", () => {
    const n = 20;
    const y = Float64Array.from(pollu.y0, (v) => v + 0.01);
    const nnz = pollu.system.sparsity!.colIndex.length;
    const vals = new Float64Array(nnz);
    pollu.system.jacobianSparse!(0, y, new Float64Array(0), vals);
    const J = new Float64Array(n * n);
    pollu.system.jacobian!(0, y, new Float64Array(0), J);
    const slu = new SparseLu(n, pollu.system.sparsity!);
    expect(slu.flops).toBeLessThan(n ** 3 / 3);
    for (const c of [1e-3, 1, 1e4]) {
      expect(slu.factorShifted(c, vals)).toBe(-1);
      const M = Float64Array.from(J, (v) => -v);
      for (let i = 0; i < n; i++) M[i * n + i] += c;
      const b = Float64Array.from({ length: n }, rng(3));
      const x = Float64Array.from(b);
      const piv = new Int32Array(n);
      expect(denseLuFactor(n, M, piv)).toBe(-1);
      denseLuSolve(n, M, piv, x);
      slu.solve(b);
      const scale = Math.max(...x.map(Math.abs));
      for (let i = 0; i < n; i++) expect(Math.abs(b[i] - x[i])).toBeLessThan(1e-9 * scale);
    }
  });

  test("a zero static pivot makes the sparse iteration matrix pivot (no dense fallback)", () => {
    // J = [[0, 1], [1, 0]] on a pattern without diagonal: c·I − J with c = 0 needs a row swap.
    const sys: OdeSystem = {
      size: 2,
      stateIds: ["a", "b"],
      sparsity: { rowStart: Int32Array.of(0, 1, 2), colIndex: Int32Array.of(1, 0) },
      rhs: (_t, y, _p, f) => {
        f[0] = y[1];
        f[1] = y[0];
      },
      jacobianSparse: (_t, _y, _p, v) => {
        v[0] = 1;
        v[1] = 1;
      },
    };
    const stats = newStats();
    const M = new IterationMatrix(sys, new Float64Array(0), stats, "sparse");
    expect(M.sparse).toBe(true);
    M.evaluate(0, Float64Array.of(1, 1), Float64Array.of(1, 1), Float64Array.of(1e-6, 1e-6));
    expect(M.factor(0)).toBe(-1);
    expect(M.denseFactors).toBe(false);
    expect(M.sparseCounts).toMatchObject({ static: 0, pivoting: 1 });
    const b = Float64Array.of(3, 5); // −J x = b  ⇒  x = (−5, −3)
    M.solve(b);
    expect(Array.from(b)).toEqual([-5, -3]);
  });

  test("finite-difference Jacobians (dense and grouped by colouring) match POLLU's analytic one", () => {
    const n = 20;
    const p = new Float64Array(0);
    const y = Float64Array.from(pollu.y0, (v) => v + 0.01);
    const fy = new Float64Array(n);
    pollu.system.rhs(0, y, p, fy);
    const exact = new Float64Array(n * n);
    pollu.system.jacobian!(0, y, p, exact);
    const rhs = (t: number, yy: Float64Array, f: Float64Array): void => pollu.system.rhs(t, yy, p, f);
    const floor = new Float64Array(n).fill(1e-6);
    const dense = new Float64Array(n * n);
    expect(fdJacobianDense(rhs, n, 0, y, fy, floor, dense, new Float64Array(n))).toBe(n);
    const pattern = pollu.system.sparsity!;
    const groups = groupColumns(n, pattern);
    const values = new Float64Array(pattern.colIndex.length);
    const used = fdJacobianGrouped(
      rhs,
      0,
      y,
      fy,
      floor,
      groups,
      values,
      new Float64Array(n),
      new Float64Array(n),
    );
    expect(used).toBe(10); // row NO2 couples 10 states: 10 groups is the minimum
    const grouped = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let q = pattern.rowStart[i]; q < pattern.rowStart[i + 1]; q++)
        grouped[i * n + pattern.colIndex[q]] = values[q];
    for (let i = 0; i < n; i++) {
      let rowMax = 0;
      for (let j = 0; j < n; j++) rowMax = Math.max(rowMax, Math.abs(exact[i * n + j]));
      for (let j = 0; j < n; j++) {
        expect(Math.abs(dense[i * n + j] - exact[i * n + j])).toBeLessThan(1e-6 * rowMax);
        expect(Math.abs(grouped[i * n + j] - exact[i * n + j])).toBeLessThan(1e-6 * rowMax);
      }
    }
    expect(Array.from(y)).toEqual(Array.from(pollu.y0, (v) => v + 0.01));
  });
});
