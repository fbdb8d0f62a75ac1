/**
 * BDF: variable-order (1–5), variable-step backward differentiation formulas in Nordsieck
 * form with fixed leading coefficient, modified Newton iteration and CVODE's heuristics for
 * Jacobian/LU reuse, local error test and step/order selection.
 * Method: Byrne & Hindmarsh, ACM TOMS 1 (1975) 71–96; Jackson & Sacks-Davis, ACM TOMS 6 (1980)
 * 295–318. Implementation after CVODE (Hindmarsh et al., ACM TOMS 31 (2005) 363–396; SUNDIALS
 * cvode.c: cvStep, cvNls, cvDoErrorTest, cvPrepareNextStep), constants as there.
 */
import type { OdeSystem, SolverMethod, SolverOptions, StepResult, Stepper, SolverStats } from "../types.js";
import { IterationMatrix } from "../linalg/iteration-matrix.js";
import { errorWeights, firstNonFinite, initialStep, negligibleSizes, worstIndex, wrmsNorm } from "../norms.js";
import { type ResolvedOptions, landsOnStop, minStep, newStats, resolveOptions } from "../stepper-common.js";
import {
  BdfCoefficients, Q_MAX, decreaseOrder, increaseOrder, nordsieckValue, predict, rescaleHistory, setBdfCoefficients, unpredict,
} from "../nordsieck.js";

// CVODE's constants (cvode.c, cvode_ls.c).
const ADDON = 1e-6, BIAS1 = 6, BIAS2 = 6, BIAS3 = 10, THRESH = 1.5;
const ETAMX1 = 10000, ETAMX2 = 10, ETAMX3 = 10, ETAMXF = 0.2, ETAMIN = 0.1, ETACF = 0.25;
const SMALL_NST = 10, MXNCF = 10, MXNEF = 7, MXNEF1 = 3, SMALL_NEF = 2, LONG_WAIT = 10;
const MAXCOR = 3, CRDOWN = 0.3, RDIV = 2;
/** Steps between LU refreshes, steps between Jacobian refreshes, γ change forcing a refactor. */
const MSBP = 20, MSBJ = 51, DGMAX = 0.3, DGMAX_JBAD = 0.2;

const enum Nls { Ok, Recoverable }
const enum Failure { None, ConvFail, ErrFail }
const OK: StepResult = { status: "ok" };

class BdfStepper implements Stepper {
  t: number;
  tPrev: number;
  h = 0;
  readonly y: Float64Array;
  readonly stats: SolverStats = newStats();
  private readonly n: number;
  private readonly opt: ResolvedOptions;
  private readonly qmax: number;
  private readonly zn: Float64Array[];
  private readonly c = new BdfCoefficients();
  private readonly M: IterationMatrix;
  private readonly ewt: Float64Array;
  private readonly acor: Float64Array;
  private readonly tempv: Float64Array;
  private readonly ftemp: Float64Array;
  private readonly fpred: Float64Array;
  private readonly ycur: Float64Array;
  private readonly floor: Float64Array;
  private q = 1;
  private qprime = 1;
  private hprime = 0;
  private hscale = 0;
  private qwait = 2;
  private nst = 0;
  private etamax = ETAMX1;
  private savedTq5 = 0;
  private gamma = 0;
  private gammap = 0;
  private gamrat = 1;
  private rl1 = 1;
  private crate = 1;
  private acnrm = 0;
  private nstlp = 0;
  private nstlj = 0;
  private jcur = false;
  /** True until the history is (re)built at the current point. */
  private fresh = true;
  private worst = -1;

  constructor(private readonly system: OdeSystem, private readonly p: Float64Array, t0: number, y0: Float64Array, options: SolverOptions) {
    const n = system.size;
    this.n = n;
    this.opt = resolveOptions(system, options);
    this.qmax = Math.max(1, Math.min(Q_MAX, options.maxOrder ?? Q_MAX));
    this.t = t0;
    this.tPrev = t0;
    this.y = Float64Array.from(y0);
    this.zn = Array.from({ length: Q_MAX + 1 }, () => new Float64Array(n));
    this.zn[0].set(y0);
    this.M = new IterationMatrix(system, p, this.stats, options.linearSolver);
    this.ewt = new Float64Array(n);
    this.acor = new Float64Array(n);
    this.tempv = new Float64Array(n);
    this.ftemp = new Float64Array(n);
    this.fpred = new Float64Array(n);
    this.ycur = new Float64Array(n);
    this.floor = negligibleSizes(this.opt.rtol, this.opt.atol);
    this.h = this.opt.h0;
  }

