/**
 * The stiff problems of the Test Set for IVP Solvers (Mazzia, Magherini et al., Univ. Bari):
 * ROBER, HIRES, POLLU, OREGO, transcribed from ../shared/data/ivp-reference/problems.c with
 * their analytic Jacobians (dense, row-major) and, for POLLU, the sparsity pattern with a
 * sparse Jacobian. Reference values and end times are read from reference.json by callers.
 */
import type { OdeSystem, SparsityPattern } from "../../src/core/solve/types.js";

export interface IvpProblem {
  readonly name: "rober" | "hires" | "pollu" | "orego";
  readonly system: OdeSystem;
  readonly y0: readonly number[];
  readonly tEnd: number;
  /** Intermediate output times, as the CVODE harness uses them (ROBER: 1e-5·10^k). */
  readonly outputTimes: readonly number[];
}

export const rober: IvpProblem = {
  name: "rober",
  y0: [1, 0, 0],
  tEnd: 1e11,
  // cvode_bench.c: tout = 1e-5·10^k for k = 0..16 while tout < t_end, then t_end.
  outputTimes: Array.from({ length: 17 }, (_, k) => 1e-5 * Math.pow(10, k)).filter((t) => t < 1e11),
  system: {
    size: 3,
    stateIds: ["A", "B", "C"],
    timeDependent: false,
    rhs(_t, y, _p, f) {
      f[0] = -0.04 * y[0] + 1.0e4 * y[1] * y[2];
      f[1] = 0.04 * y[0] - 1.0e4 * y[1] * y[2] - 3.0e7 * y[1] * y[1];
      f[2] = 3.0e7 * y[1] * y[1];
    },
    jacobian(_t, y, _p, J) {
      J[0] = -0.04;
      J[1] = 1.0e4 * y[2];
      J[2] = 1.0e4 * y[1];
      J[3] = 0.04;
      J[4] = -1.0e4 * y[2] - 6.0e7 * y[1];
      J[5] = -1.0e4 * y[1];
      J[7] = 6.0e7 * y[1];
    },
  },
};

export const hires: IvpProblem = {
  name: "hires",
  y0: [1, 0, 0, 0, 0, 0, 0, 0.0057],
  tEnd: 321.8122,
  outputTimes: [],
  system: {
    size: 8,
    stateIds: ["Pr", "Pfr", "PrX", "PfrX", "PrX2", "PfrX2", "PfrX3", "X"],
    timeDependent: false,
    rhs(_t, y, _p, f) {
      f[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007;
      f[1] = 1.71 * y[0] - 8.75 * y[1];
      f[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4];
      f[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3];
      f[4] = -1.745 * y[4] + 0.43 * (y[5] + y[6]);
      f[5] = -280.0 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6];
      f[6] = 280.0 * y[5] * y[7] - 1.81 * y[6];
      f[7] = -f[6];
    },
    jacobian(_t, y, _p, J) {
      const H = (i: number, j: number, v: number): void => {
        J[(i - 1) * 8 + (j - 1)] = v;
      };
      H(1, 1, -1.71);
      H(1, 2, 0.43);
      H(1, 3, 8.32);
      H(2, 1, 1.71);
      H(2, 2, -8.75);
      H(3, 3, -10.03);
      H(3, 4, 0.43);
      H(3, 5, 0.035);
      H(4, 2, 8.32);
      H(4, 3, 1.71);
      H(4, 4, -1.12);
      H(5, 5, -1.745);
      H(5, 6, 0.43);
      H(5, 7, 0.43);
      H(6, 4, 0.69);
      H(6, 5, 1.71);
      H(6, 6, -280.0 * y[7] - 0.43);
      H(6, 7, 0.69);
      H(6, 8, -280.0 * y[5]);
      H(7, 6, 280.0 * y[7]);
      H(7, 7, -1.81);
      H(7, 8, 280.0 * y[5]);
      H(8, 6, -280.0 * y[7]);
      H(8, 7, 1.81);
      H(8, 8, -280.0 * y[5]);
    },
  },
};

