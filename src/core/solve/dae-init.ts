/**
 * Consistent values for M·y' = f (index 1): before the first step and after every jump, y is
 * moved onto the algebraic constraints while the differential quantities M·y stay as they are
 * (a dose of a species keeps its amount; a fast equilibrium keeps its conserved totals). This is
 * IDACalcIC's "YA_YDP_INIT" generalised to a non-diagonal M: Newton on the square system
 *   M_D·(y − y_given) = 0   (rows where M has a non-zero value)
 *   f_A(t, y) = 0            (rows where M is zero: the algebraic equations)
 * whose Jacobian [M_D; ∂f_A/∂y] is non-singular exactly when the DAE has index 1 at y.
 *
 * Rows the system marks as relaxing (fast reactions: f_i is the fast rate of change of y_i)
 * first follow the fast dynamics y_i' = f_i with M·y frozen until they settle, so that the
 * stable equilibrium reached from y is found (Newton alone may land on an unstable one, e.g.
 * S·S_b = 0 at S = 0 when the fast reaction turns S_b into S), then Newton polishes.
 */
import type { MassMatrix, OdeSystem, SolverMethod, SolverStats } from "./types.js";
import { denseLuFactor, denseLuSolve } from "./linalg/dense-lu.js";
import { fdJacobianDense } from "./linalg/fd-jacobian.js";
import { fmt } from "./messages.js";
import { negligibleSizes } from "./norms.js";

export interface ConsistencyOptions {
  readonly rtol: number;
  readonly atol: Float64Array;
  /** A method with `massMatrix`, for the relaxation of fast rows (skipped without one). */
  readonly method?: SolverMethod;
  readonly stats?: SolverStats;
}

export interface ConsistencyResult {
  readonly ok: boolean;
  /** What failed and what to try (empty when ok). */
  readonly message: string;
  /** The state whose equation failed, if known. */
  readonly worstState?: number;
}

const OK: ConsistencyResult = { ok: true, message: "" };
const MAX_NEWTON = 50;
/** Newton has converged when its last full step was this small (max norm, in units of the tolerance). */
const CONVERGED = 1e-6;
/** Longest relaxation (in the system's time unit) before the fast rows count as unsettled. */
const RELAX_TIME = 1e10;
/** Relative tolerance of the relaxation (no tighter than the integration's). */
const RELAX_RTOL = 1e-6;

/** Move y (in place) onto the algebraic constraints at t, keeping M·y. */
export function makeConsistent(
  system: OdeSystem,
  p: Float64Array,
  t: number,
  y: Float64Array,
  options: ConsistencyOptions,
): ConsistencyResult {
  const mass = system.mass;
  if (!mass) return OK;
  const n = system.size;
  const values = new Float64Array(mass.pattern.colIndex.length);
  const relax = new Uint8Array(n);
  mass.values(t, y, p, values, relax);
  const algebraic = algebraicRows(mass, values, n);
  if (algebraic.length === 0) return OK;
  const f = new Float64Array(n);
  system.rhs(t, y, p, f);
  const scaled = (i: number) => Math.abs(f[i]) / (options.rtol * Math.abs(y[i]) + options.atol[i]);
  const relaxing = algebraic.filter((i) => relax[i] === 1);
  if (options.method?.massMatrix && relaxing.some((i) => !(scaled(i) <= 1))) {
    const r = relaxFast(system, mass, values, relax, p, t, y, options);
    if (!r.ok) return r;
  }
  return newton(system, mass, values, algebraic, p, t, y, options);
}

/** Rows of M with no non-zero value. */
export function algebraicRows(mass: MassMatrix, values: Float64Array, n: number): number[] {
  const out: number[] = [];
  const { rowStart } = mass.pattern;
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let q = rowStart[i]; q < rowStart[i + 1]; q++) if (values[q] !== 0) any = true;
    if (!any) out.push(i);
  }
  return out;
}