  private f(t: number, y: Float64Array, out: Float64Array): void {
    this.stats.rhsEvals++;
    this.system.rhs(t, y, this.p, out);
  }

  /** zn = [y, h·f(t, y)] at order 1, with h from the starting-step estimate (≤ the hint). */
  private initHistory(tStop: number): number {
    const { n, zn, ewt, opt } = this;
    const f0 = zn[1];
    this.f(this.t, zn[0], f0);
    const bad = firstNonFinite(f0);
    if (bad >= 0) return bad;
    errorWeights(zn[0], opt.rtol, opt.atol, ewt);
    let h: number;
    if (this.nst === 0 && this.stats.steps === 0 && opt.h0 > 0) h = opt.h0;
    else {
      h = initialStep((tt, yy, ff) => this.f(tt, yy, ff), this.t, zn[0], f0, ewt, 1, tStop - this.t, this.tempv, this.ftemp);
      if (this.h > 0) h = Math.min(h, this.h);
    }
    h = Math.min(h, opt.hmax, tStop - this.t);
    for (let i = 0; i < n; i++) f0[i] *= h;
    this.h = this.hscale = this.hprime = h;
    this.q = this.qprime = 1;
    this.qwait = 2;
    this.etamax = ETAMX1;
    this.savedTq5 = 0;
    this.c.tau.fill(0);
    this.nst = 0;
    this.crate = 1;
    this.fresh = false;
    return -1;
  }

  step(tStop: number): StepResult {
    const { n, zn, c, opt } = this;
    if (this.fresh) {
      const bad = this.initHistory(tStop);
      if (bad >= 0) return { status: "nonFinite", worstState: bad };
    } else {
      // Apply the step/order chosen after the last step, shortened to land on tStop.
      let hNext = Math.min(this.hprime, opt.hmax);
      const lands = landsOnStop(this.t, hNext, tStop);
      if (lands) hNext = tStop - this.t;
      if (hNext !== this.h || this.qprime !== this.q) this.adjust(hNext);
    }
    errorWeights(zn[0], opt.rtol, opt.atol, this.ewt);
    const tSaved = this.t;
    let ncf = 0;
    let nef = 0;
    let failure = Failure.None;
    let dsm = 0;
    for (;;) {
      const lands = this.h === tStop - tSaved;
      predict(zn, this.q, n);
      this.t = lands ? tStop : tSaved + this.h;
      setBdfCoefficients(c, this.q, this.h, this.qwait);
      this.rl1 = 1 / c.l[1];
      this.gamma = this.h * this.rl1;
      if (this.nst === 0) this.gammap = this.gamma;
      this.gamrat = this.nst > 0 ? this.gamma / this.gammap : 1;

      const nls = this.newton(failure);
      if (nls === Nls.Recoverable) {
        unpredict(zn, this.q, n);
        this.t = tSaved;
        this.stats.rejectedSteps++;
        ncf++;
        this.etamax = 1;
        const hmin = minStep(tSaved, opt.hmin);
        if (this.h <= hmin * 1.000001 || ncf === MXNCF) return this.fail(firstNonFinite(this.ycur) >= 0 ? "nonFinite" : "newtonFailed");
        this.rescale(Math.max(ETACF, hmin / this.h));
        failure = Failure.ConvFail;
        continue;
      }
      dsm = this.acnrm * c.tq[2];
      if (dsm <= 1) break;
      // Local error test failed (cvDoErrorTest).
      this.worst = worstIndex(this.acor, this.ewt);
      unpredict(zn, this.q, n);
      this.t = tSaved;
      this.stats.rejectedSteps++;
      nef++;
      failure = Failure.ErrFail;
      const hmin = minStep(tSaved, opt.hmin);
      if (this.h <= hmin * 1.000001 || nef === MXNEF) return this.fail("stepSizeTooSmall");
      this.etamax = 1;
      if (nef <= MXNEF1) {
        let eta = 1 / (Math.pow(BIAS2 * dsm, 1 / (this.q + 1)) + ADDON);
        eta = Math.max(ETAMIN, eta, hmin / this.h);
        if (nef >= SMALL_NEF) eta = Math.min(eta, ETAMXF);
        this.rescale(eta);
      } else if (this.q > 1) {
        decreaseOrder(zn, c, this.q, n, this.hscale);
        this.q--;
        this.qwait = this.q + 1;
        this.rescale(Math.max(ETAMIN, hmin / this.h));
      } else {
        // At order 1 after repeated failures: rebuild zn[1] from a fresh derivative.
        const eta = Math.max(ETAMIN, hmin / this.h);
        this.h *= eta;
        this.hscale = this.h;
        this.qwait = LONG_WAIT;
        this.f(this.t, zn[0], this.tempv);
        for (let i = 0; i < n; i++) zn[1][i] = this.h * this.tempv[i];
      }
    }
    this.completeStep(dsm);
    this.tPrev = tSaved;
    this.y.set(zn[0]);
    return OK;
  }

