/**
 * The block-diagonal iteration matrix of a system that declares `blocks` (forward
 * sensitivities): M = c·I − J of the first block only, factored once and applied to each of the
 * `count` blocks of a right-hand side in turn. For the augmented system (y, S_1..S_np) this is
 * the simultaneous-corrector matrix of CVODES (Maly & Petzold, Appl. Numer. Math. 20 (1996)
 * 57–79): exact for y, and for each S_k it omits the coupling ∂(J S_k + ∂f/∂p_k)/∂y, which the
 * Newton iteration tolerates (S_k enters linearly, so it converges once y has).
 * Only methods that declare `blockNewton` may use it; the factory below asks that capability.
 */
import type { OdeSystem, SolverStats } from "../types.js";
import { IterationMatrix, type LinearSolver, type LinearSolverChoice } from "./iteration-matrix.js";

/** Cached subarray views of the same buffer (no allocation once a buffer has been seen). */
class Views {
  private buf: Float64Array | null = null;
  private views: Float64Array[] = [];

  constructor(
    private readonly size: number,
    private readonly count: number,
  ) {}

  of(buf: Float64Array): Float64Array[] {
    if (buf !== this.buf) {
      this.buf = buf;
      this.views = Array.from({ length: this.count }, (_, c) =>
        buf.subarray(c * this.size, (c + 1) * this.size),
      );
    }
    return this.views;
  }
}

/**
 * Up to this block size the simultaneous corrector's blocks use the dense LU with multi-column
 * substitution (each factor entry read once for all columns). Measured per solve of all 26
 * blocks (min of repeated runs): POLLU (n = 20) dense 16 µs vs sparse 18 µs; the IL-6 liver
 * model (n = 148) sparse 128 µs vs dense 390 µs. Staggered systems keep the plain run's choice:
 * their Newton on y solves one block at a time, where the sparse LU wins from n = 16 (POLLU
 * with one sensitivity: its y-Newton took 2.3× the plain run's time on the dense LU).
 */
export const BLOCK_DENSE_MAX = 24;

export class BlockIterationMatrix implements LinearSolver {
  private readonly inner: IterationMatrix;
  private readonly count: number;
  private readonly rhsViews: Views;
  private readonly yView: Views;
  private readonly fView: Views;
  private readonly floorView: Views;

  constructor(
    block: OdeSystem,
    count: number,
    p: Float64Array,
    stats: SolverStats,
    choice?: LinearSolverChoice,
    /** The system uses the staggered corrector (see BLOCK_DENSE_MAX). */
    staggered = false,
  ) {
    const n = block.size;
    const dense = choice === "dense" || ((choice ?? "auto") === "auto" && n <= BLOCK_DENSE_MAX && !staggered);
    this.inner = new IterationMatrix(block, p, stats, dense ? "dense" : choice);
    this.count = count;
    this.rhsViews = new Views(n, count);
    this.yView = new Views(n, 1);
    this.fView = new Views(n, 1);
    this.floorView = new Views(n, 1);
  }

  /** J of the first block at y[0..n) (fy and floor: their first blocks). */
  evaluate(t: number, y: Float64Array, fy: Float64Array, floor: Float64Array): void {
    this.inner.evaluate(t, this.yView.of(y)[0], this.fView.of(fy)[0], this.floorView.of(floor)[0]);
  }

  /** Factor c·I − J of the block (one LU, counted once). */
  factor(c: number): number {
    return this.inner.factor(c);
  }

  /** Solve each block of b with the block's factorisation (counted as one solve per block). */
  solve(b: Float64Array): void {
    if (this.inner.denseFactors) this.inner.solveDenseMany(b, this.count);
    else for (const v of this.rhsViews.of(b)) this.inner.solve(v);
  }

  /** The first block's matrix alone (the staggered corrector's Newton on y). */
  get single(): LinearSolver {
    return this.inner;
  }

  /** Solve the count − 1 blocks after the first, stored one after another in b. */
  solveOthers(b: Float64Array): void {
    if (this.count === 2) this.inner.solve(b);
    else this.inner.solveMany(b, this.count - 1);
  }
}

/**
 * The iteration matrix an implicit method should use: block-diagonal when the system declares
 * blocks and the method may approximate (`blockNewton`), else the full matrix.
 */
export function iterationMatrixFor(
  system: OdeSystem,
  p: Float64Array,
  stats: SolverStats,
  choice: LinearSolverChoice | undefined,
  blockNewton: boolean,
): LinearSolver {
  const blocks = blockNewton ? system.blocks : undefined;
  if (blocks) {
    if (blocks.block.size * blocks.count !== system.size)
      throw new Error(
        `il6sim internal error: blocks of ${blocks.count} × ${blocks.block.size} do not make up a system of size ${system.size}`,
      );
    return new BlockIterationMatrix(
      blocks.block,
      blocks.count,
      p,
      stats,
      choice,
      blocks.staggered !== undefined,
    );
  }
  return new IterationMatrix(system, p, stats, choice);
}
