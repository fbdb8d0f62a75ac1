/**
 * Generic Rosenbrock–Wanner stepper in the W-transformed form (Hairer & Wanner, Solving ODEs
 * II, IV.7 (7.25)): per stage
 *   (I/(hγ) − J) U_i = f(t + c_i h, y0 + Σ_j a_ij U_j) + Σ_j (C_ij/h) U_j + h d_i ∂f/∂t,
 * y1 = y0 + Σ m_j U_j, error y1 − ŷ1 = Σ (m_j − m̂_j) U_j.
 * One Jacobian and one LU per accepted step; a rejected step keeps J, f(y0) and ∂f/∂t (same
 * point) and only refactors with the new h. Must use the exact Jacobian (not a W-method).
 *
 * With a mass matrix (M·y' = f, index-1 DAEs; Hairer & Wanner II, VI.4, and OrdinaryDiffEq's
 * Rosenbrock steppers) the stages are
 *   (M/(hγ) − J) U_i = f(t + c_i h, y0 + Σ_j a_ij U_j) + M Σ_j (C_ij/h) U_j + h d_i ∂f/∂t,
 * with the same solution, error estimate and dense output: for a stiffly accurate method
 * (Rodas5P) they stay valid on the algebraic components.
 */
import type { OdeSystem, SolverMethod, SolverOptions, StepResult, Stepper, SolverStats } from "./types.js";
import { type RosenbrockTableau, assertSound, checkRosenbrock } from "./tableau.js";
import { PiController } from "./controllers/pi.js";
import { firstNonFinite, initialStep, negligibleSizes } from "./norms.js";
import { type ResolvedOptions, landsOnStop, minStep, newStats, resolveOptions } from "./stepper-common.js";
import { IterationMatrix } from "./linalg/iteration-matrix.js";
import { MassIterationMatrix } from "./linalg/mass-iteration-matrix.js";

const OK: StepResult = { status: "ok" };

class RosenbrockStepper implements Stepper {
  t: number;
  tPrev: number;
  h: number;
  readonly y: Float64Array;
  readonly stats: SolverStats = newStats();
  private readonly n: number;
  private readonly s: number;
  private readonly opt: ResolvedOptions;
  private readonly U: Float64Array[];
  private readonly fy0: Float64Array;
  private readonly dT: Float64Array;
  private readonly z: Float64Array;
  private readonly fz: Float64Array;
  private readonly yPrev: Float64Array;
  private readonly yNew: Float64Array;
  private readonly K: Float64Array[];
  private readonly floor: Float64Array;
  private readonly M: IterationMatrix | MassIterationMatrix;
  /** The same object as M when the system has a mass matrix, else null. */
  private readonly mass: MassIterationMatrix | null;
  /** Σ_j (C_ij/h) U_j before M multiplies it (mass-matrix systems only). */
  private readonly cu: Float64Array;
  private readonly ctrl: PiController;
  private readonly mErr: Float64Array;
  private readonly Ch: Float64Array;
  private readonly timeDependent: boolean;
  /** f(y0), J and ∂f/∂t are current for (t, y) (false after an accepted step or restart). */
  private pointReady = false;
  private denseReady = false;
  private hPrev = 0;
  /** Increment of the difference quotient in dT (Infinity: not computed at this point yet). */
  private dtUsed = Infinity;

  constructor(
    private readonly tab: RosenbrockTableau,
    private readonly system: OdeSystem,
    private readonly p: Float64Array,
    t0: number,
    y0: Float64Array,
    options: SolverOptions,
  ) {
    const n = system.size;
    this.n = n;
    this.s = tab.m.length;
    this.opt = resolveOptions(system, options);
    this.t = t0;
    this.tPrev = t0;
    this.h = this.opt.h0;
    this.y = Float64Array.from(y0);
    this.U = Array.from({ length: this.s }, () => new Float64Array(n));
    this.K = Array.from({ length: tab.H.length }, () => new Float64Array(n));
    this.fy0 = new Float64Array(n);
    this.dT = new Float64Array(n);
    this.z = new Float64Array(n);
    this.fz = new Float64Array(n);
    this.yPrev = Float64Array.from(y0);
    this.yNew = new Float64Array(n);
    this.floor = negligibleSizes(this.opt.rtol, this.opt.atol);
    if (system.mass) {
      this.mass = new MassIterationMatrix(system, p, this.stats, options.linearSolver);
      this.mass.setMass(t0, this.y);
      this.M = this.mass;
    } else {
      this.mass = null;
      this.M = new IterationMatrix(system, p, this.stats, options.linearSolver);
    }
    this.cu = new Float64Array(system.mass ? n : 0);
    this.ctrl = new PiController(tab.embeddedOrder);
    this.mErr = Float64Array.from(tab.m.map((m, j) => m - tab.mhat[j]));
    this.Ch = new Float64Array(this.s * this.s);
    this.timeDependent = system.timeDependent !== false;
  }

