/**
 * A steady state and its sensitivities (pre-equilibration for sensitivity runs).
 * First the plain steady state (solve/steady-state.ts); then, with J = ∂f/∂y there:
 * - structural conservation laws lᵀf ≡ 0 (compile/conservation.ts) make J singular: the totals
 *   lᵀy come from the initial values, so one row of J per law is replaced by lᵀ, with lᵀ·dy0/dθ
 *   on the right (the reduced system of AMICI's conservation-law handling, without reducing);
 * - dormant states (dormant.ts) have dy/dθ = 0 exactly and are left out of the linear system;
 * - that matrix, rows equilibrated, well conditioned (reciprocal condition estimate ≥ RCOND_MIN,
 *   Hager's 1-norm estimator on a dense LU with partial pivoting): dy_ss/dθ = −J⁻¹ (∂f/∂p ·
 *   dp/dθ) (implicit function theorem); exact up to the steady state's own accuracy;
 * - otherwise (a singularity that is not structural): integrate the sensitivity system from
 *   (y0, dy0/dθ) until both y' and S' are negligible (AMICI's fallback), checking at
 *   t = 1e-3, 1e-2, ... like steadyState.
 */
import type { CompiledModel, ParameterJacobian } from "../compile/index.js";
import { bdf, integrate } from "../solve/index.js";
import { modelSteadyState } from "./steady.js";
import { type Dormancy, dormantStates } from "./dormant.js";
import { movedBy } from "./sensitivity-dormant.js";
import type { HybridHandler } from "../solve/hybrid.js";
import { denseLuFactor, denseLuSolve } from "../solve/linalg/dense-lu.js";
import type { StatusCode } from "../solve/types.js";
import type { InitialSensitivities } from "./sensitivity-initial.js";
import { SensitivitySystem } from "./sensitivity-system.js";
import { conservationLaws } from "../compile/conservation.js";
import { IssueError, issue } from "../issues.js";

/** Below this reciprocal condition number J counts as singular (exact singularity gives ~1e-16). */
export const RCOND_MIN = 1e-12;

export interface SteadySensitivityOptions {
  readonly rtol?: number;
  readonly atol?: number;
  /** Time at which f is evaluated (non-autonomous models); default 0. */
  readonly t?: number;
  /** Absolute tolerance of each column dy/dθ_k (default atol). */
  readonly sensitivityAtol?: Float64Array;
}

export type SteadySensitivityResult =
  | {
      readonly ok: true;
      readonly y: Float64Array;
      /** dy_ss/dθ, n × np row-major. */
      readonly dy: Float64Array;
      readonly method: "implicit function theorem" | "integration";
      readonly message: string;
    }
  | {
      readonly ok: false;
      readonly status: Exclude<StatusCode, "ok"> | "notConverged";
      readonly message: string;
    };

