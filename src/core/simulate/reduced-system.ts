/**
 * A model's system restricted to its active states (the dormant ones, see dormant.ts, held at
 * exactly zero), and the run's hybrid handler seen through it. The solver's vectors, Newton
 * matrix and LU shrink to the active states, and f and J are generated for them from the
 * model's equations with the zeros substituted (compile/restrict.ts: rates that vanish are
 * dropped), once per model and dormancy. The tolerances are scaled (errorNormScale) so that
 * the error norms are those of the full system.
 */
import type { HandleCause, HandleResult, HybridHandler } from "../solve/hybrid.js";
import type { CompiledModel, ModelEquations } from "../compile/index.js";
import { type RestrictedSystem, restrictedModelEquations, restrictedSystem } from "../compile/restrict.js";
import type { OdeSystem, SparsityPattern } from "../solve/types.js";
import type { Dormancy } from "./dormant.js";

/**
 * Factor on rtol and atol for a run of the active states that keeps the full system's error
 * test: WRMS norms average over the vector's length, so with m of n states (the dormant ones'
 * errors are zero) the norm grows by sqrt(n/m); weights 1/(rtol·|y| + atol) scaled down by the
 * same factor give the full system's norm exactly — the same steps, Newton tests and step
 * choices as integrating every state.
 */
export function errorNormScale(n: number, m: number): number {
  return m > 0 ? Math.sqrt(n / m) : 1;
}

/** Thrown through integrate when a handler made a dormant state non-zero (simulate reruns in full). */
export class DormantStateWoke extends Error {
  constructor(readonly state: string) {
    super(`dormant state ${state} was set by an event or action`);
  }
}

/** The restricted equations and their generated functions, once per model and dormancy. */
const RESTRICTED = new WeakMap<
  Dormancy,
  { of: CompiledModel; equations: ModelEquations; system: RestrictedSystem; view?: CompiledModel }
>();

function restrictedFor(model: CompiledModel, d: Dormancy) {
  let hit = RESTRICTED.get(d);
  if (!hit || hit.of !== model) {
    const equations = restrictedModelEquations(model.equations, d.active, d.dormant, d.zeroParams);
    hit = { of: model, equations, system: restrictedSystem(equations, d.active.length) };
    RESTRICTED.set(d, hit);
  }
  return hit;
}

/**
 * The model as the forward-sensitivity system sees it with the dormant states left out: the
 * reduced system and the restricted equations (for f, J and ∂f/∂p), the same parameter
 * layout. Cached per dormancy, so that its generated sensitivity terms are too.
 */
export function restrictedModel(model: CompiledModel, d: Dormancy): CompiledModel {
  const hit = restrictedFor(model, d);
  hit.view ??= { ...model, system: new ReducedSystem(model, d), equations: hit.equations };
  return hit.view;
}

export class ReducedSystem implements OdeSystem {
  readonly size: number;
  readonly stateIds: readonly string[];
  readonly timeDependent?: boolean;
  readonly sparsity?: SparsityPattern;
  readonly jacobianSparse?: (t: number, y: Float64Array, p: Float64Array, values: Float64Array) => void;
  readonly rhs: (t: number, y: Float64Array, p: Float64Array, dydt: Float64Array) => void;
  private readonly fullSize: number;
  private readonly active: Int32Array;

  constructor(model: CompiledModel, d: Dormancy) {
    const full = model.system;
    this.size = d.active.length;
    this.active = d.active;
    this.stateIds = Array.from(d.active, (i) => full.stateIds[i]);
    if (full.timeDependent !== undefined) this.timeDependent = full.timeDependent;
    this.fullSize = full.size;
    const r = restrictedFor(model, d).system;
    this.rhs = r.rhs;
    if (r.sparsity && r.jacobianSparse) {
      this.sparsity = r.sparsity;
      this.jacobianSparse = r.jacobianSparse;
    }
  }

  /** The full state for reduced y, written into `out` (whose dormant slots must be zero). */
  expandInto(y: Float64Array, out: Float64Array): Float64Array {
    const { active } = this;
    for (let k = 0; k < active.length; k++) out[active[k]] = y[k];
    return out;
  }

  /** The full state for reduced y, in a new array. */
  expanded(y: Float64Array): Float64Array {
    const { active } = this;
    const out = new Float64Array(this.fullSize);
    for (let k = 0; k < active.length; k++) out[active[k]] = y[k];
    return out;
  }
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