const K = [
  0, 0.35, 0.266e2, 0.123e5, 0.86e-3, 0.82e-3, 0.15e5, 0.13e-3, 0.24e5, 0.165e5, 0.9e4, 0.22e-1, 0.12e5,
  0.188e1, 0.163e5, 0.48e7, 0.35e-3, 0.175e-1, 0.1e9, 0.444e12, 0.124e4, 0.21e1, 0.578e1, 0.474e-1, 0.178e4,
  0.312e1,
];

/**
 * POLLU's Jacobian entries (row, column, expression; 1-based as in the Fortran), in the order
 * of problems.c. Compiled once below into straight-line functions, as the model compiler does
 * for real networks, so the benchmark measures the solver and not array building.
 */
const POLLU_J: readonly [number, number, string][] = [
  [1, 1, "-k[1] - k[10] * y[10] - k[14] * y[5] - k[23] * y[3] - k[24] * y[18]"],
  [1, 11, "-k[10] * y[0] + k[9] * y[1]"],
  [1, 6, "-k[14] * y[0]"],
  [1, 4, "-k[23] * y[0] + k[2] * y[1]"],
  [1, 19, "-k[24] * y[0] + k[22]"],
  [1, 2, "k[2] * y[3] + k[9] * y[10] + k[3] * y[4] + k[12] * y[9]"],
  [1, 13, "k[11]"],
  [1, 20, "k[25]"],
  [1, 5, "k[3] * y[1]"],
  [1, 10, "k[12] * y[1]"],
  [2, 4, "-k[2] * y[1]"],
  [2, 5, "-k[3] * y[1]"],
  [2, 11, "-k[9] * y[1]"],
  [2, 10, "-k[12] * y[1]"],
  [2, 19, "k[21]"],
  [2, 1, "k[1]"],
  [2, 2, "-k[2] * y[3] - k[3] * y[4] - k[9] * y[10] - k[12] * y[9]"],
  [3, 1, "k[1]"],
  [3, 4, "k[17]"],
  [3, 16, "k[19]"],
  [3, 19, "k[22]"],
  [3, 3, "-k[15]"],
  [4, 4, "-k[2] * y[1] - k[16] - k[17] - k[23] * y[0]"],
  [4, 2, "-k[2] * y[3]"],
  [4, 1, "-k[23] * y[3]"],
  [4, 3, "k[15]"],
  [5, 5, "-k[3] * y[1]"],
  [5, 2, "-k[3] * y[4]"],
  [5, 7, "2.0 * k[4] + k[6] * y[5]"],
  [5, 6, "k[6] * y[6] + k[20] * y[16]"],
  [5, 9, "k[7]"],
  [5, 14, "k[13]"],
  [5, 17, "k[20] * y[5]"],
  [6, 6, "-k[6] * y[6] - k[8] * y[8] - k[14] * y[0] - k[20] * y[16]"],
  [6, 7, "-k[6] * y[5]"],
  [6, 9, "-k[8] * y[5]"],
  [6, 1, "-k[14] * y[5]"],
  [6, 17, "-k[20] * y[5]"],
  [6, 2, "k[3] * y[4]"],
  [6, 5, "k[3] * y[1]"],
  [6, 16, "2.0 * k[18]"],
  [7, 7, "-k[4] - k[5] - k[6] * y[5]"],
  [7, 6, "-k[6] * y[6]"],
  [7, 14, "k[13]"],
  [8, 7, "k[4] + k[5] + k[6] * y[5]"],
  [8, 6, "k[6] * y[6]"],
  [8, 9, "k[7]"],
  [9, 9, "-k[7] - k[8] * y[5]"],
  [9, 6, "-k[8] * y[8]"],
  [10, 10, "-k[12] * y[1]"],
  [10, 2, "-k[12] * y[9] + k[9] * y[10]"],
  [10, 9, "k[7]"],
  [10, 11, "k[9] * y[1]"],
  [11, 11, "-k[9] * y[1] - k[10] * y[0]"],
  [11, 2, "-k[9] * y[10]"],
  [11, 1, "-k[10] * y[10]"],
  [11, 9, "k[8] * y[5]"],
  [11, 6, "k[8] * y[8]"],
  [11, 13, "k[11]"],
  [12, 11, "k[9] * y[1]"],
  [12, 2, "k[9] * y[10]"],
  [13, 13, "-k[11]"],
  [13, 11, "k[10] * y[0]"],
  [13, 1, "k[10] * y[10]"],
  [14, 14, "-k[13]"],
  [14, 10, "k[12] * y[1]"],
  [14, 2, "k[12] * y[9]"],
  [15, 1, "k[14] * y[5]"],
  [15, 6, "k[14] * y[0]"],
  [16, 16, "-k[18] - k[19]"],
  [16, 4, "k[16]"],
  [17, 17, "-k[20] * y[5]"],
  [17, 6, "-k[20] * y[16]"],
  [18, 17, "k[20] * y[5]"],
  [18, 6, "k[20] * y[16]"],
  [19, 19, "-k[21] - k[22] - k[24] * y[0]"],
  [19, 1, "-k[24] * y[18] + k[23] * y[3]"],
  [19, 4, "k[23] * y[0]"],
  [19, 20, "k[25]"],
  [20, 20, "-k[25]"],
  [20, 1, "k[24] * y[18]"],
  [20, 19, "k[24] * y[0]"],
];

