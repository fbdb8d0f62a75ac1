/**
 * Sparse LU of M = c·I − J on a fixed sparsity pattern: symbolic analysis once (minimum-degree
 * order, fill, an elimination "program" of index triples), then each numeric factorisation is
 * a loop over flat Int32Arrays with no searching and no allocation. The pivot order is static
 * (no numerical pivoting): c·I − J for kinetics is diagonally weighted for the step sizes that
 * matter, and a pivot that is small relative to its column is reported so that the caller can
 * fall back to the dense LU with partial pivoting for that factorisation.
 */
import type { SparsityPattern } from "../types.js";
import { minimumDegree } from "./ordering.js";

export class SparseLu {
  readonly n: number;
  /** Non-zeros of L + U (including the diagonal). */
  readonly nnz: number;
  /** Multiply-adds of one numeric factorisation (for the dense/sparse choice). */
  readonly flops: number;
  private readonly perm: Int32Array;
  private readonly rowStart: Int32Array;
  private readonly col: Int32Array;
  private readonly diagPos: Int32Array;
  private readonly values: Float64Array;
  /** Where each entry of the system's pattern goes in `values` (new numbering). */
  private readonly jacPos: Int32Array;
  /** Elimination program: for pivot k, lStart[k]..lStart[k+1] index lPos/targetStart. */
  private readonly lStart: Int32Array;
  private readonly lPos: Int32Array;
  private readonly targetStart: Int32Array;
  private readonly targets: Int32Array;
  private readonly colMax: Float64Array;
  private readonly work: Float64Array;

  constructor(n: number, pattern: SparsityPattern) {
    this.n = n;
    let sym = SYMBOLIC.get(pattern);
    if (!sym || sym.n !== n) {
      sym = analyse(n, pattern);
      SYMBOLIC.set(pattern, sym);
    }
    this.perm = sym.perm;
    this.rowStart = sym.rowStart;
    this.col = sym.col;
    this.diagPos = sym.diagPos;
    this.jacPos = sym.jacPos;
    this.lStart = sym.lStart;
    this.lPos = sym.lPos;
    this.targetStart = sym.targetStart;
    this.targets = sym.targets;
    this.nnz = sym.col.length;
    this.flops = sym.targets.length + sym.lPos.length;
    this.values = new Float64Array(this.nnz);
    this.colMax = new Float64Array(n);
    this.work = new Float64Array(n);
  }

  /**
   * Factor c·I − J, J given as values in the order of the system's pattern. Returns -1 on
   * success or the (original) index of the state whose pivot was too small for static pivoting.
   */
  factorShifted(c: number, jac: Float64Array): number {
    const v = this.values;
    v.fill(0);
    const jacPos = this.jacPos;
    for (let q = 0; q < jacPos.length; q++) v[jacPos[q]] -= jac[q];
    const n = this.n;
    const diagPos = this.diagPos;
    for (let i = 0; i < n; i++) v[diagPos[i]] += c;
    return this.eliminate();
  }