export function steadyStateSensitivities(
  model: CompiledModel,
  p: Float64Array,
  y0: Float64Array,
  ids: readonly string[],
  init: InitialSensitivities,
  options: SteadySensitivityOptions = {},
): SteadySensitivityResult {
  if (model.system.mass) throw new IssueError([daeSensitivityIssue(model)], "cannot compute sensitivities");
  const rtol = options.rtol ?? 1e-8;
  const atol = options.atol ?? 1e-12;
  const t = options.t ?? 0;
  const ss = modelSteadyState(model, p, y0, { rtol, atol, t });
  if (ss.status !== "ok") return { ok: false, status: ss.status, message: ss.message };
  const n = model.system.size;
  const m = ids.length;
  // Dormant states (zero, with f_Z, ∂f_Z/∂y_N and ∂f_Z/∂θ zero there) have dy/dθ = 0 exactly,
  // and their rows and columns drop out of −J dy = B: the system is solved on the active states
  // only (the IL-6 liver model: 126 of 199, a quarter of the dense LU's work).
  const moved = movedBy(init, n, model.layout.paramIds.length, m);
  const active = activeStates(n, dormantStates(model, ss.y, p, moved));
  const na = active.length;
  const A = minusJacobian(model, p, ss.y, t, active);
  const B = sourceTerms(model, p, ss.y, init.dp0, m, t, active);
  // conservation laws lᵀf ≡ 0 make J singular; their totals come from the initial values
  const laws = restrictLaws(conservationLaws(model.equations, n, p), active);
  fixTotals(A, B, na, m, laws, restrictRows(init.dy0, m, active));
  equilibrateRows(A, B, na, m);
  const piv = new Int32Array(na);
  const norm1 = oneNorm(na, A);
  const singular = denseLuFactor(na, A, piv) >= 0;
  const rcond = singular ? 0 : 1 / (norm1 * inverseOneNorm(na, A, piv));
  const lawText = laws.length > 0 ? ` and ${laws.length} conservation law(s) for the totals` : "";
  if (rcond >= RCOND_MIN) {
    const dy = new Float64Array(n * m);
    const col = new Float64Array(na);
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < na; i++) col[i] = B[i * m + k];
      denseLuSolve(na, A, piv, col); // (−J) x = B  ⇒  x = −J⁻¹ B
      for (let i = 0; i < na; i++) dy[active[i] * m + k] = col[i];
    }
    if (dy.every(Number.isFinite))
      return {
        ok: true,
        y: ss.y,
        dy,
        method: "implicit function theorem",
        message: `Steady-state sensitivities from −J⁻¹ ∂f/∂p${lawText} (reciprocal condition ${rcond.toExponential(1)}).`,
      };
  }
  return integrateToSteadyState(model, p, y0, ids, init, rtol, atol, options.sensitivityAtol, rcond, lawText);
}

/**
 * For each conservation law l, replace one row of −J (a state with a large weight in l, each
 * state used once) by lᵀ and that row of B by lᵀ·dy0/dθ: the totals keep their initial
 * sensitivities, and the rows dropped were combinations of the others.
 */
function fixTotals(
  A: Float64Array,
  B: Float64Array,
  n: number,
  m: number,
  laws: readonly Float64Array[],
  dy0: Float64Array,
): void {
  const work = laws.map((l) => Float64Array.from(l));
  const used = new Set<number>();
  work.forEach((w, r) => {
    let col = -1;
    for (let j = 0; j < n; j++) if (!used.has(j) && (col < 0 || Math.abs(w[j]) > Math.abs(w[col]))) col = j;
    if (col < 0 || w[col] === 0) return;
    used.add(col);
    for (let r2 = r + 1; r2 < work.length; r2++) {
      const f = work[r2][col] / w[col];
      if (f !== 0) for (let j = 0; j < n; j++) work[r2][j] -= f * w[j];
    }
    const l = laws[r];
    for (let j = 0; j < n; j++) A[col * n + j] = l[j];
    for (let k = 0; k < m; k++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += l[j] * dy0[j * m + k];
      B[col * m + k] = s;
    }
  });
}

/** Scale each row of A (and B) to largest magnitude 1: condition estimates then see structure, not units. */
function equilibrateRows(A: Float64Array, B: Float64Array, n: number, m: number): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s = Math.max(s, Math.abs(A[i * n + j]));
    if (!(s > 0) || !Number.isFinite(s)) continue;
    const inv = 1 / s;
    for (let j = 0; j < n; j++) A[i * n + j] *= inv;
    for (let k = 0; k < m; k++) B[i * m + k] *= inv;
  }
}

/** The states that are not dormant, ascending (all of them when none is). */
function activeStates(n: number, d: Dormancy | null): Int32Array {
  return d ? d.active : Int32Array.from({ length: n }, (_, i) => i);
}

/** The laws on the active states (a law over dormant states only is dropped: it constrains nothing). */
function restrictLaws(laws: readonly Float64Array[], active: Int32Array): Float64Array[] {
  return laws.map((l) => Float64Array.from(active, (i) => l[i])).filter((l) => l.some((v) => v !== 0));
}

/** The active rows of an n × m row-major matrix. */
function restrictRows(X: Float64Array, m: number, active: Int32Array): Float64Array {
  const out = new Float64Array(active.length * m);
  active.forEach((i, a) => out.set(X.subarray(i * m, (i + 1) * m), a * m));
  return out;
}

