/**
 * The iteration matrix M = c·I − J of implicit methods (Rosenbrock: c = 1/(hγ); BDF/Newton:
 * c = 1/γ), with the Jacobian kept separately so that it can be reused while c changes.
 * Chooses, once per system, between the dense LU with partial pivoting and the sparse LU on
 * the fixed pattern; the sparse LU pivots by itself when its static order is not stable for
 * some c (threshold partial pivoting, sparse-lu.ts), so it never falls back to the dense LU.
 *
 * Jacobian sources, best first: jacobianSparse (sparse path), jacobian (dense), finite
 * differences (grouped columns when a pattern is known).
 */
import type { OdeSystem, SolverStats } from "../types.js";
import { denseLuFactor, denseLuSolve } from "./dense-lu.js";
import { denseLuSolveMany } from "./dense-multi.js";
import { SparseLu, type SparseLuCounts } from "./sparse-lu.js";
import { type ColumnGroups, fdJacobianDense, fdJacobianGrouped, groupColumns } from "./fd-jacobian.js";

export type LinearSolverChoice = "auto" | "dense" | "sparse";

/**
 * Below this size the dense LU wins even on sparse patterns (plain loops over a 64-float
 * array beat index indirection); measured with `npm run bench -- linalg`: break-even near n = 16 for network-like
 * patterns (4 off-diagonals per row), sparse 1.4× faster at 20, 3× at 50–300, 2.7× on POLLU.
 */
export const SPARSE_MIN_SIZE = 16;
/** Sparse only when it does at most this fraction of the dense LU's multiply-adds. */
const SPARSE_MAX_FLOP_RATIO = 0.5;

/** What implicit steppers use of an iteration matrix (see also BlockIterationMatrix). */
export interface LinearSolver {
  evaluate(t: number, y: Float64Array, fy: Float64Array, floor: Float64Array): void;
  factor(c: number): number;
  solve(b: Float64Array): void;
}

export class IterationMatrix implements LinearSolver {
  readonly n: number;
  /** True when the sparse LU is used. */
  readonly sparse: boolean;
  private readonly system: OdeSystem;
  private readonly p: Float64Array;
  private readonly stats: SolverStats;
  /** Dense row-major Jacobian (dense path, or sparse fallback scratch). */
  private denseJ: Float64Array | null;
  /** Jacobian values in pattern order (sparse path). */
  private readonly jvals: Float64Array;
  private readonly slu: SparseLu | null;
  private readonly groups: ColumnGroups | null;
  private denseLu: Float64Array | null;
  private readonly piv: Int32Array;
  private readonly ftmp: Float64Array;
  private readonly ysave: Float64Array;
  private readonly rhs: (t: number, y: Float64Array, dydt: Float64Array) => void;

  constructor(system: OdeSystem, p: Float64Array, stats: SolverStats, choice: LinearSolverChoice = "auto") {
    const n = system.size;
    this.n = n;
    this.system = system;
    this.p = p;
    this.stats = stats;
    this.rhs = (t, y, dydt) => system.rhs(t, y, p, dydt);
    const pattern = system.sparsity;
    let slu: SparseLu | null = null;
    if (pattern && choice !== "dense" && (choice === "sparse" || n >= SPARSE_MIN_SIZE)) {
      slu = new SparseLu(n, pattern);
      const denseFlops = (n * n * n) / 3;
      if (choice === "auto" && slu.flops > SPARSE_MAX_FLOP_RATIO * denseFlops) slu = null;
    }
    this.slu = slu;
    this.sparse = slu !== null;
    this.groups =
      pattern && !(slu ? system.jacobianSparse || system.jacobian : system.jacobian)
        ? groupColumns(n, pattern)
        : null;
    this.jvals = new Float64Array(pattern ? pattern.colIndex.length : 0);
    // the dense n×n buffers are made only when the dense path or a dense Jacobian source needs
    // them (on the sparse path of a 150-state model they were 360 KB of garbage per solve)
    this.denseJ = slu ? null : new Float64Array(n * n);
    this.denseLu = slu ? null : new Float64Array(n * n);
    this.piv = new Int32Array(n);
    this.ftmp = new Float64Array(n);
    this.ysave = new Float64Array(n);
  }

  private get J(): Float64Array {
    return (this.denseJ ??= new Float64Array(this.n * this.n));
  }

