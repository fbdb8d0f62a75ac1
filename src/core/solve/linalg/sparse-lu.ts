/**
 * Sparse LU of M = c·I − J on a fixed sparsity pattern, with threshold partial pivoting when the
 * static pivot order is not stable. The pivoting factorisation is the left-looking LU of
 * Gilbert & Peierls (SIAM J. Sci. Stat. Comput. 9 (1988) 862–874) as in CSparse's cs_lu
 * (Davis, Direct Methods for Sparse Linear Systems, SIAM 2006) and KLU (Davis & Palamadai
 * Natarajan, ACM TOMS 37 (2010) 36), whose pivot sequences are then reused while they stay
 * stable, as KLU's refactorisation does.
 *
 * Analysis, once per pattern: a fill-reducing order of diagonal pivots (the cheaper of Markowitz
 * and minimum degree, ordering.ts), the unsymmetric structure of L and U in that order (column
 * k of L and U is the reach of column k of M in the graph of L), and an elimination "program"
 * of index triples on that structure.
 *
 * Each numeric factorisation tries, cheapest first:
 * 1. static: diagonal pivots, running the program (a loop over flat Int32Arrays, no searching,
 *    no allocation). Accepted when it is what threshold partial pivoting would have chosen:
 *    every pivot at least τ times the largest entry below it in its column, i.e. every
 *    multiplier |l_ik| ≤ 1/τ (τ = 10⁻³, KLU's default);
 * 2. the last pivoted sequence: the program of the last pivoting factorisation's row order and
 *    structure, accepted under the same test;
 * 3. a pivoting factorisation: for each column its structure by depth-first search (the reach
 *    in the graph of L), a sparse triangular solve, then the pivot: the diagonal when it is
 *    within τ of the column's largest candidate, else the largest. It yields the new pivoted
 *    sequence, whose program then computes the factors used (so all factors come from the same
 *    code).
 * While a pivoted sequence is in use the static one is tried again now and then (it has the
 * least fill): after STATIC_RETRY factorisations, waiting twice as long after each failed retry. A column is reported singular only when step 3
 * finds no non-zero (finite) candidate in it, as the dense LU with partial pivoting would.
 *
 * The program runs right-looking over a values array laid out by rows (L, diagonal, U), and
 * solves go row by row (dot products, see luSolve).
 */
import type { SparsityPattern } from "../types.js";
import { markowitzOrder, minimumDegree } from "./ordering.js";

/** Threshold of partial pivoting: a pivot is at least this fraction of its column's largest candidate. */
export const PIVOT_THRESHOLD = 1e-3;
/**
 * While a pivoted sequence is in use, the static one is tried again after this many
 * factorisations; each failed retry doubles the wait (up to STATIC_RETRY_MAX), a success resets it.
 */
export const STATIC_RETRY = 8;
const STATIC_RETRY_MAX = 128;

/** How the factorisations of one SparseLu went (for benchmarks and tests). */
export interface SparseLuCounts {
  /** Accepted with the static diagonal pivots. */
  static: number;
  /** Accepted as a refactorisation of the last pivoted sequence. */
  refactor: number;
  /** Pivoting factorisations (a new pivot sequence). */
  pivoting: number;
  /** Attempts (static or refactorisation) rejected by the threshold test. */
  rejected: number;
}

/**
 * The elimination program of one pivot sequence and structure, in pivot numbering: row k of the
 * factors is original row P[k], column k is original column Q[k].
 */
