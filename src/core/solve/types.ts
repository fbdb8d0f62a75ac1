/**
 * What solvers see and what they return. A solver never sees a network: only an OdeSystem,
 * a parameter vector and options. Method files are mostly coefficients (see CONTRIBUTING).
 */
import type { MethodTableau } from "./tableau.js";

/** dy/dt = f(t, y, p), with stateIds so that every message can name a state. */
export interface OdeSystem {
  readonly size: number;
  readonly stateIds: readonly string[];
  rhs(t: number, y: Float64Array, p: Float64Array, dydt: Float64Array): void;
  /**
   * Dense row-major Jacobian J[i*size + j] = d f_i / d y_j. Writes every entry of the
   * sparsity pattern; entries outside the pattern are left untouched (callers keep them zero).
   */
  jacobian?(t: number, y: Float64Array, p: Float64Array, J: Float64Array): void;
  /** Structural non-zeros of the Jacobian in compressed-row form (diagonal not implied). */
  readonly sparsity?: SparsityPattern;
  /** Jacobian values in the order of `sparsity` (values[k] belongs to colIndex[k]). */
  jacobianSparse?(t: number, y: Float64Array, p: Float64Array, values: Float64Array): void;
  /** False when f does not depend on t explicitly (Rosenbrock methods then skip df/dt). */
  readonly timeDependent?: boolean;
  /**
   * Declares that the Jacobian is block lower-triangular with `count` diagonal blocks, all equal
   * to the Jacobian of `block` at y[0..block.size) (forward sensitivities: y, then the columns
   * S_k with S_k' = J S_k + ∂f/∂p_k). A method with `blockNewton` may then factor only the
   * block's iteration matrix and solve each block with it (modified Newton: exact for the first
   * block, a Newton-tolerated approximation for the others), and measures errors block by
   * block (the max of the blocks' weighted RMS norms, as CVODES does with errconS).
   * Optional, so compatible: other methods ignore it.
   */
  readonly blocks?: BlockStructure;
  /**
   * A mass matrix M: the system is then M·dy/dt = f(t, y) (a differential-algebraic system
   * when M is singular). A row of M with no non-zero value is an algebraic equation 0 = f_i.
   * Methods declare `massMatrix` to integrate such systems (index 1: the algebraic rows must
   * determine the algebraic part of y); the others refuse them. Optional, so compatible.
   */
  readonly mass?: MassMatrix;
}

/**
 * A mass matrix that is constant between discontinuities. Its values (and any structure the
 * system's f depends on with them, such as which fast reactions are switched on) are read at
 * the start of an integration, after every jump and before every projection onto the
 * algebraic constraints; they may depend on quantities that only jump (a stoichiometry set by
 * an event, a rate constant), never on quantities that change continuously.
 */
export interface MassMatrix {
  /** Structural non-zeros in compressed-row form (an algebraic row may have entries whose value is zero). */
  readonly pattern: SparsityPattern;
  /**
   * Values in the order of `pattern` at (t, y, p). When `relax` is given, sets relax[i] = 1 for
   * algebraic rows whose residual f_i is the fast rate of change of state i itself (fast
   * reactions at equilibrium), 0 otherwise: consistent values are then found by letting those
   * states relax (y_i' = f_i with M·y held fixed), which reaches the stable equilibrium the
   * fast dynamics reach; Newton alone might converge to an unstable one.
   */
  values(t: number, y: Float64Array, p: Float64Array, out: Float64Array, relax?: Uint8Array): void;
}

export interface BlockStructure {
  /** The system of the first block; its Jacobian is every diagonal block. */
  readonly block: OdeSystem;
  /** Number of diagonal blocks; size = block.size · count. */
  readonly count: number;
  /**
   * How many leading blocks enter the local error test and the step/order choice (default: all).
   * 1 leaves the sensitivities out of error control (CVODES errconS = false): fewer steps, and
   * the sensitivities are then only as accurate as the steps chosen for y make them. The Newton
   * convergence test always covers every block.
   */
  readonly errorBlocks?: number;
  /**
   * Lets a method with `blockNewton` use the staggered corrector (CVODES CV_STAGGERED): Newton
   * on y alone with `block.rhs`, then, once y has converged, the linear corrector of the other
   * blocks with their right-hand side at that y. Optional: without it the method iterates on
   * all blocks at once (simultaneous corrector).
   */
  readonly staggered?: StaggeredBlocks;
}

