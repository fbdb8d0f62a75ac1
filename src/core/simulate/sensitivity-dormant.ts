/**
 * Forward sensitivities with the dormant states left out (dormant.ts). With f_Z ≡ 0 while the
 * dormant states Z are zero (for every value of the other states and of the parameters that are
 * not held at zero), ∂f_Z/∂y_N = 0 and ∂f_Z/∂θ = 0 there, so S_Z' = J_ZZ·S_Z: the columns stay
 * zero in Z when they start at zero. So what some θ moves at the start (non-zero rows of dy0/dθ
 * and dp/dθ) is kept out of the dormant set, like what the run's events and actions set.
 * The integrator sees the active rows of y and of every column; the run's SensitivityHandler
 * (jumps, event-time shifts) works on the full vectors through the wrapper below.
 */
import type { HandleCause, HandleResult, HybridHandler } from "../solve/hybrid.js";
import type { Dormancy } from "./dormant.js";
import { DormantStateWoke } from "./reduced-system.js";
import type { SensitivitySystem } from "./sensitivity-system.js";

/**
 * The states and parameter slots a run may set (`touched`), plus those some θ moves at the start
 * (non-zero rows of dy0/dθ and dp/dθ): none of them can be taken as staying zero in every column.
 */
export function movedBy(
  sens: { readonly dy0: Float64Array; readonly dp0: Float64Array },
  n: number,
  nP: number,
  m: number,
  touched: { readonly states: ReadonlySet<number>; readonly params: ReadonlySet<number> } = {
    states: new Set(),
    params: new Set(),
  },
): { states: Set<number>; params: Set<number> } {
  const states = new Set(touched.states);
  const params = new Set(touched.params);
  for (let i = 0; i < n; i++) for (let k = 0; k < m; k++) if (sens.dy0[i * m + k] !== 0) states.add(i);
  for (let s = 0; s < nP; s++) for (let k = 0; k < m; k++) if (sens.dp0[s * m + k] !== 0) params.add(s);
  return { states, params };
}

/** Y = [y, S_1..S_m] of the active states → the full Y (n states per block), and back. */
export class BlockMap {
  readonly full: Float64Array;

  constructor(
    private readonly d: Dormancy,
    private readonly n: number,
    private readonly blocks: number,
  ) {
    this.full = new Float64Array(n * blocks);
  }

  /** Into the shared full buffer (dormant rows zero). */
  toFull(Y: Float64Array): Float64Array {
    const { d, n, full } = this;
    const a = d.active.length;
    for (let c = 0; c < this.blocks; c++) {
      for (let k = 0; k < a; k++) full[c * n + d.active[k]] = Y[c * a + k];
      for (const i of d.dormant) full[c * n + i] = 0;
    }
    return full;
  }

  /** The active rows of a full Y into Y; DormantStateWoke if a dormant row is not zero. */
  fromFull(F: Float64Array, Y: Float64Array, ids: readonly string[]): void {
    const { d, n } = this;
    for (let c = 0; c < this.blocks; c++)
      for (const i of d.dormant) if (F[c * n + i] !== 0) throw new DormantStateWoke(ids[i]);
    this.gather(F, Y);
  }

  /** The active rows of a full-size vector (tolerances, ...). */
  gather(F: Float64Array, Y: Float64Array): void {
    const { d, n } = this;
    const a = d.active.length;
    for (let c = 0; c < this.blocks; c++) for (let k = 0; k < a; k++) Y[c * a + k] = F[c * n + d.active[k]];
  }
}

/**
 * The sensitivity handler seen through the reduction. After each call the reduced system takes
 * over dp/dθ from the full one (a jump may change it); a parameter held at zero that a jump
 * sets throws DormantStateWoke (the caller reruns in full).
 */
export function reducedSensitivityHandler(
  h: HybridHandler,
  map: BlockMap,
  full: SensitivitySystem,
  reduced: SensitivitySystem,
  d: Dormancy,
  ids: readonly string[],
): HybridHandler {
  const sync = (Y: Float64Array, p: Float64Array): void => {
    map.fromFull(map.full, Y, ids);
    for (const s of d.zeroParams) if (p[s] !== 0) throw new DormantStateWoke(`parameter slot ${s}`);
    const a = full.sp;
    const b = reduced.sp;
    for (let k = 0; k < a.length; k++) {
      if (a[k] !== b[k]) {
        reduced.setParameterSensitivities(a);
        break;
      }
    }
  };
  return {
    nRoots: h.nRoots,
    nextStop: (t) => h.nextStop(t),
    handle: (t: number, Y: Float64Array, p: Float64Array, cause: HandleCause): HandleResult => {
      const r = h.handle(t, map.toFull(Y), p, cause);
      sync(Y, p);
      return r;
    },
    ...(h.roots ? { roots: (t, Y, p, g) => h.roots!(t, map.toFull(Y), p, g) } : {}),
    ...(h.start
      ? {
          start: (t0, Y, p) => {
            const r = h.start!(t0, map.toFull(Y), p);
            sync(Y, p);
            return r;
          },
        }
      : {}),
  };
}
