/**
 * BDF: variable-order (1–5), variable-step backward differentiation formulas in Nordsieck
 * form with fixed leading coefficient, modified Newton iteration and CVODE's heuristics for
 * Jacobian/LU reuse, local error test and step/order selection.
 * Method: Byrne & Hindmarsh, ACM TOMS 1 (1975) 71–96; Jackson & Sacks-Davis, ACM TOMS 6 (1980)
 * 295–318. Implementation after CVODE (Hindmarsh et al., ACM TOMS 31 (2005) 363–396; SUNDIALS
 * cvode.c: cvStep, cvNls, cvDoErrorTest, cvPrepareNextStep), constants as there.
 */
import type { OdeSystem, SolverMethod, SolverOptions, StepResult, Stepper, SolverStats } from "../types.js";
import { BlockIterationMatrix, iterationMatrixFor } from "../linalg/block-iteration-matrix.js";
import { IterationMatrix } from "../linalg/iteration-matrix.js";
import { type Norm, normFor } from "../block-norm.js";
import {
  errorWeights,
  firstNonFinite,
  initialStep,
  negligibleSizes,
  worstIndex,
  wrmsNorm,
} from "../norms.js";
import { type ResolvedOptions, landsOnStop, minStep, newStats, resolveOptions } from "../stepper-common.js";
import {
  BdfCoefficients,
  applyCorrection,
  Q_MAX,
  decreaseOrder,
  increaseOrder,
  nordsieckValue,
  predict,
  rescaleHistory,
  setBdfCoefficients,
  unpredict,
} from "../nordsieck.js";
import { THRESH, chooseOrder, etaq } from "../bdf-selection.js";
import { BdfNewton, Retry } from "../bdf-newton.js";
import { StaggeredCorrector } from "../bdf-staggered.js";

// CVODE's constants (cvode.c, cvode_ls.c); the step/order-selection ones are in bdf-selection.ts.
const ETAMX1 = 10000;
const ETAMX2 = 10;
const ETAMX3 = 10;
const ETAMXF = 0.2;
const ETAMIN = 0.1;
const ETACF = 0.25;
const SMALL_NST = 10;
const MXNCF = 10;
const MXNEF = 7;
const MXNEF1 = 3;
const SMALL_NEF = 2;
const LONG_WAIT = 10;

const OK: StepResult = { status: "ok" };

/**
 * From this many sensitivity columns on, the staggered corrector factors I − γJ afresh every
 * step and solves each column once (one LU of the block costs less than the extra iterations
 * a reused LU needs for that many columns); below, it iterates with Newton's LU.
 */
