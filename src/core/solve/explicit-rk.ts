/**
 * Generic embedded explicit Runge–Kutta stepper driven by a checked tableau: a new explicit
 * method is a tableau file plus one call to `explicitRk` (see docs/solvers.md). FSAL methods
 * reuse their last stage; dense output uses the tableau's continuous weights, or cubic Hermite
 * interpolation when the tableau has none.
 */
import type { OdeSystem, SolverMethod, SolverOptions, StepResult, Stepper, SolverStats } from "./types.js";
import { type ExplicitRkTableau, assertSound, checkExplicitRk } from "./tableau.js";
import { PiController } from "./controllers/pi.js";
import { firstNonFinite, initialStep } from "./norms.js";
import { type ResolvedOptions, landsOnStop, minStep, newStats, resolveOptions } from "./stepper-common.js";

const OK: StepResult = { status: "ok" };

class ExplicitRkStepper implements Stepper {
  t: number;
  tPrev: number;
  h: number;
  readonly y: Float64Array;
  readonly stats: SolverStats = newStats();
  private readonly n: number;
  private readonly s: number;
  private readonly opt: ResolvedOptions;
  private readonly k: Float64Array[];
  /** Stage derivatives of the last accepted step (references into k, for dense output). */
  private readonly kd: Float64Array[];
  private readonly yPrev: Float64Array;
  private readonly yNew: Float64Array;
  private readonly w: Float64Array;
  private readonly scratch: Float64Array;
  private readonly fEnd: Float64Array;
  private hPrev = 0;
  private haveF0 = false;
  private readonly ctrl: PiController;
  private readonly bErr: Float64Array;
  /** Continuous weights b_i(θ) at the last interpolation point. */
  private readonly bTheta: Float64Array;

  constructor(
    private readonly tab: ExplicitRkTableau,
    private readonly system: OdeSystem,
    private readonly p: Float64Array,
    t0: number,
    y0: Float64Array,
    options: SolverOptions,
  ) {
    const n = system.size;
    this.n = n;
    this.s = tab.b.length;
    this.opt = resolveOptions(system, options);
    this.t = t0;
    this.tPrev = t0;
    this.y = Float64Array.from(y0);
    this.k = Array.from({ length: this.s }, () => new Float64Array(n));
    this.kd = this.k.slice();
    this.yPrev = Float64Array.from(y0);
    this.yNew = new Float64Array(n);
    this.w = new Float64Array(n);
    this.scratch = new Float64Array(n);
    this.fEnd = new Float64Array(n);
    this.h = this.opt.h0;
    this.ctrl = new PiController(tab.embeddedOrder);
    this.bErr = Float64Array.from(tab.b.map((b, i) => b - tab.bhat[i]));
    this.bTheta = new Float64Array(this.s);
  }

  private f(t: number, y: Float64Array, out: Float64Array): void {
    this.stats.rhsEvals++;
    this.system.rhs(t, y, this.p, out);
  }