const polluPattern: SparsityPattern = (() => {
  const rowStart = new Int32Array(21);
  const cols: number[] = [];
  for (let r = 1; r <= 20; r++) {
    rowStart[r - 1] = cols.length;
    for (const [i, j] of POLLU_J) if (i === r) cols.push(j - 1);
  }
  rowStart[20] = cols.length;
  return { rowStart, colIndex: Int32Array.from(cols) };
})();

/** Slot of each entry in the CSR value array (entries grouped by row, in listed order). */
const polluSlot: number[] = (() => {
  const slot: number[] = [];
  let q = 0;
  for (let r = 1; r <= 20; r++) POLLU_J.forEach(([i], e) => i === r && (slot[e] = q++));
  return slot;
})();

type JacFn = (y: Float64Array, out: Float64Array, k: readonly number[]) => void;
// Trusted source text written in this file (never user input).
const polluJacDense = new Function(
  "y",
  "J",
  "k",
  POLLU_J.map(([i, j, e]) => `J[${(i - 1) * 20 + (j - 1)}] = ${e};`).join("\n"),
) as JacFn;
const polluJacSparse = new Function(
  "y",
  "v",
  "k",
  POLLU_J.map(([, , e], n) => `v[${polluSlot[n]}] = ${e};`).join("\n"),
) as JacFn;

