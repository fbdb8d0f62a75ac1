/**
 * State events: sign changes of g(t, y) between two accepted steps, located on the stepper's
 * dense output with the Illinois variant of regula falsi (Dowell & Jarratt, BIT 11, 1971),
 * which converges superlinearly and, unlike plain regula falsi, never stalls at one end.
 * All scratch arrays are owned here: locating a root allocates nothing.
 */
import type { HybridHandler } from "./hybrid.js";
import type { Stepper } from "./types.js";

/** Bracket width at which a root counts as located (relative to |t|, absolute near t = 0). */
const T_TOL = 1e-13;

export class RootFinder {
  readonly nRoots: number;
  /** g at the left end of the interval still to be scanned (after any event handled there). */
  readonly gLeft: Float64Array;
  private readonly gRight: Float64Array;
  private readonly gTry: Float64Array;
  private readonly yTry: Float64Array;
  /** Directions at the located root: +1 rising, −1 falling, 0 none. */
  readonly directions: Int8Array;
  tLeft = NaN;

  private cursor = 0;

  /** `samples`: sorted times (the output times) at which g is also checked inside a step. */
  constructor(
    private readonly hybrid: HybridHandler,
    private readonly p: Float64Array,
    n: number,
    private readonly samples: readonly number[] = [],
  ) {
    this.nRoots = hybrid.nRoots;
    this.gLeft = new Float64Array(this.nRoots);
    this.gRight = new Float64Array(this.nRoots);
    this.gTry = new Float64Array(this.nRoots);
    this.yTry = new Float64Array(n);
    this.directions = new Int8Array(this.nRoots);
  }

  /** Record g at a point where scanning (re)starts: t0, after an event, after a stop. */
  reset(t: number, y: Float64Array): void {
    this.tLeft = t;
    if (this.nRoots > 0) this.hybrid.roots!(t, y, this.p, this.gLeft);
  }

  /**
   * Earliest crossing in (tLeft, stepper.t], or NaN. A crossing is a change from a non-zero
   * sign at the left end to zero or the other sign. On success `directions` says which
   * functions cross there and how; the caller then calls `reset` after handling.
   */
  locate(stepper: Stepper): number {
    const { nRoots, gLeft, gRight } = this;
    if (nRoots === 0) return NaN;
    const tR = stepper.t;
    // Scan the step in pieces split at the requested output times inside it: a function that
    // crosses zero twice within one long step (a rule oscillating while the states rest) is
    // still seen at the resolution the user asked for.
    let a = this.tLeft;
    for (;;) {
      const b = this.nextSample(a, tR);
      if (b === tR) this.hybrid.roots!(tR, stepper.y, this.p, gRight);
      else this.evalAt(stepper, b, gRight);
      let tRoot = Infinity;
      for (let k = 0; k < nRoots; k++) {
        if (crosses(gLeft[k], gRight[k]))
          tRoot = Math.min(tRoot, this.illinois(stepper, k, a, b, gLeft[k], gRight[k]));
      }
      if (tRoot !== Infinity) {
        // Every function that has crossed by tRoot fires together there.
        const g = this.gTry;
        this.evalAt(stepper, tRoot, g);
        for (let k = 0; k < nRoots; k++)
          this.directions[k] = crosses(gLeft[k], g[k]) ? (gLeft[k] < 0 ? 1 : -1) : 0;
        return tRoot;
      }
      gLeft.set(gRight);
      this.tLeft = b;
      if (b === tR) return NaN;
      a = b;
    }
  }

  /** The first sample time in (a, tR), or tR. */
  private nextSample(a: number, tR: number): number {
    const s = this.samples;
    while (this.cursor < s.length && s[this.cursor] <= a) this.cursor++;
    return this.cursor < s.length && s[this.cursor] < tR ? s[this.cursor] : tR;
  }

  /** The state at the located root (valid after locate until the next call). */
  stateAt(stepper: Stepper, t: number, out: Float64Array): void {
    stepper.interpolate(t, out);
  }

  private evalAt(stepper: Stepper, t: number, g: Float64Array): void {
    stepper.interpolate(t, this.yTry);
    this.hybrid.roots!(t, this.yTry, this.p, g);
  }

  /** Right end of a bracket of width ≤ T_TOL·max(1,|t|) around the root of g_k in (a, b]. */
  private illinois(stepper: Stepper, k: number, a: number, b: number, ga: number, gb: number): number {
    const g = this.gTry;
    let side = 0;
    for (let it = 0; it < 200; it++) {
      const tol = T_TOL * Math.max(1, Math.abs(b));
      if (b - a <= tol || gb === 0) return b;
      let tm = (a * gb - b * ga) / (gb - ga);
      // Keep the trial point inside, and bisect when regula falsi would crawl along one end.
      const margin = 0.5 * tol;
      if (!(tm > a + margin && tm < b - margin) || it % 8 === 7) tm = 0.5 * (a + b);
      this.evalAt(stepper, tm, g);
      const gm = g[k];
      if (gm !== 0 && Math.sign(gm) === Math.sign(ga)) {
        a = tm;
        ga = gm;
        if (side === -1) gb *= 0.5;
        side = -1;
      } else {
        b = tm;
        gb = gm;
        if (side === 1) ga *= 0.5;
        side = 1;
      }
    }
    return b;
  }
}

function crosses(left: number, right: number): boolean {
  return left !== 0 && (right === 0 || left < 0 !== right < 0);
}

/** Directions of the functions whose sign differs between `before` and `after` (cascades). */
export function signChanges(before: Float64Array, after: Float64Array, out: Int8Array): boolean {
  let any = false;
  for (let k = 0; k < before.length; k++) {
    const d = crosses(before[k], after[k]) ? (before[k] < 0 ? 1 : -1) : 0;
    out[k] = d;
    if (d !== 0) any = true;
  }
  return any;
}
