/**
 * The sparse LU with threshold partial pivoting against the dense LU with partial pivoting:
 * random sparse matrices (diagonally weighted ones the static order handles, and ones with
 * small or zero diagonals that need row exchanges), patterns without a diagonal, singular and
 * non-finite matrices, reuse of a pivot sequence, and the return to the static order.
 */
import { describe, expect, test } from "vitest";
import { denseLuFactor, denseLuSolve } from "../../../src/core/solve/linalg/dense-lu.js";
import { PIVOT_THRESHOLD, STATIC_RETRY, SparseLu } from "../../../src/core/solve/linalg/sparse-lu.js";
import { markowitzOrder, minimumDegree } from "../../../src/core/solve/linalg/ordering.js";
import type { SparsityPattern } from "../../../src/core/solve/index.js";
import { pollu } from "../../../bench/problems/ivp.js";

/** Deterministic pseudo-random numbers in [0, 1) (LCG), so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A random pattern with about `perRow` off-diagonal entries per row; the diagonal only when asked. */
function randomPattern(n: number, perRow: number, seed: number, diagonal: boolean): SparsityPattern {
  const r = rng(seed);
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    const set = new Set<number>(diagonal ? [i] : []);
    const want = Math.min(n - (diagonal ? 0 : 1), perRow + (diagonal ? 1 : 0));
    while (set.size < want) {
      const j =
        r() < 0.7 ? Math.min(n - 1, Math.max(0, i + Math.round((r() - 0.5) * 8))) : Math.floor(r() * n);
      if (diagonal || j !== i) set.add(j);
    }
    cols.push(...[...set].sort((a, b) => a - b));
    rowStart[i + 1] = cols.length;
  }
  return { rowStart, colIndex: Int32Array.from(cols) };
}

/** Dense c·I − J from pattern values. */
function denseOf(n: number, pattern: SparsityPattern, jac: Float64Array, c: number): Float64Array {
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let q = pattern.rowStart[i]; q < pattern.rowStart[i + 1]; q++)
      A[i * n + pattern.colIndex[q]] -= jac[q];
    A[i * n + i] += c;
  }
  return A;
}

function matVec(n: number, A: Float64Array, x: Float64Array): Float64Array {
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] += A[i * n + j] * x[j];
  return b;
}

/**
 * Solve with both LUs: both must succeed with a small backward error ‖A x̂ − b‖ / (‖A‖ ‖x̂‖)
 * (what a stable LU guarantees; threshold pivoting allows growth up to 1/τ per step, so its
 * bound is looser than the dense LU's) and, unless the matrix may be ill-conditioned (`tol`
 * null), the exact x to `tol` relative to max |x|.
 */
function expectSameSolution(
  n: number,
  pattern: SparsityPattern,
  slu: SparseLu,
  jac: Float64Array,
  c: number,
  seed: number,
  tol: number | null = 1e-9,
): void {
  const A = denseOf(n, pattern, jac, c);
  const r = rng(seed);
  const x = Float64Array.from({ length: n }, () => r() * 2 - 1);
  const b = matVec(n, A, x);
  expect(slu.factorShifted(c, jac)).toBe(-1);
  const xs = Float64Array.from(b);
  slu.solve(xs);
  const lu = Float64Array.from(A);
  const piv = new Int32Array(n);
  expect(denseLuFactor(n, lu, piv)).toBe(-1);
  const xd = Float64Array.from(b);
  denseLuSolve(n, lu, piv, xd);
  let normA = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(A[i * n + j]);
    normA = Math.max(normA, s);
  }
  for (const [y, bound] of [
    [xs, 1e-11],
    [xd, 1e-14],
  ] as const) {
    const Ay = matVec(n, A, y);
    const residual = Math.max(...Ay.map((v, i) => Math.abs(v - b[i])));
    expect(residual / (normA * Math.max(...y.map(Math.abs)))).toBeLessThan(bound);
  }
  if (tol === null) return;
  const scale = Math.max(...x.map(Math.abs));
  for (let i = 0; i < n; i++) {
    expect(Math.abs(xs[i] - x[i])).toBeLessThan(tol * scale);
    expect(Math.abs(xd[i] - x[i])).toBeLessThan(tol * scale);
  }
}