interface Program {
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
interface Csc {
  readonly start: Int32Array;
  readonly row: Int32Array;
  readonly src: Int32Array;
}

/** The pattern-only part, shared by all systems with the same pattern object. */
interface Symbolic {
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

/** Pivoted programs kept per pattern (the oldest goes first). */
const PIVOTED_CACHE = 32;

/** Symbolic analyses by pattern object: repeated solves of one model (fits, sweeps, populations) pay once. */
const SYMBOLIC = new WeakMap<SparsityPattern, Symbolic>();

export class SparseLu {
  readonly n: number;
  /** Non-zeros of L + U of the static order (including the diagonal). */
  readonly nnz: number;
  /** Multiply-adds of one static numeric factorisation (for the dense/sparse choice). */
  readonly flops: number;
  readonly counts: SparseLuCounts = { static: 0, refactor: 0, pivoting: 0, rejected: 0 };
  private readonly sym: Symbolic;
  private readonly staticValues: Float64Array;
  /** The last pivoted sequence (null until static pivoting first fails, or after a singular column). */
  private pivoted: Program | null = null;
  private pivotedValues = new Float64Array(0);
  /** The factors of the last successful factorisation. */
  private prog: Program;
  private values: Float64Array;
  private inPivoted = false;
  private sinceStatic = 0;
  private staticWait = STATIC_RETRY;
  private readonly x: Float64Array;
  private readonly gp: PivotingScratch;

  constructor(n: number, pattern: SparsityPattern) {
    this.n = n;
    let sym = SYMBOLIC.get(pattern);
    if (!sym || sym.n !== n) {
      sym = analyse(n, pattern);
      SYMBOLIC.set(pattern, sym);
    }
    this.sym = sym;
    this.prog = sym.program;
    this.staticValues = new Float64Array(sym.program.col.length + n);
    this.values = this.staticValues;
    this.nnz = sym.program.col.length;
    this.flops = sym.program.flops;
    this.x = new Float64Array(n);
    this.gp = new PivotingScratch(n);
  }

  /** True when the last factorisation used a pivoted (non-static) sequence. */
  get usingPivotedSequence(): boolean {
    return this.inPivoted;
  }

  /**
   * Factor c·I − J, J given as values in the order of the system's pattern. Returns -1 on
   * success or the (original) index of a state whose column has no usable pivot (singular).
   */
  factorShifted(c: number, jac: Float64Array): number {
    const counts = this.counts;
    if (!this.inPivoted || ++this.sinceStatic >= this.staticWait) {
      if (eliminate(this.sym.program, this.staticValues, c, jac, true) < 0) {
        counts.static++;
        this.staticWait = STATIC_RETRY;
        this.use(this.sym.program, this.staticValues, false);
        return -1;
      }
      counts.rejected++;
      if (this.inPivoted) this.staticWait = Math.min(2 * this.staticWait, STATIC_RETRY_MAX);
      this.sinceStatic = 0;
    }
    if (this.pivoted) {
      if (eliminate(this.pivoted, this.pivotedValues, c, jac, true) < 0) {
        counts.refactor++;
        this.use(this.pivoted, this.pivotedValues, true);
        return -1;
      }
      counts.rejected++;
    }
    const bad0 = this.gp.factor(this.sym, c, jac, this.x);
    if (bad0 >= 0) return bad0;
    counts.pivoting++;
    // the diagonal after all (the static test is stricter where rounding sits at τ): static factors,
    // and the last pivoted sequence stays for when it is needed again
    const Q = this.sym.Q;
    const P = this.gp.P;
    let same = true;
    for (let k = 0; k < this.n && same; k++) same = P[k] === Q[k];
    if (same) {
      const bad = eliminate(this.sym.program, this.staticValues, c, jac, false);
      if (bad >= 0) return Q[bad];
      this.use(this.sym.program, this.staticValues, false);
      return -1;
    }
    const prog = this.pivotedProgram();
    if (this.pivotedValues.length < prog.col.length + this.n)
      this.pivotedValues = new Float64Array(prog.col.length + this.n);
    // the same pivots, computed by the program (rounding may put one a hair under τ: no test here)
    const bad = eliminate(prog, this.pivotedValues, c, jac, false);
    if (bad >= 0) return Q[bad];
    this.pivoted = prog;
    this.use(prog, this.pivotedValues, true);
    return -1;
  }

  /** The program of the sequence just found by the pivoting factorisation (cached per pattern). */
  private pivotedProgram(): Program {
    const { gp, sym } = this;
    const key = gp.P.join(",");
    const cache = sym.pivotedPrograms;
    let prog = cache.get(key);
    if (!prog) {
      prog = program(this.n, sym.csc, Int32Array.from(gp.P), sym.Q, gp.structure());
      if (cache.size >= PIVOTED_CACHE) cache.delete(cache.keys().next().value!);
      cache.set(key, prog);
    }
    return prog;
  }

