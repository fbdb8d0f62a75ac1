/** Small differential-algebraic systems with known solutions, for the DAE tests. */
import type { MassMatrix, OdeSystem, SparsityPattern } from "../../../src/core/solve/types.js";

export const NO_P = new Float64Array(0);

/** M = diag(d) with d_i ∈ {0, 1}: rows with 0 are algebraic. */
export function diagonalMass(d: readonly number[]): MassMatrix {
  const rowStart = new Int32Array(d.length + 1);
  const cols: number[] = [];
  d.forEach((x, i) => {
    if (x !== 0) cols.push(i);
    rowStart[i + 1] = cols.length;
  });
  const values = Float64Array.from(d.filter((x) => x !== 0));
  return {
    pattern: { rowStart, colIndex: Int32Array.from(cols) },
    values: (_t, _y, _p, out) => out.set(values),
  };
}

/**
 * y1' = −y1 + y2, 0 = y2 − sin t. With y1(0) = 1: y1 = (sin t − cos t)/2 + 1.5 e^{−t}, y2 = sin t.
 */
export const sineDriven: OdeSystem = {
  size: 2,
  stateIds: ["y1", "y2"],
  rhs: (t, y, _p, f) => {
    f[0] = -y[0] + y[1];
    f[1] = y[1] - Math.sin(t);
  },
  jacobian: (_t, _y, _p, J) => {
    J[0] = -1;
    J[1] = 1;
    J[3] = 1;
  },
  mass: diagonalMass([1, 0]),
};

export const sineExact = (t: number): [number, number] => [
  (Math.sin(t) - Math.cos(t)) / 2 + 1.5 * Math.exp(-t),
  Math.sin(t),
];

/** Robertson's kinetics with y3 from the conservation law: the classic index-1 DAE test (Hairer–Wanner VI.1). */
export const roberDae: OdeSystem = {
  size: 3,
  stateIds: ["y1", "y2", "y3"],
  timeDependent: false,
  rhs: (_t, y, _p, f) => {
    f[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
    f[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
    f[2] = y[0] + y[1] + y[2] - 1;
  },
  jacobian: (_t, y, _p, J) => {
    J[0] = -0.04;
    J[1] = 1e4 * y[2];
    J[2] = 1e4 * y[1];
    J[3] = 0.04;
    J[4] = -1e4 * y[2] - 6e7 * y[1];
    J[5] = -1e4 * y[1];
    J[6] = 1;
    J[7] = 1;
    J[8] = 1;
  },
  mass: diagonalMass([1, 1, 0]),
};

/**
 * A chain of `k` reversible conversions u_j ⇌ v_j (fast, equilibrium v_j = K u_j) fed by a slow
 * source into u_0 and drained from v_{k−1}, written with a non-diagonal mass matrix: per pair
 * the total (u_j + v_j)' = slow terms, and 0 = K u_j − v_j. Exercises the sparse LU (n = 2k).
 */
export function equilibriumChain(k: number, K: number, source: number, drain: number): OdeSystem {
  const n = 2 * k;
  const rows: number[][] = [];
  for (let j = 0; j < k; j++) {
    rows.push([2 * j, 2 * j + 1]);
    rows.push([]);
  }
  const pattern: SparsityPattern = csr(rows);
  const massValues = Float64Array.from(rows.flatMap((r) => r.map(() => 1)));
  // Jacobian pattern: pair rows depend on their pair and the previous pair's v
  const jr: number[][] = [];
  for (let j = 0; j < k; j++) {
    const prev = j > 0 ? [2 * j - 1] : [];
    jr.push([...prev, 2 * j, 2 * j + 1]);
    jr.push([2 * j, 2 * j + 1]);
  }
  const sparsity = csr(jr);
  return {
    size: n,
    stateIds: Array.from({ length: n }, (_, i) => `${i % 2 === 0 ? "u" : "v"}${i >> 1}`),
    timeDependent: false,
    rhs: (_t, y, _p, f) => {
      for (let j = 0; j < k; j++) {
        const inflow = j === 0 ? source : drain * y[2 * j - 1];
        f[2 * j] = inflow - drain * y[2 * j + 1];
        f[2 * j + 1] = K * y[2 * j] - y[2 * j + 1];
      }
    },
    jacobian: (_t, _y, _p, J) => {
      for (let j = 0; j < k; j++) {
        const r = 2 * j;
        if (j > 0) J[r * n + r - 1] = drain;
        J[r * n + r + 1] = -drain;
        J[(r + 1) * n + r] = K;
        J[(r + 1) * n + r + 1] = -1;
      }
    },
    sparsity,
    mass: { pattern, values: (_t, _y, _p, out) => out.set(massValues) },
  };
}

function csr(rows: readonly number[][]): SparsityPattern {
  const rowStart = new Int32Array(rows.length + 1);
  const cols: number[] = [];
  rows.forEach((r, i) => {
    cols.push(...[...r].sort((a, b) => a - b));
    rowStart[i + 1] = cols.length;
  });
  return { rowStart, colIndex: Int32Array.from(cols) };
}