/** The right-hand side of blocks 1..count−1 given y: linear in those blocks (forward sensitivities). */
export interface StaggeredBlocks {
  /** Evaluate at (t, y) what the other blocks' right-hand side needs (J, ∂f/∂p); y = block 0 only. */
  prepare(t: number, y: Float64Array, p: Float64Array): void;
  /**
   * dS = the right-hand side of blocks 1.. at the y of the last `prepare`, for S = those blocks
   * stored one after another (S and dS have (count − 1)·block.size entries).
   */
  blockRhs(S: Float64Array, dS: Float64Array): void;
  /** J at the y of the last `prepare`, in the order of block.sparsity (for a fresh iteration matrix). */
  jacobianValues(): Float64Array;
}

export interface SparsityPattern {
  /** rowStart[i]..rowStart[i+1]-1 index colIndex for row i; length size+1. */
  readonly rowStart: Int32Array;
  readonly colIndex: Int32Array;
}

export interface SolverOptions {
  readonly rtol: number;
  /** Scalar or one per state. */
  readonly atol: number | Float64Array;
  /** First step; chosen automatically when absent. */
  readonly h0?: number;
  readonly hmax?: number;
  /** Below this step size a step fails with stepSizeTooSmall (default: 1e-14 * max(1, |t|)). */
  readonly hmin?: number;
  /** Highest BDF order (1..5). */
  readonly maxOrder?: number;
  /**
   * Linear algebra of implicit methods (added with the solvers; optional, so compatible):
   * "auto" (default) uses the sparse LU when the system gives a sparsity pattern and is large
   * enough, "dense"/"sparse" force one (benchmarks and tests compare both).
   */
  readonly linearSolver?: "auto" | "dense" | "sparse";
}

/**
 * Numerical outcome codes, shared by steppers and integrate().
 * "terminated" means an event asked the run to stop (not a failure).
 */
export type StatusCode =
  | "ok"
  | "terminated"
  | "maxStepsReached"
  | "stepSizeTooSmall"
  | "newtonFailed"
  | "nonFinite"
  /** A model event could not run (negative delay, events that retrigger each other forever). */
  | "eventError";

export interface SolverStats {
  steps: number;
  rejectedSteps: number;
  rhsEvals: number;
  jacEvals: number;
  luDecompositions: number;
  linearSolves: number;
}

export interface StepResult {
  readonly status: StatusCode;
  /** For failures: the index of the state that drove the failure (largest error or non-finite). */
  readonly worstState?: number;
}

/** One integration in progress. All arrays are owned by the stepper; do not keep references. */
export interface Stepper {
  /** Time and state after the last accepted step. */
  readonly t: number;
  readonly y: Float64Array;
  /** Start of the last accepted step (dense output covers [tPrev, t]). */
  readonly tPrev: number;
  /** Step size the controller proposes next. */
  readonly h: number;
  readonly stats: SolverStats;
  /**
   * Take one accepted step (retrying internally with smaller steps as needed) that ends at or
   * before tStop, landing on tStop exactly when it is reached. Never evaluates f beyond tStop.
   */
  step(tStop: number): StepResult;
  /** State at tq in [tPrev, t] from the method's dense output. */
  interpolate(tq: number, out: Float64Array): void;
  /**
   * Restart at (t, y) after a discontinuity (dose, surgery, event): forgets FSAL values and
   * multistep history, keeps the step-size scale as a hint.
   */
  restart(t: number, y: Float64Array): void;
}

/** A method is data plus a factory; shared code asks its capabilities, never its name. */
export interface SolverMethod {
  readonly name: string;
  readonly order: number;
  readonly implicit: boolean;
  readonly denseOutput: boolean;
  /** Citation of the method. */
  readonly reference: string;
  /**
   * The coefficients a one-step method is built from (added with the solvers; optional, so
   * compatible). Generic tests check every registered tableau and its convergence order.
   */
  readonly tableau?: MethodTableau;
  /**
   * True when the method solves its implicit stages by (modified) Newton iteration and so
   * tolerates an approximate iteration matrix: it may use the block-diagonal approximation of
   * a system that declares `blocks` (BDF). Rosenbrock methods need the exact Jacobian and
   * leave this unset. Optional, so compatible.
   */
  readonly blockNewton?: boolean;
  /**
   * True when the method integrates systems with a mass matrix (M·y' = f, index-1 DAEs: a
   * stiffly accurate Rosenbrock method). Shared code refuses a system with `mass` for a method
   * without it. Optional, so compatible.
   */
  readonly massMatrix?: boolean;
  create(system: OdeSystem, p: Float64Array, t0: number, y0: Float64Array, options: SolverOptions): Stepper;
}