const r = new Float64Array(26);
export const pollu: IvpProblem = {
  name: "pollu",
  y0: [0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0, 0, 0, 0, 0, 0, 0, 0.007, 0, 0, 0],
  tEnd: 60,
  outputTimes: [],
  system: {
    size: 20,
    stateIds: [
      "NO2",
      "NO",
      "O3P",
      "O3",
      "HO2",
      "OH",
      "HCHO",
      "CO",
      "ALD",
      "MEO2",
      "C2O3",
      "CO2",
      "PAN",
      "CH3O",
      "HNO3",
      "O1D",
      "SO2",
      "SO4",
      "NO3",
      "N2O5",
    ],
    timeDependent: false,
    sparsity: polluPattern,
    rhs(_t, yy, _p, f) {
      const k = K;
      const y1 = yy[0],
        y2 = yy[1],
        y3 = yy[2],
        y4 = yy[3],
        y5 = yy[4],
        y6 = yy[5],
        y7 = yy[6],
        y9 = yy[8];
      const y10 = yy[9],
        y11 = yy[10],
        y13 = yy[12],
        y14 = yy[13],
        y16 = yy[15],
        y17 = yy[16],
        y19 = yy[18],
        y20 = yy[19];
      r[1] = k[1] * y1;
      r[2] = k[2] * y2 * y4;
      r[3] = k[3] * y5 * y2;
      r[4] = k[4] * y7;
      r[5] = k[5] * y7;
      r[6] = k[6] * y7 * y6;
      r[7] = k[7] * y9;
      r[8] = k[8] * y9 * y6;
      r[9] = k[9] * y11 * y2;
      r[10] = k[10] * y11 * y1;
      r[11] = k[11] * y13;
      r[12] = k[12] * y10 * y2;
      r[13] = k[13] * y14;
      r[14] = k[14] * y1 * y6;
      r[15] = k[15] * y3;
      r[16] = k[16] * y4;
      r[17] = k[17] * y4;
      r[18] = k[18] * y16;
      r[19] = k[19] * y16;
      r[20] = k[20] * y17 * y6;
      r[21] = k[21] * y19;
      r[22] = k[22] * y19;
      r[23] = k[23] * y1 * y4;
      r[24] = k[24] * y19 * y1;
      r[25] = k[25] * y20;
      f[0] = -r[1] - r[10] - r[14] - r[23] - r[24] + r[2] + r[3] + r[9] + r[11] + r[12] + r[22] + r[25];
      f[1] = -r[2] - r[3] - r[9] - r[12] + r[1] + r[21];
      f[2] = -r[15] + r[1] + r[17] + r[19] + r[22];
      f[3] = -r[2] - r[16] - r[17] - r[23] + r[15];
      f[4] = -r[3] + r[4] + r[4] + r[6] + r[7] + r[13] + r[20];
      f[5] = -r[6] - r[8] - r[14] - r[20] + r[3] + r[18] + r[18];
      f[6] = -r[4] - r[5] - r[6] + r[13];
      f[7] = r[4] + r[5] + r[6] + r[7];
      f[8] = -r[7] - r[8];
      f[9] = -r[12] + r[7] + r[9];
      f[10] = -r[9] - r[10] + r[8] + r[11];
      f[11] = r[9];
      f[12] = -r[11] + r[10];
      f[13] = -r[13] + r[12];
      f[14] = r[14];
      f[15] = -r[18] - r[19] + r[16];
      f[16] = -r[20];
      f[17] = r[20];
      f[18] = -r[21] - r[22] - r[24] + r[23] + r[25];
      f[19] = -r[25] + r[24];
    },
    jacobian(_t, y, _p, J) {
      polluJacDense(y, J, K);
    },
    jacobianSparse(_t, y, _p, values) {
      polluJacSparse(y, values, K);
    },
  },
};

export const orego: IvpProblem = {
  name: "orego",
  y0: [1, 2, 3],
  tEnd: 360,
  outputTimes: [],
  system: {
    size: 3,
    stateIds: ["HBrO2", "Br", "Ce4"],
    timeDependent: false,
    rhs(_t, y, _p, f) {
      f[0] = 77.27 * (y[1] + y[0] * (1.0 - 8.375e-6 * y[0] - y[1]));
      f[1] = (y[2] - (1.0 + y[0]) * y[1]) / 77.27;
      f[2] = 0.161 * (y[0] - y[2]);
    },
    jacobian(_t, y, _p, J) {
      J[0] = 77.27 * (1.0 - 2.0 * 8.375e-6 * y[0] - y[1]);
      J[1] = 77.27 * (1.0 - y[0]);
      J[3] = -y[1] / 77.27;
      J[4] = -(1.0 + y[0]) / 77.27;
      J[5] = 1.0 / 77.27;
      J[6] = 0.161;
      J[8] = -0.161;
    },
  },
};

export const IVP_PROBLEMS: readonly IvpProblem[] = [rober, hires, pollu, orego];

/**
 * Significant correct digits at t_end as the Test Set (and the CVODE harness's report.mjs)
 * defines them: scd from the max relative error, mescd from the mixed error with floor atol/rtol.
 */
export function accuracy(
  y: ArrayLike<number>,
  yRef: readonly number[],
  rtol: number,
  atol: number,
): { scd: number; mescd: number } {
  let rel = 0;
  let mixed = 0;
  yRef.forEach((r, i) => {
    const e = Math.abs(y[i] - r);
    rel = Math.max(rel, e / Math.abs(r));
    mixed = Math.max(mixed, e / (atol / rtol + Math.abs(r)));
  });
  return { scd: -Math.log10(rel), mescd: -Math.log10(mixed) };
}
