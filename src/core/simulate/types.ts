/**
 * simulate(model, options): the one call site that combines a compiled model, timed actions
 * (doses, surgery, parameter switches: stops with jumps), the model's own events, and a solver.
 */
import type { CompiledModel } from "../compile/index.js";
import type { SolverMethod, SolverStats, StatusCode } from "../solve/types.js";

/** A change at a known time: a dose, a surgery, a switch. It may change y and p in place. */
export interface TimedAction {
  readonly t: number;
  /** Short description for logs and plots ("sgp130fc 10 ug ip"). */
  readonly label: string;
  apply(state: ActionState): void;
}

/** What an action sees: slots by model id, so actions never index arrays by hand. */
export interface ActionState {
  readonly t: number;
  readonly y: Float64Array;
  readonly p: Float64Array;
  readonly model: CompiledModel;
  /** Value of a model symbol now (species as concentration unless amount-only). */
  value(id: string): number;
  /** Add an amount (in the species' amount units) to a species. */
  addAmount(speciesId: string, amount: number): void;
  /** Set a quantity: a state's value (species: its symbol value) or a parameter. */
  set(id: string, value: number): void;
  /** Multiply a state or parameter by a factor (surgery scales cells and volumes). */
  scale(id: string, factor: number): void;
}

export interface SimulateOptions {
  readonly t0?: number;
  readonly tEnd: number;
  /** Output times (sorted, within [t0, tEnd]); default: 201 evenly spaced points. */
  readonly outputTimes?: readonly number[];
  readonly method?: SolverMethod;
  readonly rtol?: number;
  readonly atol?: number;
  /** Parameter/initial-value overrides by model id, applied before initial assignments. */
  readonly overrides?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  /** Start from this state/parameters instead of the model's initial values (e.g. a steady state). */
  readonly y0?: Float64Array;
  readonly p?: Float64Array;
  readonly actions?: readonly TimedAction[];
  readonly maxSteps?: number;
  /**
   * Leave states that provably stay zero out of the solver's vectors (default true; see
   * dormant.ts). False integrates every state (for comparisons).
   */
  readonly reduceDormant?: boolean;
  /**
   * Called with the state at each output time (all states, y reused between calls) instead of
   * keeping it: the result's `states` is then empty and its series functions have nothing to
   * read. For callers that need a few quantities of many runs (virtual populations).
   */
  readonly onOutput?: (t: number, y: Float64Array, p: Float64Array) => void;
  readonly onProgress?: (fraction: number) => void;
  readonly shouldStop?: () => boolean;
}

export interface SimulationResult {
  readonly status: StatusCode;
  readonly message: string;
  readonly model: CompiledModel;
  readonly times: Float64Array;
  /** State rows at `times`. */
  readonly states: Float64Array[];
  /** Parameter vector in effect at each output time (actions may change p). */
  readonly params: Float64Array[];
  readonly tFinal: number;
  readonly yFinal: Float64Array;
  readonly pFinal: Float64Array;
  readonly stats: SolverStats;
  readonly method: string;
  readonly wallMs: number;
  /** Events and actions that ran, in order. */
  readonly log: readonly { t: number; what: string }[];
  /** A model quantity (symbol id) at every output time. */
  series(id: string): Float64Array;
  /** Several quantities at once: out[k][i] = ids[k] at times[i]. */
  seriesMany(ids: readonly string[]): Float64Array[];
}
