/**
 * The contract between the integration loop and whatever changes the state discontinuously:
 * doses and surgery (known times: stops), and state events (roots of g(t, y) located on the
 * dense output). The loop knows nothing of SBML or of drugs; it only calls this interface.
 */
import type { SolverOptions, SolverMethod, SolverStats, StatusCode } from "./types.js";

export interface HandleCause {
  /** True when the loop stopped at a time returned by nextStop(). */
  readonly stop: boolean;
  /**
   * Per root function: +1 it crossed zero rising, -1 falling, 0 no crossing at this time.
   * Null when no root was found (a pure stop).
   */
  readonly roots: Int8Array | null;
}

export interface HandleResult {
  /** The handler changed y and/or p: the stepper must restart from here. */
  readonly changed: boolean;
  /** Stop the whole integration here with status "terminated". */
  readonly terminate?: boolean;
}

export interface HybridHandler {
  /** Number of root functions (0 for none). */
  readonly nRoots: number;
  /** g(t, y, p) into out[0..nRoots-1]; a sign change between two times is an event. */
  roots?(t: number, y: Float64Array, p: Float64Array, out: Float64Array): void;
  /** Earliest scheduled discontinuity strictly after t (Infinity when none). Queried after every handle(). */
  nextStop(t: number): number;
  /**
   * Called at a stop time or a located root, with the state at that time. May modify y and p
   * in place. Called again at the same time if it reports changed and a root of the new state
   * still sits at this time (cascading events); the loop stops after 1000 rounds at one time.
   */
  handle(t: number, y: Float64Array, p: Float64Array, cause: HandleCause): HandleResult;
  /** Called once at t0 before the first step (SBML: events whose trigger is true at t0 and initialValue false). */
  start?(t0: number, y: Float64Array, p: Float64Array): HandleResult;
}

export interface IntegrateOptions extends SolverOptions {
  readonly method: SolverMethod;
  readonly t0: number;
  readonly tEnd: number;
  /**
   * Times at which to record the state (sorted, within [t0, tEnd]). At a time that is also a
   * stop or an event, the state recorded is the one after the handler ran (right-continuous).
   * When absent, every accepted step is recorded.
   */
  readonly outputTimes?: readonly number[];
  readonly hybrid?: HybridHandler;
  /** Maximum accepted steps for the whole call (default 100000). */
  readonly maxSteps?: number;
  /** Called now and then with the fraction of [t0, tEnd] done (for progress bars). */
  readonly onProgress?: (fraction: number) => void;
  /**
   * Called with every accepted point: each step's end, and the state after a handler changed it
   * (a delay-differential history records these).
   */
  readonly onStep?: (t: number, y: Float64Array) => void;
  /**
   * Called with each recorded state (t, y, p) instead of keeping it: the result's `states` is
   * then empty (its `times` are kept). y is reused between calls: copy what must outlive it.
   */
  readonly onOutput?: (t: number, y: Float64Array, p: Float64Array) => void;
  /** Checked between steps; returning true stops the run with status "terminated" (cancellation). */
  readonly shouldStop?: () => boolean;
}

export interface IntegrateResult {
  readonly status: StatusCode;
  /** Human-readable outcome: what happened, where, and what to try. */
  readonly message: string;
  /** Recorded times and states (row i is the state at times[i]); partial on failure. */
  readonly times: Float64Array;
  readonly states: Float64Array[];
  /** Time and state reached (the failure point on failure). */
  readonly tFinal: number;
  readonly yFinal: Float64Array;
  /** Last step size attempted. */
  readonly h: number;
  /** Name (from stateIds) of the state that drove a failure, if any. */
  readonly worstState?: string;
  readonly stats: SolverStats;
  /** Times at which the hybrid handler ran, with what caused it. */
  readonly discontinuities: readonly { t: number; stop: boolean; roots: number[] }[];
}
