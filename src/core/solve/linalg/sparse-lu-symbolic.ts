/**
 * The symbolic part of the sparse LU (sparse-lu.ts), done once per sparsity pattern or pivot
 * sequence: M's pattern by columns, a fill-reducing diagonal order, the structure of L and U in
 * that order, and the elimination "program" of index triples that the numeric factorisation
 * runs (sparse-lu-numeric.ts).
 */
import type { SparsityPattern } from "../types.js";
import { markowitzOrder, minimumDegree } from "./ordering.js";

/**
 * The elimination program of one pivot sequence and structure, in pivot numbering: row k of the
 * factors is original row P[k], column k is original column Q[k].
 */
export interface Program {
  readonly P: Int32Array;
  /** L + U by rows: row i holds its L columns (ascending), the diagonal, its U columns (ascending). */
  readonly rowStart: Int32Array;
  readonly col: Int32Array;
  readonly diagPos: Int32Array;
  /** Static programs (P = Q) only: the original index of each entry's column, Q[col[p]] (in-place solves). */
  readonly colOrig: Int32Array | null;
  /** Slot of each entry of the system's pattern, and of each column's diagonal of M (where c goes). */
  readonly jacPos: Int32Array;
  readonly cPos: Int32Array;
  /** For pivot k, entries e in lStart[k]..lStart[k+1]: slot lPos[e] of l_ik, and the slots of row i
   * that row k's U entries update, targets[targetStart[e]..] (in the order of row k's U entries). */
  readonly lStart: Int32Array;
  readonly lPos: Int32Array;
  readonly targetStart: Int32Array;
  readonly targets: Int32Array;
  /** Multiply-adds of one factorisation. */
  readonly flops: number;
}

/** M's pattern (the system's plus the diagonal) by columns; src = position in the Jacobian values, −1 for an added diagonal. */
export interface Csc {
  readonly start: Int32Array;
  readonly row: Int32Array;
  readonly src: Int32Array;
}

/** The pattern-only part, shared by all systems with the same pattern object. */
export interface Symbolic {
  readonly n: number;
  readonly csc: Csc;
  /** Column order (also the static row order). */
  readonly Q: Int32Array;
  readonly program: Program;
  /**
   * Programs of pivoted sequences by row order: the structure follows from the sequence, and
   * the same few sequences recur across the runs of one model (a population's members).
   */
  readonly pivotedPrograms: Map<string, Program>;
}

/** The structure of L and U by columns in pivot numbering, rows ascending in each column. */
export interface Structure {
  readonly lStart: Int32Array;
  readonly lRow: Int32Array;
  readonly uStart: Int32Array;
  readonly uRow: Int32Array;
}

export function analyse(n: number, pattern: SparsityPattern): Symbolic {
  const csc = columnsOf(n, pattern);
  // factorisations are rarer than solves (BDF: ~1 in 10; Rosenbrock: one per step, a solve per
  // stage): weigh the entries of L + U (each solve reads them) beside the multiply-adds
  let best: Symbolic | undefined;
  let bestCost = Infinity;
  for (const Q of [markowitzOrder(n, pattern), minimumDegree(n, pattern).perm]) {
    const prog = program(n, csc, Q, Q, staticStructure(n, csc, Q));
    const cost = prog.flops + 4 * prog.col.length;
    if (cost < bestCost) {
      bestCost = cost;
      best = { n, csc, Q, program: prog, pivotedPrograms: new Map() };
    }
  }
  return best!;
}

function columnsOf(n: number, pattern: SparsityPattern): Csc {
  const count = new Int32Array(n + 1);
  const hasDiag = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let q = pattern.rowStart[i]; q < pattern.rowStart[i + 1]; q++) {
      const j = pattern.colIndex[q];
      count[j + 1]++;
      if (j === i) hasDiag[i] = 1;
    }
  }
  for (let j = 0; j < n; j++) if (!hasDiag[j]) count[j + 1]++;
  for (let j = 0; j < n; j++) count[j + 1] += count[j];
  const start = Int32Array.from(count);
  const next = Int32Array.from(count.subarray(0, n));
  const row = new Int32Array(start[n]);
  const src = new Int32Array(start[n]);
  for (let i = 0; i < n; i++) {
    for (let q = pattern.rowStart[i]; q < pattern.rowStart[i + 1]; q++) {
      const j = pattern.colIndex[q];
      row[next[j]] = i;
      src[next[j]++] = q;
    }
  }
  for (let j = 0; j < n; j++) {
    if (hasDiag[j]) continue;
    row[next[j]] = j;
    src[next[j]++] = -1;
  }
  return { start, row, src };
}

