/**
 * Finite-difference Jacobians. With a sparsity pattern, columns that share no row are perturbed
 * together (Curtis, Powell & Reid, "On the estimation of sparse Jacobian matrices", IMA J. Appl.
 * Math. 13, 1974), greedy colouring: a reaction network with hundreds of states then needs only
 * a handful of extra RHS evaluations per Jacobian instead of one per state.
 */
import type { SparsityPattern } from "../types.js";

/** Increment for column j: √ε·max(|y_j|, floor_j), floor from the tolerances (negligible size). */
const SQRT_EPS = Math.sqrt(2.220446049250313e-16);

export interface ColumnGroups {
  /** groupStart[g]..groupStart[g+1] index `columns`. */
  readonly groupStart: Int32Array;
  readonly columns: Int32Array;
  /** Pattern entries per column, in CSC form: entries of column j are colEntries[colStart[j]..]. */
  readonly colStart: Int32Array;
  /** Index into the pattern's value array (CSR order). */
  readonly colEntries: Int32Array;
  /** Row of each entry in colEntries. */
  readonly colRows: Int32Array;
}

/** Greedy distance-2 colouring of the columns of the pattern. */
export function groupColumns(n: number, pattern: SparsityPattern): ColumnGroups {
  const { rowStart, colIndex } = pattern;
  const byCol: number[][] = [];
  for (let j = 0; j < n; j++) byCol.push([]);
  for (let i = 0; i < n; i++) for (let q = rowStart[i]; q < rowStart[i + 1]; q++) byCol[colIndex[q]].push(q);
  const rowOf = new Int32Array(colIndex.length);
  for (let i = 0; i < n; i++) for (let q = rowStart[i]; q < rowStart[i + 1]; q++) rowOf[q] = i;
  const colStart = new Int32Array(n + 1);
  const colEntries: number[] = [];
  for (let j = 0; j < n; j++) {
    colStart[j] = colEntries.length;
    colEntries.push(...byCol[j]);
  }
  colStart[n] = colEntries.length;
  const colRows = Int32Array.from(colEntries.map((q) => rowOf[q]));

  const colour = new Int32Array(n).fill(-1);
  const rowColours: Set<number>[] = [];
  for (let i = 0; i < n; i++) rowColours.push(new Set());
  let nColours = 0;
  for (let j = 0; j < n; j++) {
    let c = 0;
    for (; ; c++) {
      let clash = false;
      for (let e = colStart[j]; e < colStart[j + 1] && !clash; e++) clash = rowColours[colRows[e]].has(c);
      if (!clash) break;
    }
    colour[j] = c;
    for (let e = colStart[j]; e < colStart[j + 1]; e++) rowColours[colRows[e]].add(c);
    nColours = Math.max(nColours, c + 1);
  }
  const groupStart = new Int32Array(nColours + 1);
  const columns: number[] = [];
  for (let c = 0; c < nColours; c++) {
    groupStart[c] = columns.length;
    for (let j = 0; j < n; j++) if (colour[j] === c) columns.push(j);
  }
  groupStart[nColours] = columns.length;
  return {
    groupStart,
    columns: Int32Array.from(columns),
    colStart,
    colEntries: Int32Array.from(colEntries),
    colRows,
  };
}

export function fdIncrement(yj: number, floor: number): number {
  return SQRT_EPS * Math.max(Math.abs(yj), floor, 1e-300);
}

/**
 * Sparse FD Jacobian into `values` (pattern order). `y` is perturbed and restored; `fy` is f(t, y);
 * `ftmp` and `ysave` are scratch of length n. Returns the number of RHS evaluations used.
 */
export function fdJacobianGrouped(
  rhs: (t: number, y: Float64Array, dydt: Float64Array) => void,
  t: number,
  y: Float64Array,
  fy: Float64Array,
  floor: Float64Array,
  groups: ColumnGroups,
  values: Float64Array,
  ftmp: Float64Array,
  ysave: Float64Array,
): number {
  const { groupStart, columns, colStart, colEntries, colRows } = groups;
  const nGroups = groupStart.length - 1;
  for (let g = 0; g < nGroups; g++) {
    for (let c = groupStart[g]; c < groupStart[g + 1]; c++) {
      const j = columns[c];
      const yj = y[j];
      ysave[j] = yj;
      y[j] = yj + fdIncrement(yj, floor[j]);
    }
    rhs(t, y, ftmp);
    for (let c = groupStart[g]; c < groupStart[g + 1]; c++) {
      const j = columns[c];
      const inv = 1 / (y[j] - ysave[j]); // the increment actually representable
      y[j] = ysave[j];
      for (let e = colStart[j]; e < colStart[j + 1]; e++) {
        const i = colRows[e];
        values[colEntries[e]] = (ftmp[i] - fy[i]) * inv;
      }
    }
  }
  return nGroups;
}

/** Dense FD Jacobian, one column per RHS evaluation, row-major into J. Returns evaluations used. */
export function fdJacobianDense(
  rhs: (t: number, y: Float64Array, dydt: Float64Array) => void,
  n: number,
  t: number,
  y: Float64Array,
  fy: Float64Array,
  floor: Float64Array,
  J: Float64Array,
  ftmp: Float64Array,
): number {
  for (let j = 0; j < n; j++) {
    const yj = y[j];
    y[j] = yj + fdIncrement(yj, floor[j]);
    const inv = 1 / (y[j] - yj);
    rhs(t, y, ftmp);
    y[j] = yj;
    for (let i = 0; i < n; i++) J[i * n + j] = (ftmp[i] - fy[i]) * inv;
  }
  return n;
}