  private f(t: number, y: Float64Array, out: Float64Array): void {
    this.stats.rhsEvals++;
    this.system.rhs(t, y, this.p, out);
  }

  /** f(y0), J(y0) and ∂f/∂t at the current point; false if f(y0) is not finite. */
  private preparePoint(tStop: number): number {
    const { t, y, fy0, n } = this;
    this.f(t, y, fy0);
    const bad = firstNonFinite(fy0);
    if (bad >= 0) return bad;
    if (Number.isNaN(this.h)) {
      const w = this.z;
      for (let i = 0; i < n; i++) w[i] = 1 / (this.opt.rtol * Math.abs(y[i]) + this.opt.atol[i]);
      this.h = initialStep(
        (tt, yy, ff) => this.f(tt, yy, ff),
        t,
        y,
        fy0,
        w,
        this.tab.order,
        tStop - t,
        this.yNew,
        this.fz,
      );
    }
    this.M.evaluate(t, y, fy0, this.floor);
    this.dtUsed = Infinity;
    this.pointReady = true;
    return -1;
  }

  /**
   * ∂f/∂t by a forward difference over sqrt(ε)·max(1, |t|), but never over more than half the
   * step: a difference reaching beyond the step may cross a switch the step does not reach
   * (a piecewise rate law, an event), and the garbage it then returns is divided by the small
   * pivots of algebraic rows near that switch. Recomputed only when the step shrinks below it.
   */
  private timeDerivative(h: number): void {
    const { t, y, n } = this;
    const dt = Math.max(
      Math.min(Math.sqrt(Number.EPSILON) * Math.max(1, Math.abs(t)), 0.5 * h),
      8 * Number.EPSILON * Math.max(1, Math.abs(t)),
    );
    if (this.dtUsed <= dt) return;
    this.f(t + dt, y, this.fz);
    for (let i = 0; i < n; i++) this.dT[i] = (this.fz[i] - this.fy0[i]) / dt;
    this.dtUsed = dt;
  }

