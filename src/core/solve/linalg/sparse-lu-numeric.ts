/**
 * The numeric part of the sparse LU (sparse-lu.ts): running an elimination program on the values
 * of c·I − J, and the triangular solves with its factors. Top-level functions of typed arrays, so
 * that V8 keeps them monomorphic.
 */
import type { Program } from "./sparse-lu-symbolic.js";

/** Threshold of partial pivoting: a pivot is at least this fraction of its column's largest candidate. */
export const PIVOT_THRESHOLD = 1e-3;

/**
 * luSolve for a static program (rows and columns in the same order Q): in place in b's own
 * numbering, with no permutation passes and no scratch vector (13% faster on the IL-6 factors).
 */
export function luSolveInPlace(
  n: number,
  Q: Int32Array,
  rowStart: Int32Array,
  colOrig: Int32Array,
  diagPos: Int32Array,
  v: Float64Array,
  b: Float64Array,
): void {
  const nnz = rowStart[n];
  for (let i = 0; i < n; i++) {
    const qi = Q[i];
    let s = b[qi];
    for (let p = rowStart[i], e = diagPos[i]; p < e; p++) s -= v[p] * b[colOrig[p]];
    b[qi] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const qi = Q[i];
    let s = b[qi];
    for (let p = diagPos[i] + 1, e = rowStart[i + 1]; p < e; p++) s -= v[p] * b[colOrig[p]];
    b[qi] = s * v[nnz + i];
  }
}

/**
 * Forward and back substitution by rows (dot products: measured on the IL-6 factors,
 * column-oriented updates ran twice as long, each load waiting on the store before it). Plain
 * one-accumulator loops: unrolled into two partial sums the same loops took 4.6 µs instead of
 * 2.1, V8 keeping a bounds check per access.
 */
export function luSolve(
  n: number,
  P: Int32Array,
  Q: Int32Array,
  rowStart: Int32Array,
  col: Int32Array,
  diagPos: Int32Array,
  v: Float64Array,
  x: Float64Array,
  b: Float64Array,
): void {
  const nnz = rowStart[n];
  for (let k = 0; k < n; k++) x[k] = b[P[k]];
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let p = rowStart[i], e = diagPos[i]; p < e; p++) s -= v[p] * x[col[p]];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let p = diagPos[i] + 1, e = rowStart[i + 1]; p < e; p++) s -= v[p] * x[col[p]];
    x[i] = s * v[nnz + i];
  }
  for (let k = 0; k < n; k++) b[Q[k]] = x[k];
}

/**
 * luSolve for `count` right-hand sides stored one after another in b (b[c·n + i]), each factor
 * entry read once for all of them: the columns are gathered into X interleaved (X[k·count + c],
 * k in pivot order), so that every factor entry updates a contiguous run of count values.
 * Forward sensitivities solve all np columns with one factorisation this way.
 */
export function luSolveMany(
  n: number,
  P: Int32Array,
  Q: Int32Array,
  rowStart: Int32Array,
  col: Int32Array,
  diagPos: Int32Array,
  v: Float64Array,
  X: Float64Array,
  b: Float64Array,
  count: number,
): void {
  const nnz = rowStart[n];
  for (let k = 0; k < n; k++) {
    const src = P[k];
    const base = k * count;
    for (let c = 0, o = src; c < count; c++, o += n) X[base + c] = b[o];
  }
  for (let i = 0; i < n; i++) {
    const base = i * count;
    for (let p = rowStart[i], e = diagPos[i]; p < e; p++) {
      const l = v[p];
      if (l === 0) continue;
      const jb = col[p] * count;
      for (let c = 0; c < count; c++) X[base + c] -= l * X[jb + c];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const base = i * count;
    for (let p = diagPos[i] + 1, e = rowStart[i + 1]; p < e; p++) {
      const u = v[p];
      if (u === 0) continue;
      const jb = col[p] * count;
      for (let c = 0; c < count; c++) X[base + c] -= u * X[jb + c];
    }
    const d = v[nnz + i];
    for (let c = 0; c < count; c++) X[base + c] *= d;
  }
  for (let k = 0; k < n; k++) {
    const dst = Q[k];
    const base = k * count;
    for (let c = 0, o = dst; c < count; c++, o += n) b[o] = X[base + c];
  }
}

/**
 * Run a program: the values of c·I − J into their slots, then right-looking elimination; the
 * inverse pivots go after the factors (v[nnz + k]), so that solves multiply instead of dividing.
 * Returns -1 when done, else the pivot k that failed: with `check`, the threshold test (or a
 * zero or non-finite pivot); without, a zero or non-finite pivot. The factors are valid only on -1.
 */
export function eliminate(
  prog: Program,
  v: Float64Array,
  c: number,
  jac: Float64Array,
  check: boolean,
): number {
  const { jacPos, cPos, diagPos, rowStart, lStart, lPos, targetStart, targets } = prog;
  return run(jacPos, cPos, diagPos, rowStart, lStart, lPos, targetStart, targets, v, c, jac, check);
}

/** eliminate() on its arrays (a top-level function of them: see luSolve). */
function run(
  jacPos: Int32Array,
  cPos: Int32Array,
  diagPos: Int32Array,
  rowStart: Int32Array,
  lStart: Int32Array,
  lPos: Int32Array,
  targetStart: Int32Array,
  targets: Int32Array,
  v: Float64Array,
  c: number,
  jac: Float64Array,
  check: boolean,
): number {
  const n = cPos.length;
  const nnz = rowStart[n];
  v.fill(0);
  for (let q = 0; q < jacPos.length; q++) v[jacPos[q]] -= jac[q];
  for (let k = 0; k < n; k++) v[cPos[k]] += c;
  for (let k = 0; k < n; k++) {
    const dk = diagPos[k];
    const pivot = v[dk];
    const e0 = lStart[k];
    const e1 = lStart[k + 1];
    if (check) {
      let amax = 0;
      for (let e = e0; e < e1; e++) {
        const a = Math.abs(v[lPos[e]]);
        if (!(a <= amax)) amax = a;
      }
      if (!(Math.abs(pivot) >= PIVOT_THRESHOLD * amax) || pivot === 0 || !Number.isFinite(pivot)) return k;
    } else if (pivot === 0 || !Number.isFinite(pivot)) return k;
    const inv = 1 / pivot;
    v[nnz + k] = inv;
    const u0 = dk + 1;
    const ulen = rowStart[k + 1] - u0;
    for (let e = e0; e < e1; e++) {
      const pik = lPos[e];
      const lik = v[pik] * inv;
      v[pik] = lik;
      if (lik === 0) continue;
      const t0 = targetStart[e];
      for (let m = 0; m < ulen; m++) v[targets[t0 + m]] -= lik * v[u0 + m];
    }
  }
  return -1;
}