  private eliminate(): number {
    const { n, values: v, diagPos, rowStart, lStart, lPos, targetStart, targets, colMax } = this;
    // Column maxima before elimination: the yardstick for "too small a pivot".
    colMax.fill(0);
    const col = this.col;
    for (let p = 0; p < v.length; p++) {
      const a = Math.abs(v[p]);
      if (a > colMax[col[p]]) colMax[col[p]] = a;
    }
    for (let k = 0; k < n; k++) {
      const dk = diagPos[k];
      const piv = v[dk];
      if (!(Math.abs(piv) > 1e-12 * colMax[k])) return this.perm[k];
      const inv = 1 / piv;
      const u0 = dk + 1;
      const ulen = rowStart[k + 1] - u0;
      for (let e = lStart[k]; e < lStart[k + 1]; e++) {
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

  /** Solve (c·I − J) x = b in place with the last successful factorisation. */
  solve(b: Float64Array): void {
    const { n, perm, rowStart, col, diagPos, values: v, work: x } = this;
    for (let k = 0; k < n; k++) x[k] = b[perm[k]];
    for (let i = 0; i < n; i++) {
      let s = x[i];
      for (let p = rowStart[i]; p < diagPos[i]; p++) s -= v[p] * x[col[p]];
      x[i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i];
      const d = diagPos[i];
      for (let p = d + 1; p < rowStart[i + 1]; p++) s -= v[p] * x[col[p]];
      x[i] = s / v[d];
    }
    for (let k = 0; k < n; k++) b[perm[k]] = x[k];
  }
}

/** The pattern-only part of the factorisation, shared by all systems with the same pattern. */
interface Symbolic {
  readonly n: number;
  readonly perm: Int32Array;
  readonly rowStart: Int32Array;
  readonly col: Int32Array;
  readonly diagPos: Int32Array;
  readonly jacPos: Int32Array;
  readonly lStart: Int32Array;
  readonly lPos: Int32Array;
  readonly targetStart: Int32Array;
  readonly targets: Int32Array;
}

/** Symbolic analyses by pattern object: repeated solves of one model (fits, sweeps) pay once. */
const SYMBOLIC = new WeakMap<SparsityPattern, Symbolic>();

function analyse(n: number, pattern: SparsityPattern): Symbolic {
  const sym = minimumDegree(n, pattern);
  // Row i (new numbering) holds columns {j < i : i ∈ later[j]} ∪ {i} ∪ later[i].
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push([]);
  for (let j = 0; j < n; j++) for (const i of sym.later[j]) rows[i].push(j);
  const rowStart = new Int32Array(n + 1);
  const colList: number[] = [];
  const diagPos = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    rowStart[i] = colList.length;
    const lower = rows[i].sort((a, b) => a - b);
    for (const j of lower) colList.push(j);
    diagPos[i] = colList.length;
    colList.push(i);
    for (const j of sym.later[i]) colList.push(j);
  }
  rowStart[n] = colList.length;
  const col = Int32Array.from(colList);

  // Slot lookup through a scattered row (slotOf[col] for one row at a time): linear in the
  // size of the program, which matters for models with hundreds of states.
  const slotOf = new Int32Array(n).fill(-1);
  const scatterRow = (i: number, on: boolean): void => {
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) slotOf[col[p]] = on ? p : -1;
  };
  const jacPos = new Int32Array(pattern.colIndex.length);
  for (let i = 0; i < n; i++) {
    const ni = sym.iperm[i];
    scatterRow(ni, true);
    for (let q = pattern.rowStart[i]; q < pattern.rowStart[i + 1]; q++)
      jacPos[q] = slotOf[sym.iperm[pattern.colIndex[q]]];
    scatterRow(ni, false);
  }

  // Elimination program (right-looking): for each pivot k and each row i > k with l_ik ≠ 0,
  // a_ij -= l_ik · a_kj for the U entries j > k of row k, whose slots are contiguous.
  // Entries e are numbered pivot by pivot; their index lists are filled row by row.
  const lStart = new Int32Array(n + 1);
  let nEntries = 0;
  let nTargets = 0;
  const rowEntries: number[][] = Array.from({ length: n }, () => []);
  const targetStartList: number[] = [];
  for (let k = 0; k < n; k++) {
    lStart[k] = nEntries;
    const ulen = rowStart[k + 1] - diagPos[k] - 1;
    for (const i of sym.later[k]) {
      rowEntries[i].push(k, nEntries++);
      targetStartList.push(nTargets);
      nTargets += ulen;
    }
  }
  lStart[n] = nEntries;
  targetStartList.push(nTargets);
  const lPos = new Int32Array(nEntries);
  const targets = new Int32Array(nTargets);
  for (let i = 0; i < n; i++) {
    scatterRow(i, true);
    const list = rowEntries[i];
    for (let m = 0; m < list.length; m += 2) {
      const k = list[m];
      const e = list[m + 1];
      lPos[e] = slotOf[k];
      let t = targetStartList[e];
      for (let p = diagPos[k] + 1; p < rowStart[k + 1]; p++) targets[t++] = slotOf[col[p]];
    }
    scatterRow(i, false);
  }
  return {
    n,
    perm: sym.perm,
    rowStart,
    col,
    diagPos,
    jacPos,
    lStart,
    lPos,
    targetStart: Int32Array.from(targetStartList),
    targets,
  };
}