  private use(prog: Program, values: Float64Array, pivoted: boolean): void {
    this.prog = prog;
    this.values = values;
    this.inPivoted = pivoted;
  }

  /** Solve (c·I − J) x = b in place with the last successful factorisation. */
  solve(b: Float64Array): void {
    const { P, rowStart, col, colOrig, diagPos } = this.prog;
    if (colOrig) luSolveInPlace(this.n, this.sym.Q, rowStart, colOrig, diagPos, this.values, b);
    else luSolve(this.n, P, this.sym.Q, rowStart, col, diagPos, this.values, this.x, b);
  }
}

/**
 * luSolve for a static program (rows and columns in the same order Q): in place in b's own
 * numbering, with no permutation passes and no scratch vector (13% faster on the IL-6 factors).
 */
function luSolveInPlace(
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
function luSolve(
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
 * Run a program: the values of c·I − J into their slots, then right-looking elimination; the
 * inverse pivots go after the factors (v[nnz + k]), so that solves multiply instead of dividing.
 * Returns -1 when done, else the pivot k that failed: with `check`, the threshold test (or a
 * zero or non-finite pivot); without, a zero or non-finite pivot. The factors are valid only on -1.
 */
function eliminate(prog: Program, v: Float64Array, c: number, jac: Float64Array, check: boolean): number {
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

/** The structure of L and U by columns in pivot numbering, rows ascending in each column. */
interface Structure {
  readonly lStart: Int32Array;
  readonly lRow: Int32Array;
  readonly uStart: Int32Array;
  readonly uRow: Int32Array;
}

/**
 * Gilbert–Peierls LU with threshold partial pivoting preferring the diagonal (cs_lu): for each
 * column (in the order Q), its reach in the graph of L by depth-first search, the sparse
 * triangular solve over it, then the pivot. L is kept with original row numbers while it is
 * built; the arrays grow as needed and are kept between calls (no allocation once warm).
 */
class PivotingScratch {
  /** The row order found: P[k] = original row of pivot k. */
  readonly P: Int32Array;
  private readonly pinv: Int32Array;
  private readonly xi: Int32Array;
  private readonly stack: Int32Array;
  private readonly pstack: Int32Array;
  private readonly mark: Int32Array;
  private stamp = 0;
  private readonly lStart: Int32Array;
  private lRow = new Int32Array(0);
  private lVal = new Float64Array(0);
  private readonly uStart: Int32Array;
  private uRow = new Int32Array(0);

  constructor(private readonly n: number) {
    this.P = new Int32Array(n);
    this.pinv = new Int32Array(n);
    this.xi = new Int32Array(n);
    this.stack = new Int32Array(n);
    this.pstack = new Int32Array(n);
    this.mark = new Int32Array(n);
    this.lStart = new Int32Array(n + 1);
    this.uStart = new Int32Array(n + 1);
  }

  /**
   * Factor, leaving the row order in P: -1, or the original index of a singular column.
   * `x` is zero on entry and on return.
   */
  factor(sym: Symbolic, c: number, jac: Float64Array, x: Float64Array): number {
    const n = this.n;
    const { csc, Q } = sym;
    const { pinv, xi, P } = this;
    pinv.fill(-1);
    let lnz = 0;
    let unz = 0;
    for (let k = 0; k < n; k++) {
      this.lStart[k] = lnz;
      this.uStart[k] = unz;
      if (lnz + n > this.lRow.length) this.growL(lnz + n);
      if (unz + n > this.uRow.length) this.growU(unz + n);
      const col = Q[k];
      const top = this.reach(col, csc);
      for (let p = top; p < n; p++) x[xi[p]] = 0;
      for (let p = csc.start[col]; p < csc.start[col + 1]; p++) {
        const s = csc.src[p];
        if (s >= 0) x[csc.row[p]] -= jac[s];
      }
      x[col] += c;
      // x = L \ M(:, col) over the reach, in topological order
      const { lStart, lRow, lVal, uRow } = this;
      for (let p = top; p < n; p++) {
        const i = xi[p];
        const j = pinv[i];
        if (j < 0) continue;
        const ujk = x[i];
        if (ujk === 0) continue;
        for (let q = lStart[j], e = lStart[j + 1]; q < e; q++) x[lRow[q]] -= lVal[q] * ujk;
      }
      // U's column: the pivotal rows; the pivot: the largest other, or the diagonal within τ of it
      let ipiv = -1;
      let amax = -1;
      for (let p = top; p < n; p++) {
        const i = xi[p];
        const j = pinv[i];
        if (j >= 0) uRow[unz++] = j;
        else {
          const a = Math.abs(x[i]);
          if (!(a <= amax)) {
            amax = a;
            ipiv = i;
          }
        }
      }
      if (ipiv < 0 || !(amax > 0) || amax === Infinity) {
        for (let p = top; p < n; p++) x[xi[p]] = 0;
        return col;
      }
      if (pinv[col] < 0 && Math.abs(x[col]) >= PIVOT_THRESHOLD * amax) ipiv = col;
      const pivot = x[ipiv];
      P[k] = ipiv;
      pinv[ipiv] = k;
      for (let p = top; p < n; p++) {
        const i = xi[p];
        if (pinv[i] < 0) {
          lRow[lnz] = i;
          lVal[lnz++] = x[i] / pivot;
        }
      }
      for (let p = top; p < n; p++) x[xi[p]] = 0;
    }
    this.lStart[n] = lnz;
    this.uStart[n] = unz;
    return -1;
  }

  /** The structure of the last successful factorisation (copies; L's rows in pivot numbering). */
  structure(): Structure {
    const n = this.n;
    const { pinv } = this;
    const lStart = Int32Array.from(this.lStart);
    const uStart = Int32Array.from(this.uStart);
    const lRow = this.lRow.slice(0, lStart[n]);
    const uRow = this.uRow.slice(0, uStart[n]);
    for (let q = 0; q < lRow.length; q++) lRow[q] = pinv[lRow[q]];
    for (let k = 0; k < n; k++) {
      lRow.subarray(lStart[k], lStart[k + 1]).sort();
      uRow.subarray(uStart[k], uStart[k + 1]).sort();
    }
    return { lStart, lRow, uStart, uRow };
  }

  private growL(need: number): void {
    const cap = Math.max(need, 2 * this.lRow.length);
    const r = new Int32Array(cap);
    r.set(this.lRow);
    const v = new Float64Array(cap);
    v.set(this.lVal);
    this.lRow = r;
    this.lVal = v;
  }

  private growU(need: number): void {
    const r = new Int32Array(Math.max(need, 2 * this.uRow.length));
    r.set(this.uRow);
    this.uRow = r;
  }

  /**
   * Reach of column `col` of M in the graph of L (row i → rows of L's column pinv[i], for
   * pivotal rows), by non-recursive depth-first search: the rows are left in xi[top..n) in
   * topological order (cs_reach, cs_dfs). Returns top.
   */
  private reach(col: number, csc: Csc): number {
    const { n, xi, stack, pstack, mark, pinv, lStart, lRow } = this;
    if (this.stamp === 0x3fffffff) {
      mark.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    let top = n;
    for (let p0 = csc.start[col]; p0 < csc.start[col + 1]; p0++) {
      if (mark[csc.row[p0]] === stamp) continue;
      let head = 0;
      stack[0] = csc.row[p0];
      while (head >= 0) {
        const j = stack[head];
        const jp = pinv[j];
        if (mark[j] !== stamp) {
          mark[j] = stamp;
          pstack[head] = jp < 0 ? 0 : lStart[jp];
        }
        let done = true;
        const end = jp < 0 ? 0 : lStart[jp + 1];
        for (let p = pstack[head]; p < end; p++) {
          const i = lRow[p];
          if (mark[i] === stamp) continue;
          pstack[head] = p + 1;
          stack[++head] = i;
          done = false;
          break;
        }
        if (done) {
          head--;
          xi[--top] = j;
        }
      }
    }
    return top;
  }
}

function analyse(n: number, pattern: SparsityPattern): Symbolic {
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
function program(n: number, csc: Csc, P: Int32Array, Q: Int32Array, st: Structure): Program {
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
