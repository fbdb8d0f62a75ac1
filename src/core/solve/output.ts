/**
 * Recording of the trajectory: at requested output times by dense output, or at every
 * accepted step when none are requested. Right-continuous at stops and events: the caller
 * records times equal to a discontinuity only after the handler ran.
 */
import type { Stepper } from "./types.js";

export class Recorder {
  readonly times: number[] = [];
  readonly states: Float64Array[] = [];
  private next = 0;
  private readonly everyStep: boolean;

  /** Reused row for interpolated values handed to `onOutput` (nothing is kept then). */
  private readonly row: Float64Array;

  constructor(
    private readonly outputTimes: readonly number[] | undefined,
    private readonly n: number,
    /** When given, each recorded state goes here instead of into `states` (only times are kept). */
    private readonly onOutput?: (t: number, y: Float64Array) => void,
  ) {
    this.everyStep = outputTimes === undefined;
    this.row = new Float64Array(onOutput ? n : 0);
  }

  /** Requested times strictly before `t` (or up to and including it), from the dense output. */
  before(t: number, stepper: Stepper, inclusive: boolean): void {
    const ts = this.outputTimes;
    if (!ts) return;
    while (this.next < ts.length && (ts[this.next] < t || (inclusive && ts[this.next] === t))) {
      const tq = ts[this.next++];
      const row = this.onOutput ? this.row : new Float64Array(this.n);
      stepper.interpolate(Math.max(tq, stepper.tPrev), row);
      this.times.push(tq);
      if (this.onOutput) this.onOutput(tq, row);
      else this.states.push(row);
    }
  }

  /**
   * Requested times up to t (state y, after any handler ran). When recording every step,
   * (t, y) itself if `fresh` (t0, or a state a handler just changed).
   */
  at(t: number, y: Float64Array, fresh: boolean): void {
    const ts = this.outputTimes;
    if (!ts) {
      if (fresh) this.push(t, y);
      return;
    }
    while (this.next < ts.length && ts[this.next] <= t) {
      this.next++;
      this.push(t, y);
    }
  }

  /** Every-step mode only: the state at the end of an accepted step. */
  stepEnd(t: number, y: Float64Array): void {
    if (this.everyStep) this.push(t, y);
  }

  private push(t: number, y: Float64Array): void {
    this.times.push(t);
    if (this.onOutput) this.onOutput(t, y);
    else this.states.push(Float64Array.from(y));
  }
}