  step(tStop: number): StepResult {
    const { n, s, tab, U, y, yNew, z, fz, opt, Ch } = this;
    const { rtol, atol } = opt;
    if (!this.pointReady) {
      const bad = this.preparePoint(tStop);
      if (bad >= 0) return { status: "nonFinite", worstState: bad };
    }
    for (;;) {
      let h = Math.min(this.h, opt.hmax);
      const lands = landsOnStop(this.t, h, tStop);
      if (lands) h = tStop - this.t;
      if (h < minStep(this.t, opt.hmin) && !(lands && h > 0)) return { status: "stepSizeTooSmall" };
      const t = this.t;
      if (this.M.factor(1 / (h * tab.gamma)) >= 0) {
        // Singular iteration matrix for this h: a smaller step shifts the spectrum.
        this.stats.rejectedSteps++;
        this.h = h * 0.25;
        continue;
      }
      if (this.timeDependent) this.timeDerivative(h);
      for (let i = 0; i < s; i++) for (let j = 0; j < i; j++) Ch[i * s + j] = tab.C[i][j] / h;
      for (let st = 0; st < s; st++) {
        const Ui = U[st];
        let fi = this.fy0;
        if (st > 0) {
          const a = tab.a[st];
          for (let k = 0; k < n; k++) {
            let acc = y[k];
            for (let j = 0; j < st; j++) acc += a[j] * U[j][k];
            z[k] = acc;
          }
          this.f(t + tab.c[st] * h, z, fz);
          fi = fz;
        }
        const hd = h * tab.d[st];
        const row = st * s;
        if (this.mass) {
          const cu = this.cu;
          for (let k = 0; k < n; k++) {
            let acc = 0;
            for (let j = 0; j < st; j++) acc += Ch[row + j] * U[j][k];
            cu[k] = acc;
          }
          this.mass.applyMass(cu, Ui);
          for (let k = 0; k < n; k++) Ui[k] += this.timeDependent ? fi[k] + hd * this.dT[k] : fi[k];
        } else {
          for (let k = 0; k < n; k++) {
            let acc = fi[k];
            for (let j = 0; j < st; j++) acc += Ch[row + j] * U[j][k];
            Ui[k] = this.timeDependent ? acc + hd * this.dT[k] : acc;
          }
        }
        this.M.solve(Ui);
      }
      let sq = 0;
      for (let k = 0; k < n; k++) {
        let acc = y[k];
        let e = 0;
        for (let j = 0; j < s; j++) {
          acc += tab.m[j] * U[j][k];
          e += this.mErr[j] * U[j][k];
        }
        yNew[k] = acc;
        const r = e / (atol[k] + rtol * Math.max(Math.abs(y[k]), Math.abs(acc)));
        sq += r * r;
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
      this.pointReady = false;
      this.denseReady = false;
      const fac = this.ctrl.accept(err);
      this.h = lands ? Math.max(this.h, h * fac) : h * fac;
      return OK;
    }
  }

  interpolate(tq: number, out: Float64Array): void {
    const { n, yPrev, y, K, U, tab } = this;
    const h = this.hPrev;
    if (h === 0 || tq === this.t) {
      out.set(y);
      return;
    }
    if (!this.denseReady) {
      for (let r = 0; r < K.length; r++) {
        const Hr = tab.H[r];
        const Kr = K[r];
        for (let k = 0; k < n; k++) {
          let acc = 0;
          for (let j = 0; j < Hr.length; j++) acc += Hr[j] * U[j][k];
          Kr[k] = acc;
        }
      }
      this.denseReady = true;
    }
    const th = (tq - this.tPrev) / h;
    const th1 = 1 - th;
    const K0 = K[0];
    const K1 = K[1];
    const K2 = K[2];
    for (let k = 0; k < n; k++) {
      out[k] = th1 * yPrev[k] + th * (y[k] + th1 * (K0[k] + th * (K1[k] + th * K2[k])));
    }
  }

  restart(t: number, y: Float64Array): void {
    this.t = t;
    this.tPrev = t;
    this.y.set(y);
    this.yPrev.set(y);
    this.hPrev = 0;
    this.pointReady = false;
    this.ctrl.reset();
    // a step size that had collapsed against a switch is no hint: choose a new first step
    if (!(this.h >= 100 * minStep(t, this.opt.hmin))) this.h = NaN;
    // M (and the row structure of the system) may have jumped with y and p
    this.mass?.setMass(t, this.y);
  }
}

/**
 * True when y1 is the input of the last stage plus its increment (m_j = a_sj, m_s = 1): the
 * solution then satisfies the algebraic equations of an index-1 DAE as the last stage does.
 */
export function stifflyAccurate(tab: RosenbrockTableau): boolean {
  const s = tab.m.length;
  const last = tab.a[s - 1];
  return tab.m[s - 1] === 1 && last.length === s - 1 && last.every((x, j) => x === tab.m[j]);
}

/**
 * A SolverMethod from a Rosenbrock tableau (checked now: a bad tableau fails at import).
 * `massMatrix` declares that the method integrates index-1 DAEs M·y' = f; by default, when it
 * is stiffly accurate (necessary; Rodas-type methods are built to satisfy the further order
 * conditions of the algebraic components, Hairer & Wanner II, VI.4).
 */
export function rosenbrock(
  tab: RosenbrockTableau,
  reference: string,
  capabilities: { readonly massMatrix?: boolean } = {},
): SolverMethod {
  assertSound(tab.name, checkRosenbrock(tab));
  if (tab.H.length !== 3) throw new Error(`internal error: ${tab.name} needs 3 dense-output rows`);
  return {
    name: tab.name,
    order: tab.order,
    implicit: true,
    denseOutput: true,
    massMatrix: capabilities.massMatrix ?? stifflyAccurate(tab),
    reference,
    tableau: { kind: "rosenbrock", data: tab },
    create: (system, p, t0, y0, options) => new RosenbrockStepper(tab, system, p, t0, y0, options),
  };
}