/**
 * Structure of L and U for diagonal pivots in the order Q: column k is the reach of column Q[k]
 * of M in the graph of L (pivot numbering: row j → rows of L's column j, for j < k).
 */
function staticStructure(n: number, csc: Csc, Q: Int32Array): Structure {
  const iq = new Int32Array(n);
  for (let k = 0; k < n; k++) iq[Q[k]] = k;
  const L: Int32Array[] = [];
  const U: Int32Array[] = [];
  const mark = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const pstack = new Int32Array(n);
  const found: number[] = [];
  for (let k = 0; k < n; k++) {
    found.length = 0;
    const col = Q[k];
    for (let p0 = csc.start[col]; p0 < csc.start[col + 1]; p0++) {
      const s = iq[csc.row[p0]];
      if (mark[s] === k) continue;
      let head = 0;
      stack[0] = s;
      while (head >= 0) {
        const j = stack[head];
        const children = j < k ? L[j] : undefined;
        if (mark[j] !== k) {
          mark[j] = k;
          pstack[head] = 0;
        }
        let done = true;
        if (children) {
          for (let p = pstack[head]; p < children.length; p++) {
            const i = children[p];
            if (mark[i] === k) continue;
            pstack[head] = p + 1;
            stack[++head] = i;
            done = false;
            break;
          }
        }
        if (done) {
          head--;
          found.push(j);
        }
      }
    }
    U.push(Int32Array.from(found.filter((j) => j < k)).sort());
    L.push(Int32Array.from(found.filter((j) => j > k)).sort());
  }
  const flat = (cols: Int32Array[]) => {
    const start = new Int32Array(n + 1);
    for (let k = 0; k < n; k++) start[k + 1] = start[k] + cols[k].length;
    const rows = new Int32Array(start[n]);
    cols.forEach((c, k) => rows.set(c, start[k]));
    return { start, rows };
  };
  const l = flat(L);
  const u = flat(U);
  return { lStart: l.start, lRow: l.rows, uStart: u.start, uRow: u.rows };
}

/**
 * The elimination program of a pivot sequence (rows P, columns Q) and its structure (L and U
 * by columns, pivot numbering). Row i of the values holds L(i, ·), the diagonal, U(i, ·).
 */