describe("sparse LU with threshold partial pivoting", () => {
  test("orderings: Markowitz and minimum degree are permutations; the analysis keeps the cheaper", () => {
    for (const n of [1, 5, 40]) {
      const pattern = randomPattern(n, 3, n, true);
      for (const perm of [markowitzOrder(n, pattern), minimumDegree(n, pattern).perm])
        expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    // POLLU: the unsymmetric structure of the cheaper order beats the symmetrised one of the old LU (109)
    const slu = new SparseLu(20, pollu.system.sparsity!);
    expect(slu.nnz).toBeLessThanOrEqual(94);
  });

  test("diagonally weighted random matrices: static pivots, the dense LU's solution", () => {
    for (const [n, perRow] of [
      [1, 0],
      [2, 1],
      [10, 3],
      [60, 4],
      [200, 5],
    ] as const) {
      const pattern = randomPattern(n, perRow, 11 * n + perRow, true);
      const r = rng(n);
      const jac = Float64Array.from(pattern.colIndex, () => r() * 2 - 1);
      const slu = new SparseLu(n, pattern);
      expectSameSolution(n, pattern, slu, jac, 10 * (perRow + 1), n);
      expect(slu.counts).toMatchObject({ static: 1, pivoting: 0 });
      expect(slu.usingPivotedSequence).toBe(false);
    }
  });

  test("small and zero diagonals need row exchanges: pivoting gives the dense LU's solution", () => {
    let pivoted = 0;
    let cases = 0;
    for (const n of [3, 8, 30, 120, 300]) {
      for (const seed of [1, 2, 3]) {
        const pattern = randomPattern(n, 4, 7 * n + seed, true);
        const r = rng(seed * 1000 + n);
        // entries of size ~1, every third diagonal tiny or exactly cancelled by c
        const jac = Float64Array.from(pattern.colIndex, () => r() * 2 - 1);
        const c = 0.5;
        for (let i = 0; i < n; i++)
          for (let q = pattern.rowStart[i]; q < pattern.rowStart[i + 1]; q++)
            if (pattern.colIndex[q] === i && i % 3 === 0) jac[q] = c - (i % 2 === 0 ? 0 : 1e-9);
        const A = denseOf(n, pattern, jac, c);
        const lu = Float64Array.from(A);
        if (denseLuFactor(n, lu, new Int32Array(n)) >= 0) continue; // a random singular draw
        const slu = new SparseLu(n, pattern);
        expectSameSolution(n, pattern, slu, jac, c, seed, null);
        // fill may make a zero diagonal usable by the time it is eliminated: static is then right
        expect(slu.counts.static + slu.counts.pivoting).toBe(1);
        expect(slu.usingPivotedSequence).toBe(slu.counts.pivoting === 1);
        pivoted += slu.counts.pivoting;
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(10);
    expect(pivoted).toBeGreaterThan(cases / 2);
  });

  test("a pattern without its diagonal (c = 0: every row must be exchanged) and a permutation matrix", () => {
    const n = 6;
    // a cyclic shift: J(i, i+1) = 1
    const pattern: SparsityPattern = {
      rowStart: Int32Array.from({ length: n + 1 }, (_, i) => i),
      colIndex: Int32Array.from({ length: n }, (_, i) => (i + 1) % n),
    };
    const jac = Float64Array.from({ length: n }, (_, i) => i + 1);
    const slu = new SparseLu(n, pattern);
    expectSameSolution(n, pattern, slu, jac, 0, 5);
    expect(slu.counts.pivoting).toBe(1);
    // the same pattern at a large c needs no exchange
    expectSameSolution(n, pattern, slu, jac, 100, 6);
  });

  test("a pivot sequence is reused while it stays stable, and the static order comes back", () => {
    const n = 40;
    const pattern = randomPattern(n, 4, 99, true);
    const r = rng(4);
    const jac = Float64Array.from(pattern.colIndex, () => r() * 2 - 1);
    for (let i = 0; i < n; i++)
      for (let q = pattern.rowStart[i]; q < pattern.rowStart[i + 1]; q++)
        if (pattern.colIndex[q] === i) jac[q] = 0;
    const slu = new SparseLu(n, pattern);
    // c = 0: zero diagonals, pivoting needed
    expectSameSolution(n, pattern, slu, jac, 0, 1, 1e-7);
    expect(slu.counts).toMatchObject({ static: 0, pivoting: 1, refactor: 0 });
    // values move a little: the same sequence, refactored (static tried only every STATIC_RETRY)
    const jac2 = Float64Array.from(jac, (v) => v * (1 + 1e-3 * Math.sin(v)));
    expectSameSolution(n, pattern, slu, jac2, 0, 2, 1e-7);
    expect(slu.counts).toMatchObject({ pivoting: 1, refactor: 1 });
    // a large c makes the diagonal dominant: within STATIC_RETRY factorisations the static order is back
    for (let k = 0; k < STATIC_RETRY; k++) expectSameSolution(n, pattern, slu, jac, 1e3, 3 + k);
    expect(slu.counts.static).toBeGreaterThanOrEqual(1);
    expect(slu.usingPivotedSequence).toBe(false);
    // and pivots again when c = 0 comes back: the cached sequence, refactored
    const before = slu.counts.refactor;
    expectSameSolution(n, pattern, slu, jac, 0, 20, 1e-7);
    expect(slu.counts.refactor).toBe(before + 1);
  });

  test("the threshold test is KLU's: a pivot at τ·(column max) passes, one below does not", () => {
    // column 0 holds the pivot d and the entry 1 below it (row 1): M = [[d, 0], [1, 1]]
    const pattern: SparsityPattern = { rowStart: Int32Array.of(0, 1, 3), colIndex: Int32Array.of(0, 0, 1) };
    for (const [d, pivots] of [
      [2 * PIVOT_THRESHOLD, false],
      [PIVOT_THRESHOLD / 2, true],
    ] as const) {
      const slu = new SparseLu(2, pattern);
      // c = 0: M = −J, so J = −M
      expectSameSolution(2, pattern, slu, Float64Array.of(-d, -1, -1), 0, 1);
      expect(slu.usingPivotedSequence).toBe(pivots);
    }
  });

  test("a singular column is reported as its state index, as the dense LU does; non-finite values too", () => {
    // J = [[1, 1, 0], [1, 1, 0], [0, 0, 1]] with c = 0: columns 0 and 1 are dependent
    const pattern: SparsityPattern = {
      rowStart: Int32Array.of(0, 2, 4, 5),
      colIndex: Int32Array.of(0, 1, 0, 1, 2),
    };
    const slu = new SparseLu(3, pattern);
    const bad = slu.factorShifted(0, Float64Array.of(1, 1, 1, 1, 1));
    expect([0, 1]).toContain(bad);
    // a NaN in the Jacobian: no usable pivot in its column
    expect(slu.factorShifted(1, Float64Array.of(NaN, 0, 0, 0, 0))).toBe(0);
    // and the LU recovers on good values
    expect(slu.factorShifted(3, Float64Array.of(1, 1, 1, 1, 1))).toBe(-1);
    const b = Float64Array.of(1, 1, 2);
    slu.solve(b); // (3I − J) x = b: x = (1, 1, 1)
    for (const v of b) expect(v).toBeCloseTo(1, 12);
  });

  test("one analysis per pattern object; factors of two LUs on it are independent", () => {
    const pattern = randomPattern(30, 3, 5, true);
    const r = rng(8);
    const jac = Float64Array.from(pattern.colIndex, () => r() * 2 - 1);
    const a = new SparseLu(30, pattern);
    const b = new SparseLu(30, pattern);
    expectSameSolution(30, pattern, a, jac, 20, 1);
    expectSameSolution(30, pattern, b, jac, 0.01, 2, 1e-6);
    const x = Float64Array.from({ length: 30 }, (_, i) => i);
    const y = Float64Array.from(x);
    a.solve(x);
    a.factorShifted(20, jac);
    a.solve(y);
    expect(Array.from(x)).toEqual(Array.from(y));
  });
});
