/**
 * A model's system restricted to its active states (the dormant ones, see dormant.ts, held at
 * exactly zero), and the run's hybrid handler seen through it. The solver's vectors, Newton
 * matrix and LU shrink to the active states; f and J are the model's own, evaluated on the full
 * state with zeros in the dormant slots, so the active states follow the same equations. Error
 * norms then average over the active states only (as they would for the model without the
 * dormant species).
 */
import type { HandleCause, HandleResult, HybridHandler } from "../solve/hybrid.js";
import type { OdeSystem, SparsityPattern } from "../solve/types.js";
import type { Dormancy } from "./dormant.js";

/** Thrown through integrate when a handler made a dormant state non-zero (simulate reruns in full). */
export class DormantStateWoke extends Error {
  constructor(readonly state: string) {
    super(`dormant state ${state} was set by an event or action`);
  }
}

const SUB_PATTERNS = new WeakMap<
  Dormancy,
  { of: SparsityPattern; pattern: SparsityPattern; source: Int32Array }
>();

export class ReducedSystem implements OdeSystem {
  readonly size: number;
  readonly stateIds: readonly string[];
  readonly timeDependent?: boolean;
  readonly sparsity?: SparsityPattern;
  readonly jacobianSparse?: (t: number, y: Float64Array, p: Float64Array, values: Float64Array) => void;
  readonly jacobian?: (t: number, y: Float64Array, p: Float64Array, J: Float64Array) => void;
  /** Full-size state with zeros in the dormant slots (the active ones written before each call). */
  private readonly yFull: Float64Array;
  private readonly fFull: Float64Array;
  private readonly active: Int32Array;

  constructor(
    private readonly full: OdeSystem,
    d: Dormancy,
  ) {
    const n = full.size;
    const m = d.active.length;
    this.size = m;
    this.active = d.active;
    this.stateIds = Array.from(d.active, (i) => full.stateIds[i]);
    if (full.timeDependent !== undefined) this.timeDependent = full.timeDependent;
    this.yFull = new Float64Array(n);
    this.fFull = new Float64Array(n);
    const pattern = full.sparsity;
    if (pattern && full.jacobianSparse) {
      // one pattern object per dormancy, so that the sparse LU's symbolic analysis (cached by
      // pattern object) is done once, not in every run
      let cached = SUB_PATTERNS.get(d);
      if (!cached || cached.of !== pattern)
        SUB_PATTERNS.set(d, (cached = { of: pattern, ...subPattern(pattern, d.active, n) }));
      const { pattern: sub, source } = cached;
      this.sparsity = sub;
      const values = new Float64Array(pattern.colIndex.length);
      const fullJac = full.jacobianSparse.bind(full);
      this.jacobianSparse = (t, y, p, out) => {
        fullJac(t, this.expand(y), p, values);
        for (let k = 0; k < source.length; k++) out[k] = values[source[k]];
      };
    } else if (full.jacobian) {
      const J = new Float64Array(n * n);
      const fullJac = full.jacobian.bind(full);
      this.jacobian = (t, y, p, out) => {
        fullJac(t, this.expand(y), p, J);
        for (let r = 0; r < m; r++)
          for (let c = 0; c < m; c++) out[r * m + c] = J[d.active[r] * n + d.active[c]];
      };
    }
  }

  /** The full state for reduced y (a shared buffer: dormant slots stay zero). */
  expand(y: Float64Array): Float64Array {
    const { active, yFull } = this;
    for (let k = 0; k < active.length; k++) yFull[active[k]] = y[k];
    return yFull;
  }

  rhs(t: number, y: Float64Array, p: Float64Array, dydt: Float64Array): void {
    const { active, fFull } = this;
    this.full.rhs(t, this.expand(y), p, fFull);
    for (let k = 0; k < active.length; k++) dydt[k] = fFull[active[k]];
  }
}

/** The rows and columns of the active states, renumbered; source[k] = entry in the full pattern. */
function subPattern(
  pattern: SparsityPattern,
  active: Int32Array,
  n: number,
): { pattern: SparsityPattern; source: Int32Array } {
  const pos = new Int32Array(n).fill(-1);
  active.forEach((i, k) => (pos[i] = k));
  const rowStart = [0];
  const colIndex: number[] = [];
  const source: number[] = [];
  for (const i of active) {
    for (let q = pattern.rowStart[i]; q < pattern.rowStart[i + 1]; q++) {
      const c = pos[pattern.colIndex[q]];
      if (c < 0) continue;
      colIndex.push(c);
      source.push(q);
    }
    rowStart.push(colIndex.length);
  }
  return {
    pattern: { rowStart: Int32Array.from(rowStart), colIndex: Int32Array.from(colIndex) },
    source: Int32Array.from(source),
  };
}

/**
 * The run's handler for the reduced system: it sees (and may change) the full state; a change
 * to a dormant state, or to a parameter the analysis took as zero, throws DormantStateWoke,
 * since the reduced run can no longer follow it.
 */
export function reducedHandler(h: HybridHandler, d: Dormancy, ids: readonly string[]): HybridHandler {
  const full = new Float64Array(d.active.length + d.dormant.length);
  const toFull = (y: Float64Array): Float64Array => {
    for (let k = 0; k < d.active.length; k++) full[d.active[k]] = y[k];
    for (const i of d.dormant) full[i] = 0;
    return full;
  };
  const back = (y: Float64Array, p: Float64Array): void => {
    for (const i of d.dormant) if (full[i] !== 0) throw new DormantStateWoke(ids[i]);
    for (const s of d.zeroParams) if (p[s] !== 0) throw new DormantStateWoke(`parameter slot ${s}`);
    for (let k = 0; k < d.active.length; k++) y[k] = full[d.active[k]];
  };
  const out: HybridHandler = {
    nRoots: h.nRoots,
    nextStop: (t) => h.nextStop(t),
    handle: (t: number, y: Float64Array, p: Float64Array, cause: HandleCause): HandleResult => {
      const r = h.handle(t, toFull(y), p, cause);
      back(y, p);
      return r;
    },
    ...(h.roots ? { roots: (t, y, p, g) => h.roots!(t, toFull(y), p, g) } : {}),
    ...(h.start
      ? {
          start: (t0, y, p) => {
            const r = h.start!(t0, toFull(y), p);
            back(y, p);
            return r;
          },
        }
      : {}),
  };
  return out;
}
