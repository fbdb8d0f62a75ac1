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
 * solves go row by row (dot products, see luSolve). The symbolic analysis is in
 * sparse-lu-symbolic.ts, the elimination and solve loops in sparse-lu-numeric.ts.
 */
import type { SparsityPattern } from "../types.js";
import { type LuKernel, luKernel } from "./lu-kernel.js";
import { eliminate, luSolve, luSolveInPlace, luSolveMany, PIVOT_THRESHOLD } from "./sparse-lu-numeric.js";
import {
  analyse,
  program,
  type Csc,
  type Program,
  type Structure,
  type Symbolic,
} from "./sparse-lu-symbolic.js";

export { PIVOT_THRESHOLD } from "./sparse-lu-numeric.js";

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
 * Pivoted programs kept per pattern (the oldest goes first). A 70 % PHx population's 1 000
 * members use 77 distinct sequences: with 32 kept, 541 programs were rebuilt; with room for
 * them all, 84 were built (each ~30–50 KB for the IL-6 model's 122 active states).
 */
const PIVOTED_CACHE = 128;

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
  /** Interleaved scratch of solveMany (grows to n × the most columns seen). */
  private xMany = new Float64Array(0);
  private readonly gp: PivotingScratch;
  /** The WebAssembly elimination and solve (lu-kernel.ts), null for the TypeScript loops. */
  private readonly kernel: LuKernel | null = luKernel();

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
      if (this.eliminate(this.sym.program, this.staticValues, c, jac, true) < 0) {
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
      if (this.eliminate(this.pivoted, this.pivotedValues, c, jac, true) < 0) {
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
      const bad = this.eliminate(this.sym.program, this.staticValues, c, jac, false);
      if (bad >= 0) return Q[bad];
      this.use(this.sym.program, this.staticValues, false);
      return -1;
    }
    const prog = this.pivotedProgram();
    if (this.pivotedValues.length < prog.col.length + this.n)
      this.pivotedValues = new Float64Array(prog.col.length + this.n);
    // the same pivots, computed by the program (rounding may put one a hair under τ: no test here)
    const bad = this.eliminate(prog, this.pivotedValues, c, jac, false);
    if (bad >= 0) return Q[bad];
    this.pivoted = prog;
    this.use(prog, this.pivotedValues, true);
    return -1;
  }

  private eliminate(
    prog: Program,
    values: Float64Array,
    c: number,
    jac: Float64Array,
    check: boolean,
  ): number {
    return this.kernel
      ? this.kernel.eliminate(prog, this.sym.Q, values, c, jac, check)
      : eliminate(prog, values, c, jac, check);
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
    if (this.kernel) {
      this.kernel.solve(this.prog, this.sym.Q, this.values, b);
      return;
    }
    const { P, rowStart, col, colOrig, diagPos } = this.prog;
    if (colOrig) luSolveInPlace(this.n, this.sym.Q, rowStart, colOrig, diagPos, this.values, b);
    else luSolve(this.n, P, this.sym.Q, rowStart, col, diagPos, this.values, this.x, b);
  }

  /** Solve for `count` right-hand sides stored one after another in b (see luSolveMany). */
  solveMany(b: Float64Array, count: number): void {
    if (this.kernel) {
      this.kernel.solveMany(this.prog, this.sym.Q, this.values, b, count);
      return;
    }
    const { P, rowStart, col, diagPos } = this.prog;
    const need = this.n * count;
    if (this.xMany.length < need) this.xMany = new Float64Array(need);
    luSolveMany(this.n, P, this.sym.Q, rowStart, col, diagPos, this.values, this.xMany, b, count);
  }
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