/** −J at y on the active states (dense, row-major, na × na). */
function minusJacobian(
  model: CompiledModel,
  p: Float64Array,
  y: Float64Array,
  t: number,
  active: Int32Array,
): Float64Array {
  const { system } = model;
  const n = system.size;
  const na = active.length;
  const pos = new Int32Array(n).fill(-1);
  active.forEach((i, a) => (pos[i] = a));
  const A = new Float64Array(na * na);
  const pattern = system.sparsity;
  if (pattern && system.jacobianSparse) {
    const values = new Float64Array(pattern.colIndex.length);
    system.jacobianSparse(t, y, p, values);
    const { rowStart, colIndex } = pattern;
    for (let a = 0; a < na; a++) {
      const i = active[a];
      for (let q = rowStart[i]; q < rowStart[i + 1]; q++) {
        const b = pos[colIndex[q]];
        if (b >= 0) A[a * na + b] = -values[q];
      }
    }
    return A;
  }
  const J = new Float64Array(n * n);
  system.jacobian!(t, y, p, J);
  for (let a = 0; a < na; a++) for (let b = 0; b < na; b++) A[a * na + b] = -J[active[a] * n + active[b]];
  return A;
}

/** ∂f/∂p · dp/dθ at (y, p) on the active rows, na × m row-major. */
function sourceTerms(
  model: CompiledModel,
  p: Float64Array,
  y: Float64Array,
  dp0: Float64Array,
  m: number,
  t: number,
  active: Int32Array,
): Float64Array {
  const n = model.system.size;
  const nP = model.layout.paramIds.length;
  const slots: number[] = [];
  for (let s = 0; s < nP; s++) {
    for (let k = 0; k < m; k++)
      if (dp0[s * m + k] !== 0) {
        slots.push(s);
        break;
      }
  }
  const B = new Float64Array(n * m);
  const pj = parameterJacobianFor(model, slots);
  const v = new Float64Array(pj.rowIndex.length);
  pj.values(t, y, p, v);
  slots.forEach((s, a) => {
    for (let q = pj.colStart[a]; q < pj.colStart[a + 1]; q++)
      for (let k = 0; k < m; k++) B[pj.rowIndex[q] * m + k] += v[q] * dp0[s * m + k];
  });
  return restrictRows(B, m, active);
}

const pjCache = new WeakMap<CompiledModel, Map<string, ParameterJacobian>>();

/** ∂f/∂p for these slots, compiled once per model and slot set (fits call this repeatedly). */
function parameterJacobianFor(model: CompiledModel, slots: number[]): ParameterJacobian {
  let byKey = pjCache.get(model);
  if (!byKey) pjCache.set(model, (byKey = new Map()));
  const key = slots.join(",");
  let pj = byKey.get(key);
  if (!pj) byKey.set(key, (pj = model.parameterJacobian(slots.map((s) => model.layout.paramIds[s]))));
  return pj;
}

function oneNorm(n: number, A: Float64Array): number {
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(A[i * n + j]);
    best = Math.max(best, s);
  }
  return best;
}

/** Hager's estimate of ‖A⁻¹‖₁ from the LU factors (Higham, ACM TOMS 14 (1988) 381–396). */
function inverseOneNorm(n: number, lu: Float64Array, piv: Int32Array): number {
  const x = new Float64Array(n).fill(1 / n);
  const z = new Float64Array(n);
  let est = 0;
  for (let it = 0; it < 5; it++) {
    const y = Float64Array.from(x);
    denseLuSolve(n, lu, piv, y);
    const norm = y.reduce((s, v) => s + Math.abs(v), 0);
    if (!Number.isFinite(norm)) return Infinity;
    if (it > 0 && norm <= est) break;
    est = norm;
    for (let i = 0; i < n; i++) z[i] = y[i] >= 0 ? 1 : -1;
    luSolveTransposed(n, lu, piv, z);
    let j = 0;
    let ztx = 0;
    for (let i = 0; i < n; i++) {
      ztx += z[i] * x[i];
      if (Math.abs(z[i]) > Math.abs(z[j])) j = i;
    }
    if (it > 0 && Math.abs(z[j]) <= ztx) break;
    x.fill(0);
    x[j] = 1;
  }
  return est;
}

