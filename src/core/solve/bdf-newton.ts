/**
 * The corrector of the BDF method: modified Newton iteration on
 *   acor − γ f(zn[0] + acor) + rl1·zn[1] = 0
 * with the iteration matrix I − γJ kept as long as CVODE would keep it (cvNls, cvLsSetup):
 * the LU is refreshed on a failure, every MSBP steps, or when γ moved by more than DGMAX since
 * it was factored (in between the correction is scaled by 2/(1 + γ/γp)); the Jacobian is
 * refreshed after a convergence failure, every MSBJ steps, or when a stale one fails to converge.
 */
import type { LinearSolver } from "./linalg/iteration-matrix.js";
import type { Norm } from "./block-norm.js";
import { firstNonFinite, worstIndex, wrmsNorm } from "./norms.js";

const MAXCOR = 3;
const CRDOWN = 0.3;
const RDIV = 2;
const MSBP = 20;
const MSBJ = 51;
const DGMAX = 0.3;
const DGMAX_JBAD = 0.2;

/** Why the step is being retried: none, after a convergence failure, after an error-test failure. */
export const enum Retry {
  None,
  ConvFail,
  ErrFail,
}

export class BdfNewton {
  /** The correction y − zn[0] of the last iteration, and its weighted norm when converged. */
  readonly acor: Float64Array;
  acnrm = 0;
  /** Last iterate (for naming a non-finite state). */
  readonly ycur: Float64Array;
  /** State with the largest last correction when the iteration failed. */
  worst = -1;
  private readonly delta: Float64Array;
  private readonly ftemp: Float64Array;
  private readonly fpred: Float64Array;
  private gammap = 0;
  private gamrat = 1;
  private crate = 1;
  private nstlp = 0;
  private nstlj = 0;
  private jcur = false;
  private jValid = false;

  constructor(
    private readonly n: number,
    private readonly M: LinearSolver,
    private readonly floor: Float64Array,
    private readonly f: (t: number, y: Float64Array, out: Float64Array) => void,
    /** Error norm (block-wise for systems with blocks, see block-norm.ts). */
    private readonly norm: Norm = wrmsNorm,
  ) {
    this.acor = new Float64Array(n);
    this.ycur = new Float64Array(n);
    this.delta = new Float64Array(n);
    this.ftemp = new Float64Array(n);
    this.fpred = new Float64Array(n);
  }

  /** γ of the factored matrix, and how many times the LU was set up. */
  get factoredGamma(): number {
    return this.gammap;
  }

  setups = 0;

  /** True when the Jacobian was evaluated at this step (a retry of it included). */
  jacobianFresh(nst: number): boolean {
    return this.jValid && this.nstlj === nst;
  }

  /**
   * Evaluate J at (t, y) and factor I − γJ now (the staggered corrector failed to converge with
   * an older matrix). Returns false when the matrix is singular.
   */
  refresh(t: number, y: Float64Array, gamma: number, nst: number): boolean {
    this.f(t, y, this.fpred);
    this.M.evaluate(t, y, this.fpred, this.floor);
    this.jValid = true;
    this.nstlj = this.nstlp = nst;
    this.gammap = gamma;
    this.gamrat = 1;
    this.crate = 1;
    this.setups++;
    return this.M.factor(1 / gamma) < 0;
  }

  /** Forget the Jacobian (after a restart at a discontinuity). */
  invalidate(): void {
    this.jValid = false;
    this.crate = 1;
  }

  /**
   * Solve for the correction at time t. Returns true when converged (acor, acnrm set), false
   * for a recoverable failure (the caller shrinks the step).
   */
  solve(
    t: number,
    zn: Float64Array[],
    gamma: number,
    rl1: number,
    tq4: number,
    ewt: Float64Array,
    nst: number,
    retry: Retry,
  ): boolean {
    const { n, acor, delta, ftemp, fpred, ycur, M } = this;
    if (nst === 0) this.gammap = gamma;
    this.gamrat = nst > 0 ? gamma / this.gammap : 1;
    let setup =
      retry !== Retry.None || nst === 0 || nst >= this.nstlp + MSBP || Math.abs(this.gamrat - 1) > DGMAX;
    let badJ = false;
    this.f(t, zn[0], fpred);
    if (firstNonFinite(fpred) >= 0) {
      ycur.set(zn[0]);
      return false;
    }
    const z0 = zn[0];
    const z1 = zn[1];
    for (;;) {
      if (setup) {
        const dgamma = Math.abs(gamma / this.gammap - 1);
        const jbad =
          nst === 0 ||
          nst >= this.nstlj + MSBJ ||
          retry === Retry.ConvFail ||
          (badJ && dgamma < DGMAX_JBAD) ||
          !this.jValid;
        this.jcur = jbad;
        if (jbad) {
          M.evaluate(t, z0, fpred, this.floor);
          this.jValid = true;
          this.nstlj = nst;
        }
        this.gammap = gamma;
        this.gamrat = 1;
        this.crate = 1;
        this.nstlp = nst;
        this.setups++;
        if (M.factor(1 / gamma) >= 0) return false;
        setup = false;
      }
      acor.fill(0);
      ycur.set(z0);
      ftemp.set(fpred);
      // (I − γp J) x = b  ⇔  (I/γp − J) x = b/γp; an old LU's x is scaled by 2/(1 + γ/γp).
      const inv = 1 / this.gammap;
      const scale = this.gamrat !== 1 ? 2 / (1 + this.gamrat) : 1;
      let delp = 0;
      let ok = false;
      for (let m = 0; ;) {
        for (let i = 0; i < n; i++) delta[i] = (gamma * ftemp[i] - rl1 * z1[i] - acor[i]) * inv;
        M.solve(delta);
        let del: number;
        if (this.norm === wrmsNorm) {
          // scale, update and the WRMS norm of the increment in one pass (the common case)
          let sum = 0;
          for (let i = 0; i < n; i++) {
            const d = delta[i] * scale;
            delta[i] = d;
            const x = d * ewt[i];
            sum += x * x;
            const a = acor[i] + d;
            acor[i] = a;
            ycur[i] = z0[i] + a;
          }
          del = n === 0 ? 0 : Math.sqrt(sum / n);
        } else {
          if (scale !== 1) for (let i = 0; i < n; i++) delta[i] *= scale;
          del = this.norm(delta, ewt);
          for (let i = 0; i < n; i++) {
            acor[i] += delta[i];
            ycur[i] = z0[i] + acor[i];
          }
        }
        if (m > 0) this.crate = Math.max(CRDOWN * this.crate, del / delp);
        if ((del * Math.min(1, this.crate)) / tq4 <= 1) {
          this.acnrm = m === 0 ? del : this.norm(acor, ewt);
          ok = Number.isFinite(this.acnrm);
          break;
        }
        m++;
        if (m === MAXCOR || (m >= 2 && del > RDIV * delp) || !Number.isFinite(del)) break;
        delp = del;
        this.f(t, ycur, ftemp);
        if (firstNonFinite(ftemp) >= 0) break;
      }
      if (ok) {
        this.jcur = false;
        return true;
      }
      this.worst = worstIndex(delta, ewt);
      // A stale Jacobian may be the cause: refresh it before giving up on this step size.
      if (!this.jcur) {
        setup = true;
        badJ = true;
        continue;
      }
      return false;
    }
  }
}