  private get lu(): Float64Array {
    return (this.denseLu ??= new Float64Array(this.n * this.n));
  }

  /** Take J from values in the order of the system's sparsity pattern (evaluated elsewhere). */
  setJacobian(values: Float64Array): void {
    this.jvals.set(values);
    if (!this.sparse) this.scatterPattern();
  }

  /**
   * Evaluate J at (t, y). `fy` = f(t, y) (used by finite differences); `floor[j]` is the size
   * of y_j below which it is negligible (atol_j/rtol), for the difference increments.
   */
  evaluate(t: number, y: Float64Array, fy: Float64Array, floor: Float64Array): void {
    const { system, p, n } = this;
    this.stats.jacEvals++;
    const pattern = system.sparsity;
    if (this.sparse && pattern) {
      if (system.jacobianSparse) system.jacobianSparse(t, y, p, this.jvals);
      else if (system.jacobian) {
        system.jacobian(t, y, p, this.J);
        const { rowStart, colIndex } = pattern;
        for (let i = 0; i < n; i++) {
          for (let q = rowStart[i]; q < rowStart[i + 1]; q++) this.jvals[q] = this.J[i * n + colIndex[q]];
        }
      } else {
        this.stats.rhsEvals += fdJacobianGrouped(
          this.rhs,
          t,
          y,
          fy,
          floor,
          this.groups!,
          this.jvals,
          this.ftmp,
          this.ysave,
        );
      }
      return;
    }
    if (system.jacobian) system.jacobian(t, y, p, this.J);
    else if (pattern && system.jacobianSparse) {
      system.jacobianSparse(t, y, p, this.jvals);
      this.scatterPattern();
    } else if (this.groups && pattern) {
      this.stats.rhsEvals += fdJacobianGrouped(
        this.rhs,
        t,
        y,
        fy,
        floor,
        this.groups,
        this.jvals,
        this.ftmp,
        this.ysave,
      );
      this.scatterPattern();
    } else {
      this.stats.rhsEvals += fdJacobianDense(this.rhs, n, t, y, fy, floor, this.J, this.ftmp);
    }
  }

  private scatterPattern(): void {
    const { rowStart, colIndex } = this.system.sparsity!;
    const n = this.n;
    for (let i = 0; i < n; i++) {
      for (let q = rowStart[i]; q < rowStart[i + 1]; q++) this.J[i * n + colIndex[q]] = this.jvals[q];
    }
  }

  /**
   * Factor c·I − J. Returns -1 on success, else the index of a state whose pivot vanished
   * (the matrix is singular for this c).
   */
  factor(c: number): number {
    this.stats.luDecompositions++;
    if (this.slu) return this.slu.factorShifted(c, this.jvals);
    const { n, J, lu } = this;
    for (let k = 0; k < n * n; k++) lu[k] = -J[k];
    for (let i = 0; i < n; i++) lu[i * n + i] += c;
    return denseLuFactor(n, lu, this.piv);
  }

  /** Solve (c·I − J) x = b in place with the last factorisation. */
  solve(b: Float64Array): void {
    this.stats.linearSolves++;
    if (this.slu) this.slu.solve(b);
    else denseLuSolve(this.n, this.lu, this.piv, b);
  }

  /** True when the factors are the dense LU (the dense path). */
  get denseFactors(): boolean {
    return !this.slu;
  }

  /** How the sparse factorisations went (static, refactored, pivoting), null on the dense path. */
  get sparseCounts(): SparseLuCounts | null {
    return this.slu ? this.slu.counts : null;
  }

  /**
   * Solve for `count` right-hand sides stored one after another in b (counted as count solves):
   * each factor entry is read once for all of them, on either path.
   */
  solveMany(b: Float64Array, count: number): void {
    if (!this.slu) {
      this.solveDenseMany(b, count);
      return;
    }
    this.stats.linearSolves += count;
    this.slu.solveMany(b, count);
  }

  /**
   * Solve for `count` right-hand sides stored one after another in b with the dense factors
   * (only when denseFactors): each factor entry is read once for all of them.
   */
  solveDenseMany(b: Float64Array, count: number): void {
    if (!this.denseFactors) throw new Error("il6sim internal error: solveDenseMany needs the dense factors");
    this.stats.linearSolves += count;
    denseLuSolveMany(this.n, this.lu, this.piv, b, count);
  }
}