  step(tStop: number): StepResult {
    const { n, s, tab, k, y, yNew, w, opt } = this;
    const { rtol, atol } = opt;
    if (!this.haveF0) {
      this.f(this.t, y, k[0]);
      const bad = firstNonFinite(k[0]);
      if (bad >= 0) return { status: "nonFinite", worstState: bad };
      this.haveF0 = true;
      if (Number.isNaN(this.h)) {
        for (let i = 0; i < n; i++) w[i] = 1 / (rtol * Math.abs(y[i]) + atol[i]);
        this.h = initialStep(
          (tt, yy, ff) => this.f(tt, yy, ff),
          this.t,
          y,
          k[0],
          w,
          tab.order,
          tStop - this.t,
          yNew,
          this.scratch,
        );
      }
    }
    for (;;) {
      let h = Math.min(this.h, opt.hmax);
      const lands = landsOnStop(this.t, h, tStop);
      if (lands) h = tStop - this.t;
      if (h < minStep(this.t, opt.hmin) && !(lands && h > 0)) return { status: "stepSizeTooSmall" };
      const t = this.t;
      for (let st = 1; st < s; st++) {
        const a = tab.a[st];
        const z = st === s - 1 && tab.fsal ? yNew : this.scratch;
        for (let i = 0; i < n; i++) {
          let acc = 0;
          for (let j = 0; j < st; j++) acc += a[j] * k[j][i];
          z[i] = y[i] + h * acc;
        }
        this.f(t + tab.c[st] * h, z, k[st]);
      }
      if (!tab.fsal) {
        for (let i = 0; i < n; i++) {
          let acc = 0;
          for (let j = 0; j < s; j++) acc += tab.b[j] * k[j][i];
          yNew[i] = y[i] + h * acc;
        }
      }
      // Scaled RMS error of h·Σ(b − b̂)k with weights from both ends of the step.
      let sq = 0;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < s; j++) acc += this.bErr[j] * k[j][i];
        const sc = atol[i] + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
        const e = (h * acc) / sc;
        sq += e * e;
      }
      const err = n === 0 ? 0 : Math.sqrt(sq / n); // a system with no states has nothing to control
      if (!(err <= 1)) {
        this.stats.rejectedSteps++;
        this.h = h * this.ctrl.reject(err);
        if (this.h < minStep(t, opt.hmin)) {
          const bad = firstNonFinite(yNew);
          return bad >= 0 ? { status: "nonFinite", worstState: bad } : { status: "stepSizeTooSmall" };
        }
        continue;
      }
      this.stats.steps++;
      this.yPrev.set(y);
      y.set(yNew);
      this.tPrev = t;
      this.hPrev = h;
      this.t = lands ? tStop : t + h;
      for (let j = 0; j < s; j++) this.kd[j] = k[j];
      if (tab.fsal) {
        // The last stage is f(t_new, y_new): it becomes the first stage of the next step.
        const tmp = k[0];
        k[0] = k[s - 1];
        k[s - 1] = tmp;
      } else {
        this.f(this.t, y, this.fEnd);
        k[0].set(this.fEnd);
      }
      const fac = this.ctrl.accept(err);
      this.h = lands ? Math.max(this.h, h * fac) : h * fac;
      return OK;
    }
  }

  interpolate(tq: number, out: Float64Array): void {
    const { n, s, tab, kd, yPrev, y } = this;
    const h = this.hPrev;
    if (h === 0 || tq === this.t) {
      out.set(y);
      return;
    }
    const th = (tq - this.tPrev) / h;
    if (tab.dense) {
      const b = this.bTheta;
      for (let j = 0; j < s; j++) {
        const row = tab.dense[j];
        let acc = 0;
        for (let m = row.length - 1; m >= 0; m--) acc = (acc + row[m]) * th;
        b[j] = acc;
      }
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < s; j++) acc += b[j] * kd[j][i];
        out[i] = yPrev[i] + h * acc;
      }
      return;
    }
    // Cubic Hermite on (y0, f0, y1, f1); f1 is the FSAL stage or the evaluated end derivative.
    const f0 = kd[0];
    const f1 = this.k[0];
    const h00 = (1 + 2 * th) * (1 - th) * (1 - th);
    const h10 = th * (1 - th) * (1 - th);
    const h01 = th * th * (3 - 2 * th);
    const h11 = th * th * (th - 1);
    for (let i = 0; i < n; i++) out[i] = h00 * yPrev[i] + h10 * h * f0[i] + h01 * y[i] + h11 * h * f1[i];
  }

  restart(t: number, y: Float64Array): void {
    this.t = t;
    this.tPrev = t;
    this.y.set(y);
    this.yPrev.set(y);
    this.hPrev = 0;
    this.haveF0 = false;
    this.ctrl.reset();
  }
}

/** A SolverMethod from an explicit RK tableau (checked now: a bad tableau fails at import). */
export function explicitRk(tab: ExplicitRkTableau, reference: string): SolverMethod {
  assertSound(tab.name, checkExplicitRk(tab));
  return {
    name: tab.name,
    order: tab.order,
    implicit: false,
    denseOutput: true,
    reference,
    tableau: { kind: "explicitRk", data: tab },
    create: (system, p, t0, y0, options) => new ExplicitRkStepper(tab, system, p, t0, y0, options),
  };
}