export function program(n: number, csc: Csc, P: Int32Array, Q: Int32Array, st: Structure): Program {
  const { lStart: Ls, lRow: Lr, uStart: Us, uRow: Ur } = st;
  // L + U by rows: counts, then columns in ascending order (columns are visited in order)
  const rowStart = new Int32Array(n + 1);
  for (let q = 0; q < Lr.length; q++) rowStart[Lr[q] + 1]++;
  for (let q = 0; q < Ur.length; q++) rowStart[Ur[q] + 1]++;
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i] + 1;
  const col = new Int32Array(rowStart[n]);
  const diagPos = new Int32Array(n);
  const next = rowStart.slice(0, n);
  for (let k = 0; k < n; k++) for (let q = Ls[k]; q < Ls[k + 1]; q++) col[next[Lr[q]]++] = k;
  for (let i = 0; i < n; i++) {
    diagPos[i] = next[i];
    col[next[i]++] = i;
  }
  for (let k = 0; k < n; k++) for (let q = Us[k]; q < Us[k + 1]; q++) col[next[Ur[q]]++] = k;
  // slots found through one scattered row at a time
  const slotOf = new Int32Array(n).fill(-1);
  const scatterRow = (i: number, on: boolean): void => {
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) slotOf[col[p]] = on ? p : -1;
  };
  const pinv = new Int32Array(n);
  const qinv = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    pinv[P[k]] = k;
    qinv[Q[k]] = k;
  }
  // M's entries (original row r, column j) go to slot (pinv[r], qinv[j]); c to (pinv[Q[k]], k)
  let nJac = 0;
  for (let p = 0; p < csc.src.length; p++) if (csc.src[p] >= 0) nJac++;
  const jacPos = new Int32Array(nJac).fill(-1);
  const cPos = new Int32Array(n).fill(-1);
  const byRow = groupByRow(
    n,
    csc.row.length,
    (p) => pinv[csc.row[p]],
    (emit) => {
      for (let j = 0; j < n; j++) for (let p = csc.start[j]; p < csc.start[j + 1]; p++) emit(p, qinv[j]);
    },
  );
  for (let i = 0; i < n; i++) {
    scatterRow(i, true);
    for (let m = byRow.start[i]; m < byRow.start[i + 1]; m++) {
      const p = byRow.item[m];
      const slot = slotOf[byRow.tag[m]];
      if (csc.src[p] >= 0) jacPos[csc.src[p]] = slot;
      else cPos[byRow.tag[m]] = slot;
    }
    scatterRow(i, false);
  }
  for (let k = 0; k < n; k++) {
    if (cPos[k] >= 0) continue; // an added diagonal: found above
    const i = pinv[Q[k]];
    scatterRow(i, true);
    cPos[k] = slotOf[k];
    scatterRow(i, false);
  }
  // elimination program: entries e numbered pivot by pivot (e = position in L by columns),
  // their index lists filled row by row
  const nEntries = Ls[n];
  const targetStart = new Int32Array(nEntries + 1);
  for (let k = 0; k < n; k++) {
    const ulen = rowStart[k + 1] - diagPos[k] - 1;
    for (let e = Ls[k]; e < Ls[k + 1]; e++) targetStart[e + 1] = targetStart[e] + ulen;
  }
  const lPos = new Int32Array(nEntries).fill(-1);
  const targets = new Int32Array(targetStart[nEntries]).fill(-1);
  const entries = groupByRow(
    n,
    nEntries,
    (e) => Lr[e],
    (emit) => {
      for (let k = 0; k < n; k++) for (let e = Ls[k]; e < Ls[k + 1]; e++) emit(e, k);
    },
  );
  for (let i = 0; i < n; i++) {
    scatterRow(i, true);
    for (let m = entries.start[i]; m < entries.start[i + 1]; m++) {
      const e = entries.item[m];
      const k = entries.tag[m];
      lPos[e] = slotOf[k];
      let t = targetStart[e];
      for (let p = diagPos[k] + 1; p < rowStart[k + 1]; p++) targets[t++] = slotOf[col[p]];
    }
    scatterRow(i, false);
  }
  // every slot exists when the structure is closed under elimination (a symbolic factorisation)
  if (jacPos.includes(-1) || cPos.includes(-1) || lPos.includes(-1) || targets.includes(-1))
    throw new Error("il6sim internal error: sparse LU structure is not closed under elimination");
  let same = true;
  for (let k = 0; k < n && same; k++) same = P[k] === Q[k];
  return {
    P,
    rowStart,
    col,
    diagPos,
    colOrig: same ? Int32Array.from(col, (j) => Q[j]) : null,
    jacPos,
    cPos,
    lStart: Ls,
    lPos,
    targetStart,
    targets,
    flops: targets.length + nEntries,
  };
}

/** Items with a tag, grouped by a row (counting sort; emission order kept within a row). */
function groupByRow(
  n: number,
  count: number,
  rowOf: (item: number) => number,
  each: (emit: (item: number, tag: number) => void) => void,
): { start: Int32Array; item: Int32Array; tag: Int32Array } {
  const start = new Int32Array(n + 1);
  each((item) => start[rowOf(item) + 1]++);
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const next = start.slice(0, n);
  const item = new Int32Array(count);
  const tag = new Int32Array(count);
  each((it, t) => {
    const m = next[rowOf(it)]++;
    item[m] = it;
    tag[m] = t;
  });
  return { start, item, tag };
}