function newton(
  system: OdeSystem,
  mass: MassMatrix,
  values: Float64Array,
  algebraic: readonly number[],
  p: Float64Array,
  t: number,
  y: Float64Array,
  options: ConsistencyOptions,
): ConsistencyResult {
  const n = system.size;
  const { rtol, atol } = options;
  const isAlg = new Uint8Array(n);
  for (const i of algebraic) isAlg[i] = 1;
  const J = new Float64Array(n * n);
  const G = new Float64Array(n * n);
  const piv = new Int32Array(n);
  const f = new Float64Array(n);
  const ftmp = new Float64Array(n);
  const dy = new Float64Array(n);
  const trial = new Float64Array(n);
  const floor = negligibleSizes(rtol, atol);
  const jvals = new Float64Array(system.sparsity ? system.sparsity.colIndex.length : 0);
  const eval_ = (yy: Float64Array, out: Float64Array) => {
    if (options.stats) options.stats.rhsEvals++;
    system.rhs(t, yy, p, out);
  };
  /** Σ over algebraic rows of (f_i / (rtol·|y_i| + atol_i))², and the worst row. */
  const merit = (yy: Float64Array, ff: Float64Array): { value: number; worst: number } => {
    let s = 0;
    let worst = algebraic[0];
    let big = -1;
    for (const i of algebraic) {
      const r = ff[i] / (rtol * Math.abs(yy[i]) + atol[i]);
      s += r * r;
      if (!(Math.abs(r) <= big)) {
        big = Math.abs(r);
        worst = i;
      }
    }
    return { value: s, worst };
  };
  eval_(y, f);
  let m = merit(y, f);
  for (let it = 0; it < MAX_NEWTON; it++) {
    jacobian(system, p, t, y, f, floor, J, jvals, ftmp, options.stats);
    // G = [M_D; J_A]
    G.fill(0);
    const { rowStart, colIndex } = mass.pattern;
    for (let i = 0; i < n; i++) {
      if (isAlg[i]) for (let j = 0; j < n; j++) G[i * n + j] = J[i * n + j];
      else for (let q = rowStart[i]; q < rowStart[i + 1]; q++) G[i * n + colIndex[q]] += values[q];
    }
    if (options.stats) options.stats.luDecompositions++;
    const bad = denseLuFactor(n, G, piv);
    if (bad >= 0) return singular(system, algebraic, J, n, t, bad);
    // residual: differential rows hold M·y (their residual is zero all along), algebraic rows −f
    for (let i = 0; i < n; i++) dy[i] = isAlg[i] ? -f[i] : 0;
    denseLuSolve(n, G, piv, dy);
    let step = 0;
    for (let i = 0; i < n; i++) {
      const r = dy[i] / (rtol * Math.abs(y[i]) + atol[i]);
      step = Math.max(step, Math.abs(r));
    }
    // already consistent: leave y exactly as it is (projecting twice changes nothing)
    if (it === 0 && step <= CONVERGED) return OK;
    // backtracking on the scaled residual of the algebraic rows
    let lambda = 1;
    let accepted = false;
    for (let k = 0; k < 30; k++, lambda *= 0.5) {
      for (let i = 0; i < n; i++) trial[i] = y[i] + lambda * dy[i];
      eval_(trial, ftmp);
      const mt = merit(trial, ftmp);
      if (mt.value <= (1 - 1e-4 * lambda) * m.value || (lambda === 1 && step <= 1e-3)) {
        y.set(trial);
        f.set(ftmp);
        m = mt;
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
    if (lambda === 1 && step <= CONVERGED) return OK;
    if (m.value === 0) return OK;
  }
  if (Math.sqrt(m.value / algebraic.length) <= 1e-6) return OK;
  const who = system.stateIds[m.worst] ?? `y[${m.worst}]`;
  return {
    ok: false,
    worstState: m.worst,
    message:
      `Could not make the algebraic equations hold at t = ${fmt(t)}: Newton's method did not converge ` +
      `(the equation of ${who} is still off by ${fmt(f[m.worst])}). The algebraic rules or fast reactions ` +
      `may have no solution near these values; check the initial values, or the rule that determines ${who}.`,
  };
}

function singular(
  system: OdeSystem,
  algebraic: readonly number[],
  J: Float64Array,
  n: number,
  t: number,
  bad: number,
): ConsistencyResult {
  // name an algebraic equation that does not depend on what it should determine
  let worst = algebraic.includes(bad) ? bad : algebraic[0];
  for (const i of algebraic) {
    let any = false;
    for (let j = 0; j < n; j++) if (J[i * n + j] !== 0) any = true;
    if (!any) worst = i;
  }
  const who = system.stateIds[worst] ?? `y[${worst}]`;
  return {
    ok: false,
    worstState: worst,
    message:
      `The algebraic equations do not determine the state at t = ${fmt(t)} (singular Jacobian near ${who}): ` +
      `the system is not of index 1 there. An algebraic rule must depend on the variable it determines, ` +
      `and a fast reaction must be able to reach an equilibrium (its rate must depend on its species).`,
  };
}

/** Dense J of f at (t, y): analytic when the system has one, else by differences. */
function jacobian(
  system: OdeSystem,
  p: Float64Array,
  t: number,
  y: Float64Array,
  f: Float64Array,
  floor: Float64Array,
  J: Float64Array,
  jvals: Float64Array,
  ftmp: Float64Array,
  stats: SolverStats | undefined,
): void {
  const n = system.size;
  if (stats) stats.jacEvals++;
  J.fill(0);
  if (system.jacobian) system.jacobian(t, y, p, J);
  else if (system.jacobianSparse && system.sparsity) {
    system.jacobianSparse(t, y, p, jvals);
    const { rowStart, colIndex } = system.sparsity;
    for (let i = 0; i < n; i++)
      for (let q = rowStart[i]; q < rowStart[i + 1]; q++) J[i * n + colIndex[q]] = jvals[q];
  } else {
    const rhs = (tt: number, yy: Float64Array, out: Float64Array) => system.rhs(tt, yy, p, out);
    const used = fdJacobianDense(rhs, n, t, y, f, floor, J, ftmp);
    if (stats) stats.rhsEvals += used;
  }
}

/**
 * Let the relaxing rows follow y_i' = f_i(t, y) (t frozen) with the differential quantities
 * M·y frozen and the other algebraic rows kept, until the relaxing rows settle.
 */
function relaxFast(
  system: OdeSystem,
  mass: MassMatrix,
  values: Float64Array,
  relax: Uint8Array,
  p: Float64Array,
  t: number,
  y: Float64Array,
  options: ConsistencyOptions,
): ConsistencyResult {
  const n = system.size;
  const isAlg = new Uint8Array(n);
  for (const i of algebraicRows(mass, values, n)) isAlg[i] = 1;
  // mass of the relaxation: M's differential rows, unit rows for the relaxing ones
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    if (isAlg[i] && relax[i]) {
      cols.push(i);
      vals.push(1);
    } else if (!isAlg[i]) {
      for (let q = mass.pattern.rowStart[i]; q < mass.pattern.rowStart[i + 1]; q++) {
        cols.push(mass.pattern.colIndex[q]);
        vals.push(values[q]);
      }
    }
    rowStart[i + 1] = cols.length;
  }
  const relaxValues = Float64Array.from(vals);
  const zeroDifferential = (out: Float64Array) => {
    for (let i = 0; i < n; i++) if (!isAlg[i]) out[i] = 0;
  };
  const sparsity = system.sparsity;
  const R: OdeSystem = {
    size: n,
    stateIds: system.stateIds,
    timeDependent: false,
    rhs: (_tau, yy, pp, out) => {
      system.rhs(t, yy, pp, out);
      zeroDifferential(out);
    },
    ...(system.jacobian
      ? {
          jacobian: (_tau: number, yy: Float64Array, pp: Float64Array, J: Float64Array) => {
            system.jacobian!(t, yy, pp, J);
            for (let i = 0; i < n; i++) if (!isAlg[i]) J.fill(0, i * n, (i + 1) * n);
          },
        }
      : {}),
    ...(sparsity ? { sparsity } : {}),
    ...(sparsity && system.jacobianSparse
      ? {
          jacobianSparse: (_tau: number, yy: Float64Array, pp: Float64Array, v: Float64Array) => {
            system.jacobianSparse!(t, yy, pp, v);
            for (let i = 0; i < n; i++)
              if (!isAlg[i]) v.fill(0, sparsity.rowStart[i], sparsity.rowStart[i + 1]);
          },
        }
      : {}),
    mass: {
      pattern: { rowStart, colIndex: Int32Array.from(cols) },
      values: (_t, _y, _p, out) => out.set(relaxValues),
    },
  };
  // the rows that do not relax (algebraic rules) must hold before the relaxation starts
  const start = makeConsistent(R, p, 0, y, { ...options, method: undefined });
  if (!start.ok) return start;
  const method = options.method!;
  // the relaxation only has to reach the basin of the stable equilibrium; Newton then
  // polishes to full accuracy, so it runs at a looser tolerance
  const rtol = Math.max(options.rtol, RELAX_RTOL);
  const atol = Float64Array.from(options.atol, (a) => (a * rtol) / options.rtol);
  const stepper = method.create(R, p, 0, y, { rtol, atol });
  const f = new Float64Array(n);
  const settled = (yy: Float64Array): boolean => {
    R.rhs(0, yy, p, f);
    for (let i = 0; i < n; i++)
      if (isAlg[i] && relax[i] && !(Math.abs(f[i]) <= rtol * Math.abs(yy[i]) + atol[i])) return false;
    return true;
  };
  let ok = false;
  for (let k = 0; k < 100000 && stepper.t < RELAX_TIME; k++) {
    const r = stepper.step(RELAX_TIME);
    if (r.status !== "ok") break;
    if (settled(stepper.y)) {
      ok = true;
      break;
    }
  }
  if (options.stats)
    for (const key of Object.keys(options.stats) as (keyof SolverStats)[])
      options.stats[key] += stepper.stats[key];
  if (!ok) {
    const worst = largest(f, y, options);
    const who = system.stateIds[worst] ?? `y[${worst}]`;
    return {
      ok: false,
      worstState: worst,
      message:
        `The fast reactions did not settle at an equilibrium at t = ${fmt(t)} (state ${who} still changes ` +
        `at rate ${fmt(f[worst])}). A fast reaction must be able to reach an equilibrium: check its rate law.`,
    };
  }
  y.set(stepper.y);
  return OK;
}

function largest(f: Float64Array, y: Float64Array, options: ConsistencyOptions): number {
  let best = 0;
  let val = -1;
  for (let i = 0; i < f.length; i++) {
    const v = Math.abs(f[i]) / (options.rtol * Math.abs(y[i]) + options.atol[i]);
    if (!(v <= val)) {
      val = v;
      best = i;
    }
  }
  return best;
}
