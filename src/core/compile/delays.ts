/**
 * delay(x, τ): the value of x at t − τ, for delay-differential models (SBML csymbol delay).
 * Generated code calls `D.value(k, t − τ, p)`; the table records the trajectory at every
 * accepted step (state and derivative) and answers by cubic Hermite interpolation, which is
 * third-order accurate, like the trapezoidal history of most DDE codes. Before t0 the history
 * is the initial values evaluated at that time, states and parameters (SBML Test Suite
 * 00937/00938/00941: an initial assignment sin(10 t) describes the past), which is the
 * constant initial state otherwise; in that past nothing changes, so a delayed expression is
 * evaluated there with rateOf() = 0 (01400-01409; the rate of time-dependent initial values is
 * not taken). The simulate layer limits the step size to the smallest constant delay so that
 * t − τ always falls in the recorded past.
 */
import type { Expr } from "../expr/ast.js";
import { exprKey } from "../expr/ast.js";

export type PastValueFn = (t: number, y: Float64Array, p: Float64Array, out: Float64Array) => void;

export class DelayTable {
  /** Delayed expressions (slot terms), by index k. */
  readonly exprs: Expr[] = [];
  private readonly index = new Map<string, number>();
  /** The form before t0 of a delayed expression that differs there (it takes a rate), by key. */
  private readonly beforeStart = new Map<string, Expr>();
  private fns: PastValueFn[] = [];
  private fnsBefore: PastValueFn[] = [];
  /** Compiles one slot-term expression; set by compileNetwork. */
  compile: ((e: Expr) => PastValueFn) | undefined;
  /**
   * The state and parameters at a time before t0 (the initial values evaluated then: a
   * parameter whose initial assignment reads time has its own past, test case 00941); if
   * unset, the state at t0 and the current parameters.
   */
  historyBefore: ((tq: number) => { readonly y0: Float64Array; readonly p: Float64Array }) | undefined;
  /** d y / d t at a recorded point; set by compileNetwork (the model's RHS). */
  rhs: ((t: number, y: Float64Array, p: Float64Array, out: Float64Array) => void) | undefined;

  private times: number[] = [];
  private states: Float64Array[] = [];
  private slopes: Float64Array[] = [];
  private scratch = new Float64Array(0);
  private readonly one = new Float64Array(1);

  get size(): number {
    return this.exprs.length;
  }

  /** Record the form of a delayed expression before t0 (kept only when it differs). */
  setBeforeStart(e: Expr, before: Expr): void {
    const key = exprKey(before);
    if (key !== exprKey(e)) this.beforeStart.set(exprKey(e), before);
  }

  /** Index of a delayed expression, registering it on first sight. */
  indexOf(e: Expr): number {
    const key = exprKey(e);
    let k = this.index.get(key);
    if (k === undefined) {
      k = this.exprs.length;
      this.exprs.push(e);
      this.index.set(key, k);
    }
    return k;
  }

  /** Start a new history at (t0, y0). */
  begin(t0: number, y0: Float64Array, p: Float64Array): void {
    this.times = [];
    this.states = [];
    this.slopes = [];
    this.scratch = new Float64Array(y0.length);
    this.record(t0, y0, p);
  }

  /** Record an accepted point (after a jump the same time is recorded again: right limit). */
  record(t: number, y: Float64Array, p: Float64Array): void {
    const f = new Float64Array(y.length);
    // the point goes in first: the RHS may itself look into the past up to this very point
    this.times.push(t);
    this.states.push(Float64Array.from(y));
    this.slopes.push(f);
    this.rhs?.(t, y, p, f);
  }

  /** Value of delayed expression k at time tq. */
  value(k: number, tq: number, p: Float64Array): number {
    let fn = this.fns[k];
    if (!fn) {
      if (!this.compile) throw new Error("il6sim internal error: delay table not bound to a model");
      fn = this.fns[k] = this.compile(this.exprs[k]);
    }
    const n = this.times.length;
    if (n === 0) return NaN;
    const y = this.scratch;
    if (tq < this.times[0]) {
      // before t0: the initial values evaluated at that time (a constant state when they do
      // not depend on time), while time itself runs on for rules of time
      const past = this.historyBefore?.(tq);
      y.set(past ? past.y0 : this.states[0]);
      let before = this.fnsBefore[k];
      if (!before) {
        const e = this.beforeStart.get(exprKey(this.exprs[k]));
        before = this.fnsBefore[k] = e ? this.compile!(e) : fn;
      }
      before(tq, y, past ? past.p : p, this.one);
      return this.one[0];
    } else if (tq === this.times[0]) {
      y.set(this.states[0]);
    } else if (tq >= this.times[n - 1]) {
      // beyond the last accepted point (only with variable delays): extrapolate linearly
      const y1 = this.states[n - 1];
      const f1 = this.slopes[n - 1];
      const dt = tq - this.times[n - 1];
      for (let i = 0; i < y.length; i++) y[i] = y1[i] + dt * f1[i];
    } else this.hermite(tq, y);
    fn(tq, y, p, this.one);
    return this.one[0];
  }

  private hermite(tq: number, out: Float64Array): void {
    // last segment [t_i, t_{i+1}) with t_i <= tq (right-continuous at recorded jumps)
    let lo = 0;
    let hi = this.times.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] <= tq) lo = mid;
      else hi = mid;
    }
    while (lo + 1 < this.times.length - 1 && this.times[lo + 1] <= tq) lo++;
    const t0 = this.times[lo];
    const t1 = this.times[lo + 1];
    const h = t1 - t0;
    const y0 = this.states[lo];
    const y1 = this.states[lo + 1];
    if (!(h > 0)) {
      out.set(y1);
      return;
    }
    const f0 = this.slopes[lo];
    const f1 = this.slopes[lo + 1];
    const s = (tq - t0) / h;
    const h00 = (1 + 2 * s) * (1 - s) * (1 - s);
    const h10 = s * (1 - s) * (1 - s);
    const h01 = s * s * (3 - 2 * s);
    const h11 = s * s * (s - 1);
    for (let i = 0; i < out.length; i++)
      out[i] = h00 * y0[i] + h10 * h * f0[i] + h01 * y1[i] + h11 * h * f1[i];
  }
}
