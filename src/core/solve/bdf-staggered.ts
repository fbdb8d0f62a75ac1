/**
 * The staggered corrector of BDF for systems whose blocks after the first are linear given the
 * first (forward sensitivities; CVODES CV_STAGGERED, Serban & Hindmarsh, ASME IDETC 2005;
 * staggered direct method: Caracotsios & Stewart, Comput. Chem. Eng. 9 (1985) 359–365).
 * Once y of the step has converged, the right-hand side of the other blocks is prepared at that
 * y (J and ∂f/∂p: one evaluation per step instead of one per Newton iteration), and
 *   acorS − γ (J·(zS0 + acorS) + ∂f/∂p·Sp) + rl1·zS1 = 0
 * is solved either with the LU the Newton iteration on y used (a few iterations, with the same
 * convergence test as y), or, with many blocks, directly: I − γJ at that y is factored (one LU
 * of the block, cheap beside np solves) and one solve of each block is exact, since the system
 * is linear in S (staggered direct method).
 */
import type { BdfNewton } from "./bdf-newton.js";
import type { StaggeredBlocks } from "./types.js";

/** The fresh iteration matrix of the direct variant. */
export interface DirectBlockSolver {
  setJacobian(values: Float64Array): void;
  /** Factor c·I − J; −1 when done, else a failed pivot. */
  factor(c: number): number;
  /** Solve `count` blocks stored one after another in b. */
  solveMany(b: Float64Array, count: number): void;
}

const MAXCORS = 3;
const CRDOWN = 0.3;
const RDIV = 2;

export class StaggeredCorrector {
  /** The other blocks' parts of acor, zn[0], zn[1] and ewt (views: those arrays never move). */
  private readonly acor: Float64Array;
  private readonly z0: Float64Array;
  private readonly z1: Float64Array;
  private readonly w: Float64Array;
  private readonly ycur: Float64Array;
  private readonly delta: Float64Array;
  private readonly ftemp: Float64Array;
  /** Number of other blocks. */
  private readonly cols: number;
  private crate = 1;
  private setupsSeen = -1;

  constructor(
    private readonly n: number,
    acorFull: Float64Array,
    zn: readonly Float64Array[],
    ewt: Float64Array,
    private readonly blocks: StaggeredBlocks,
    private readonly newton: BdfNewton,
    private readonly solveOthers: (b: Float64Array) => void,
    private readonly p: Float64Array,
    /** Counts one evaluation of the prepared terms. */
    private readonly counted: () => void,
    /** When given, the direct variant (see above). */
    private readonly direct: DirectBlockSolver | null = null,
  ) {
    const size = acorFull.length - n;
    this.cols = size / n;
    this.acor = acorFull.subarray(n);
    this.z0 = zn[0].subarray(n);
    this.z1 = zn[1].subarray(n);
    this.w = ewt.subarray(n);
    this.ycur = new Float64Array(size);
    this.delta = new Float64Array(size);
    this.ftemp = new Float64Array(size);
  }

  /** Whether the other blocks' error weights are read (by the iteration's convergence test). */
  get readsWeights(): boolean {
    return this.direct === null;
  }

  /**
   * Correct the other blocks at time t, y the converged first block (zn, ewt: the arrays given
   * to the constructor). Returns false when the iteration did not converge even with a
   * Jacobian evaluated at this step (the caller then shrinks the step).
   */
  solve(t: number, y: Float64Array, gamma: number, rl1: number, tq4: number, nst: number): boolean {
    const { newton } = this;
    this.counted();
    this.blocks.prepare(t, y, this.p);
    if (this.direct) return this.solveDirect(gamma, rl1);
    if (this.iterate(gamma, rl1, tq4)) return true;
    if (newton.jacobianFresh(nst)) return false;
    // The matrix was older than this step: set it up at y and try once more.
    if (!newton.refresh(t, y, gamma, nst)) return false;
    return this.iterate(gamma, rl1, tq4);
  }

  /** One exact solve with I − γJ factored at this y (false when singular or not finite). */
  private solveDirect(gamma: number, rl1: number): boolean {
    const { acor, delta, ftemp, z0, z1 } = this;
    const direct = this.direct!;
    const size = acor.length;
    direct.setJacobian(this.blocks.jacobianValues());
    if (direct.factor(1 / gamma) >= 0) return false;
    this.blocks.blockRhs(z0, ftemp);
    const inv = 1 / gamma;
    for (let i = 0; i < size; i++) delta[i] = (gamma * ftemp[i] - rl1 * z1[i]) * inv;
    direct.solveMany(delta, this.cols);
    let finite = true;
    for (let i = 0; i < size; i++) {
      const d = delta[i];
      acor[i] = d;
      if (d - d !== 0) finite = false;
    }
    return finite;
  }

  private iterate(gamma: number, rl1: number, tq4: number): boolean {
    const { n, cols, acor, ycur, delta, ftemp, z0, z1, w, newton } = this;
    const size = acor.length;
    if (newton.setups !== this.setupsSeen) {
      this.setupsSeen = newton.setups;
      this.crate = 1;
    }
    const inv = 1 / newton.factoredGamma;
    const gamrat = gamma * inv;
    const scale = gamrat !== 1 ? 2 / (1 + gamrat) : 1;
    acor.fill(0);
    ycur.set(z0);
    let delp = 0;
    for (let m = 0; ;) {
      this.blocks.blockRhs(ycur, ftemp);
      for (let i = 0; i < size; i++) delta[i] = (gamma * ftemp[i] - rl1 * z1[i] - acor[i]) * inv;
      this.solveOthers(delta);
      // scale, update, and the largest block WRMS norm of the increment, in one pass
      let del = 0;
      for (let c = 0, o = 0; c < cols; c++, o += n) {
        let s = 0;
        for (let i = o, e = o + n; i < e; i++) {
          const d = delta[i] * scale;
          const x = d * w[i];
          s += x * x;
          const a = acor[i] + d;
          acor[i] = a;
          ycur[i] = z0[i] + a;
        }
        del = Math.max(del, Math.sqrt(s / n)); // keeps a NaN
      }
      if (m > 0) this.crate = Math.max(CRDOWN * this.crate, del / delp);
      if ((del * Math.min(1, this.crate)) / tq4 <= 1) return true;
      m++;
      if (m === MAXCORS || (m >= 2 && del > RDIV * delp) || !Number.isFinite(del)) return false;
      delp = del;
    }
  }
}