const DIRECT_MIN_COLUMNS = 4;

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
  private readonly newton: BdfNewton;
  private readonly ewt: Float64Array;
  private readonly tempv: Float64Array;
  private q = 1;
  private qprime = 1;
  private hprime = 0;
  private hscale = 0;
  private qwait = 2;
  private nst = 0;
  private etamax = ETAMX1;
  private savedTq5 = 0;
  /** True until the history is (re)built at the current point. */
  private fresh = true;
  private worst = -1;
  private readonly choice = { q: 1, eta: 1 };
  private readonly acor: Float64Array;
  private readonly norm: Norm;
  /** The error-test norm: the same function unless the system leaves blocks out of error control. */
  private readonly errNorm: Norm;
  /**
   * Systems with staggered blocks: Newton on the first block (its views of zn and ewt), then
   * this corrector for the others; null for the simultaneous corrector on all of y.
   */
  private readonly staggered: StaggeredCorrector | null = null;
  private readonly znNewton: Float64Array[];
  private readonly ewtNewton: Float64Array;
  /** The error test uses only the first block (errconS false), whose norm Newton has computed. */
  private readonly errorOnFirst: boolean;
  /**
   * Nothing reads the other blocks' error weights (first-block error test and the direct
   * staggered corrector): each step computes the first block's only (for 247 sensitivity
   * columns of the IL-6 model, 30 000 weights per step were 4 % of the run).
   */
  private readonly weightsFirstOnly: boolean = false;

  constructor(
    private readonly system: OdeSystem,
    private readonly p: Float64Array,
    t0: number,
    y0: Float64Array,
    options: SolverOptions,
  ) {
    const n = system.size;
    this.n = n;
    this.opt = resolveOptions(system, options);
    this.qmax = Math.max(1, Math.min(Q_MAX, options.maxOrder ?? Q_MAX));
    this.t = t0;
    this.tPrev = t0;
    this.y = Float64Array.from(y0);
    this.zn = Array.from({ length: Q_MAX + 1 }, () => new Float64Array(n));
    this.zn[0].set(y0);
    this.ewt = new Float64Array(n);
    this.tempv = new Float64Array(n);
    // Systems with blocks (forward sensitivities): one LU of the first block, block-wise norms.
    const M = iterationMatrixFor(system, p, this.stats, options.linearSolver, true);
    this.norm = normFor(system, true);
    const errNorm = normFor(system, true, true);
    this.errNorm = system.blocks?.errorBlocks !== undefined ? errNorm : this.norm;
    const floor = negligibleSizes(this.opt.rtol, this.opt.atol);
    const blocks = system.blocks;
    this.errorOnFirst = blocks?.errorBlocks === 1;
    if (blocks?.staggered && M instanceof BlockIterationMatrix) {
      const n0 = blocks.block.size;
      const block = blocks.block;
      const f0 = (t: number, y: Float64Array, out: Float64Array): void => {
        this.stats.rhsEvals++;
        block.rhs(t, y, p, out);
      };
      this.newton = new BdfNewton(n0, M.single, floor.subarray(0, n0), f0, wrmsNorm);
      this.acor = new Float64Array(n);
      this.staggered = new StaggeredCorrector(
        n0,
        this.acor,
        this.zn,
        this.ewt,
        blocks.staggered,
        this.newton,
        (b) => M.solveOthers(b),
        p,
        () => this.stats.rhsEvals++,
        blocks.count - 1 >= DIRECT_MIN_COLUMNS && block.sparsity
          ? new IterationMatrix(block, p, this.stats, options.linearSolver)
          : null,
      );
      this.znNewton = this.zn.map((z) => z.subarray(0, n0));
      this.ewtNewton = this.ewt.subarray(0, n0);
      this.weightsFirstOnly = this.errorOnFirst && !this.staggered.readsWeights;
    } else {
      this.newton = new BdfNewton(n, M, floor, (t, y, out) => this.f(t, y, out), this.norm);
      this.acor = this.newton.acor;
      this.znNewton = this.zn;
      this.ewtNewton = this.ewt;
    }
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
      h = initialStep(
        (tt, yy, ff) => this.f(tt, yy, ff),
        this.t,
        zn[0],
        f0,
        ewt,
        1,
        tStop - this.t,
        this.tempv,
        this.acor,
      );
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
    if (this.weightsFirstOnly)
      errorWeights(this.znNewton[0], opt.rtol, opt.atol, this.ewtNewton); // y's length: atol's first block
    else errorWeights(zn[0], opt.rtol, opt.atol, this.ewt);
    const tSaved = this.t;
    let ncf = 0;
    let nef = 0;
    let retry = Retry.None;
    let dsm = 0;
    for (;;) {
      const lands = this.h === tStop - tSaved;
      predict(zn, this.q, n);
      this.t = lands ? tStop : tSaved + this.h;
      setBdfCoefficients(c, this.q, this.h, this.qwait);
      const rl1 = 1 / c.l[1];
      const converged = this.correct(this.h * rl1, rl1, retry);
      if (!converged) {
        unpredict(zn, this.q, n);
        this.t = tSaved;
        this.stats.rejectedSteps++;
        ncf++;
        this.etamax = 1;
        const hmin = minStep(tSaved, opt.hmin);
        if (this.h <= hmin * 1.000001 || ncf === MXNCF)
          return this.fail(firstNonFinite(this.newton.ycur) >= 0 ? "nonFinite" : "newtonFailed");
        this.rescale(Math.max(ETACF, hmin / this.h));
        retry = Retry.ConvFail;
        continue;
      }
      const firstOnly = this.staggered ? this.errorOnFirst : this.errNorm === this.norm;
      dsm = (firstOnly ? this.newton.acnrm : this.errNorm(this.acor, this.ewt)) * c.tq[2];
      if (dsm <= 1) break;
      // Local error test failed (cvDoErrorTest).
      this.worst = this.weightsFirstOnly
        ? worstIndex(this.newton.acor, this.ewtNewton)
        : worstIndex(this.acor, this.ewt);
      unpredict(zn, this.q, n);
      this.t = tSaved;
      this.stats.rejectedSteps++;
      nef++;
      retry = Retry.ErrFail;
      const hmin = minStep(tSaved, opt.hmin);
      if (this.h <= hmin * 1.000001 || nef === MXNEF) return this.fail("stepSizeTooSmall");
      this.etamax = 1;
      if (nef <= MXNEF1) {
        let eta = etaq(dsm, this.q);
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

  /** The corrector at this.t: Newton on y (all blocks, or the first then the staggered rest). */
  private correct(gamma: number, rl1: number, retry: Retry): boolean {
    const { c, newton, staggered } = this;
    if (!newton.solve(this.t, this.znNewton, gamma, rl1, c.tq[4], this.ewtNewton, this.nst, retry))
      return false;
    if (!staggered) return true;
    this.acor.set(newton.acor);
    return staggered.solve(this.t, newton.ycur, gamma, rl1, c.tq[4], this.nst);
  }

  private fail(status: "stepSizeTooSmall" | "newtonFailed" | "nonFinite"): StepResult {
    this.y.set(this.zn[0]);
    const bad = firstNonFinite(this.newton.ycur);
    if (this.newton.worst >= 0 && status === "newtonFailed") this.worst = this.newton.worst;
    return {
      status,
      worstState: status === "nonFinite" && bad >= 0 ? bad : this.worst >= 0 ? this.worst : undefined,
    };
  }

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
    applyCorrection(zn, l, q, n, acor);
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
      let eta = etaq(dsm, q);
      if (this.qwait === 0) {
        // Consider orders q − 1 and q + 1 (cvChooseEta); the larger step wins.
        this.qwait = 2;
        const choice = this.choice;
        chooseOrder(
          zn,
          c,
          q,
          this.qmax,
          this.h,
          dsm,
          this.savedTq5,
          acor,
          ewt,
          this.tempv,
          choice,
          this.errNorm,
        );
        eta = choice.eta;
        this.qprime = choice.q;
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
    this.newton.invalidate();
    this.h = this.hscale > 0 ? this.hscale : this.h;
  }
}

export const bdf: SolverMethod = {
  name: "BDF",
  order: 5,
  implicit: true,
  denseOutput: true,
  blockNewton: true,
  reference: "Byrne & Hindmarsh, ACM TOMS 1 (1975); CVODE: Hindmarsh et al., ACM TOMS 31 (2005)",
  create: (system, p, t0, y0, options) => new BdfStepper(system, p, t0, y0, options),
};