/** Solve Aᵀ x = b in place with denseLuFactor's factors (P A = L U). */
function luSolveTransposed(n: number, lu: Float64Array, piv: Int32Array, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let j = 0; j < i; j++) s -= lu[j * n + i] * b[j];
    b[i] = s / lu[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= lu[j * n + i] * b[j];
    b[i] = s;
  }
  for (let k = n - 1; k >= 0; k--) {
    const q = piv[k];
    if (q !== k) {
      const t = b[k];
      b[k] = b[q];
      b[q] = t;
    }
  }
}

function integrateToSteadyState(
  model: CompiledModel,
  p: Float64Array,
  y0: Float64Array,
  ids: readonly string[],
  init: InitialSensitivities,
  rtol: number,
  atol: number,
  atolS: Float64Array | undefined,
  rcond: number,
  lawText: string,
): SteadySensitivityResult {
  const n = model.system.size;
  const m = ids.length;
  const sys = new SensitivitySystem(model, ids, init.dp0, true);
  const N = sys.size;
  const Y0 = new Float64Array(N);
  Y0.set(y0);
  for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) Y0[n * (k + 1) + i] = init.dy0[i * m + k];
  const tolAbs = new Float64Array(N);
  for (let c = 0; c <= m; c++) tolAbs.fill(c === 0 ? atol : (atolS?.[c - 1] ?? atol), c * n, (c + 1) * n);
  const dY = new Float64Array(N);
  const residual = (Y: Float64Array): number => {
    sys.rhs(0, Y, p, dY);
    let r = 0;
    for (let i = 0; i < N; i++) r = Math.max(r, Math.abs(dY[i]) / (rtol * Math.abs(Y[i]) + tolAbs[i]));
    return r;
  };
  let reached = NaN;
  const check: HybridHandler = {
    nRoots: 0,
    nextStop: (tc) => Math.pow(10, Math.floor(Math.log10(Math.max(tc, 1e-4))) + 1),
    handle: (tc, Y) => {
      const done = residual(Y) <= 1;
      if (done) reached = tc;
      return { changed: false, terminate: done };
    },
  };
  const res = integrate(sys, p, Y0, {
    method: bdf,
    t0: 0,
    tEnd: 1e10,
    rtol: rtol * 1e-2,
    atol: Float64Array.from(tolAbs, (a) => a * 1e-2),
    hybrid: check,
    outputTimes: [],
    maxSteps: 1_000_000,
  });
  const what = `J${lawText.replace(" and ", " with ")}`;
  const why =
    rcond === 0
      ? `${what} is singular`
      : `${what} is nearly singular (reciprocal condition ${rcond.toExponential(1)})`;
  if (res.status !== "terminated" || Number.isNaN(reached)) {
    return {
      ok: false,
      status: res.status === "ok" || res.status === "terminated" ? "notConverged" : res.status,
      message: `${why} at the steady state, and integrating the sensitivities towards it did not converge: ${res.message}`,
    };
  }
  const Y = res.yFinal;
  const dy = new Float64Array(n * m);
  for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) dy[i * m + k] = Y[n * (k + 1) + i];
  return {
    ok: true,
    y: Y.slice(0, n),
    dy,
    method: "integration",
    message: `${why} at the steady state: steady state and sensitivities by integrating to t = ${reached}.`,
  };
}

/** Sensitivities of a DAE (M·y' = f) would need the DAE's own sensitivity system: refused. */
export function daeSensitivityIssue(model: CompiledModel) {
  return issue(
    "unsupported",
    "model",
    `Model "${model.network.id}" has algebraic rules or fast reactions (a differential-algebraic system): sensitivities are not supported for it.`,
    { hint: "Use finite differences of full simulations (simulate, with Rodas5P) for this model." },
  );
}