  private fail(status: "stepSizeTooSmall" | "newtonFailed" | "nonFinite"): StepResult {
    this.y.set(this.zn[0]);
    const bad = firstNonFinite(this.ycur);
    return { status, worstState: status === "nonFinite" && bad >= 0 ? bad : this.worst >= 0 ? this.worst : undefined };
  }

  /**
   * Modified Newton for the corrector y = zn[0] + acor with acor − γ f(y) + rl1·zn[1] = 0
   * (CVODE's cvNls, with cvLsSetup's rules for when to refresh J and the LU).
   */
  private newton(failure: Failure): Nls {
    const { n, zn, acor, tempv, ftemp, fpred, ycur, ewt, c } = this;
    let callSetup = failure !== Failure.None || this.nst === 0 || this.nst >= this.nstlp + MSBP || Math.abs(this.gamrat - 1) > DGMAX;
    let badJ = false;
    this.f(this.t, zn[0], fpred);
    if (firstNonFinite(fpred) >= 0) {
      ycur.set(zn[0]);
      return Nls.Recoverable;
    }
    for (;;) {
      if (callSetup) {
        const dgamma = Math.abs(this.gamma / this.gammap - 1);
        const jbad = this.nst === 0 || this.nst >= this.nstlj + MSBJ || failure === Failure.ConvFail || (badJ && dgamma < DGMAX_JBAD) || !this.jcurValid;
        if (jbad) {
          this.M.evaluate(this.t, zn[0], fpred, this.floor);
          this.jcur = true;
          this.jcurValid = true;
          this.nstlj = this.nst;
        } else {
          this.jcur = false;
        }
        this.gammap = this.gamma;
        this.gamrat = 1;
        this.crate = 1;
        this.nstlp = this.nst;
        if (this.M.factor(1 / this.gamma) >= 0) return Nls.Recoverable;
        callSetup = false;
      }
      acor.fill(0);
      ycur.set(zn[0]);
      ftemp.set(fpred);
      let delp = 0;
      let converged = false;
      let diverged = false;
      const scale = this.gamrat !== 1 ? 2 / (1 + this.gamrat) : 1;
      for (let m = 0; ; ) {
        // b = γ f(y) − rl1·zn[1] − acor, solved with (I − γp J): x = (I/γp − J)⁻¹ b/γp.
        const g = this.gamma, r = this.rl1, z1 = zn[1], inv = 1 / this.gammap;
        for (let i = 0; i < n; i++) tempv[i] = (g * ftemp[i] - r * z1[i] - acor[i]) * inv;
        this.M.solve(tempv);
        if (scale !== 1) for (let i = 0; i < n; i++) tempv[i] *= scale;
        const del = wrmsNorm(tempv, ewt);
        for (let i = 0; i < n; i++) {
          acor[i] += tempv[i];
          ycur[i] = zn[0][i] + acor[i];
        }
        if (m > 0) this.crate = Math.max(CRDOWN * this.crate, del / delp);
        const dcon = (del * Math.min(1, this.crate)) / c.tq[4];
        if (dcon <= 1) {
          this.acnrm = m === 0 ? del : wrmsNorm(acor, ewt);
          converged = Number.isFinite(this.acnrm);
          diverged = !converged;
          break;
        }
        m++;
        if (m === MAXCOR || (m >= 2 && del > RDIV * delp) || !Number.isFinite(del)) {
          diverged = true;
          break;
        }
        delp = del;
        this.f(this.t, ycur, ftemp);
        if (firstNonFinite(ftemp) >= 0) {
          diverged = true;
          break;
        }
      }
      if (converged) {
        this.jcur = false;
        return Nls.Ok;
      }
      this.worst = worstIndex(tempv, ewt);
      // A stale Jacobian may be the cause: refresh it once before giving up on this h.
      if (diverged && !this.jcur) {
        callSetup = true;
        badJ = true;
        continue;
      }
      return Nls.Recoverable;
    }
  }

  /** Whether the stored Jacobian may be reused (false forces a re-evaluation). */
  private jcurValid = false;

  /** cvRescale: history to step h·eta. */
  private rescale(eta: number): void {
    rescaleHistory(this.zn, this.q, this.n, eta);
    this.h = this.hscale * eta;
    this.hscale = this.h;
  }

  /** cvAdjustParams: apply the order change chosen after the last step, then the new step. */
  private adjust(hNext: number): void {
    const { zn, c, n } = this;
    if (this.qprime !== this.q) {
      if (this.qprime > this.q) increaseOrder(zn, c, this.q, n, this.hscale, this.qmax);
      else decreaseOrder(zn, c, this.q, n, this.hscale);
      this.q = this.qprime;
      this.qwait = this.q + 1;
    }
    this.rescale(hNext / this.h);
    this.h = this.hscale = hNext;
  }

  /** cvCompleteStep + cvPrepareNextStep. */
  private completeStep(dsm: number): void {
    const { zn, c, n, acor, ewt } = this;
    const { l, tau, tq } = c;
    const q = this.q;
    this.nst++;
    this.stats.steps++;
    for (let i = q; i >= 2; i--) tau[i] = tau[i - 1];
    if (q === 1 && this.nst > 1) tau[2] = tau[1];
    tau[1] = this.h;
    for (let j = 0; j <= q; j++) {
      const z = zn[j];
      const lj = l[j];
      for (let i = 0; i < n; i++) z[i] += lj * acor[i];
    }
    this.qwait--;
    if (this.qwait === 1 && q !== this.qmax) {
      zn[this.qmax].set(acor);
      this.savedTq5 = tq[5];
    }
    // Step and order for the next step.
    this.qprime = q;
    this.hprime = this.h;
    if (this.etamax === 1) {
      this.qwait = Math.max(this.qwait, 2);
    } else {
      const L = q + 1;
      const etaq = 1 / (Math.pow(BIAS2 * dsm, 1 / L) + ADDON);
      let eta = etaq;
      if (this.qwait === 0) {
        this.qwait = 2;
        let etaqm1 = 0;
        if (q > 1) {
          const ddn = wrmsNorm(zn[q], ewt) * tq[1];
          etaqm1 = 1 / (Math.pow(BIAS1 * ddn, 1 / q) + ADDON);
        }
        let etaqp1 = 0;
        if (q !== this.qmax && this.savedTq5 !== 0) {
          const cquot = (tq[5] / this.savedTq5) * Math.pow(this.h / tau[2], L);
          const zq = zn[this.qmax];
          for (let i = 0; i < n; i++) this.tempv[i] = acor[i] - cquot * zq[i];
          const dup = wrmsNorm(this.tempv, ewt) * tq[3];
          etaqp1 = 1 / (Math.pow(BIAS3 * dup, 1 / (L + 1)) + ADDON);
        }
        const etam = Math.max(etaqm1, etaq, etaqp1);
        if (etam < THRESH) eta = 1;
        else if (etam === etaq) eta = etaq;
        else if (etam === etaqm1) {
          eta = etaqm1;
          this.qprime = q - 1;
        } else {
          eta = etaqp1;
          this.qprime = q + 1;
          zn[this.qmax].set(acor);
        }
      }
      if (eta < THRESH) {
        this.qprime = q;
      } else {
        eta = Math.min(eta, this.etamax);
        eta /= Math.max(1, (this.h * eta) / this.opt.hmax);
        this.hprime = this.h * eta;
      }
    }
    this.etamax = this.nst <= SMALL_NST ? ETAMX2 : ETAMX3;
  }

  interpolate(tq: number, out: Float64Array): void {
    nordsieckValue(this.zn, this.q, this.n, (tq - this.t) / this.h, out);
  }

  restart(t: number, y: Float64Array): void {
    this.t = t;
    this.tPrev = t;
    this.y.set(y);
    this.zn[0].set(y);
    this.fresh = true;
    this.jcurValid = false;
    this.h = this.hscale > 0 ? this.hscale : this.h;
  }
}

export const bdf: SolverMethod = {
  name: "BDF",
  order: 5,
  implicit: true,
  denseOutput: true,
  reference: "Byrne & Hindmarsh, ACM TOMS 1 (1975); CVODE: Hindmarsh et al., ACM TOMS 31 (2005)",
  create: (system, p, t0, y0, options) => new BdfStepper(system, p, t0, y0, options),
};
