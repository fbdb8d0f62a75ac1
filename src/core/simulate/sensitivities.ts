/**
 * simulateSensitivities(model, options): a simulation with forward sensitivities dy/dθ for a
 * list of parameters θ (parameter slots, or states' initial values), integrated together with
 * the states (CVODES's simultaneous corrector: one LU of I − γJ per iteration matrix, shared by
 * every column; error control on the states and on each column, atol_k = atol / |θ_k|).
 * Jumps (actions, events, switches) carry the sensitivities across, including the shift of
 * state-dependent event times (see sensitivity-jumps.ts). Results read like a plain simulation
 * plus dy/dθ at the output times and d(expression)/dθ for any model expression.
 *
 * For a steady-state start see sensitivity-steady.ts (conservation laws handled); for library
 * scenarios, models/run-sensitivities.ts; docs/solvers.md, "Forward sensitivities".
 *
 * Limitations: methods must declare `blockNewton` (BDF; Rosenbrock methods need the exact
 * Jacobian of the augmented system); event delays and priorities are not differentiated (a
 * run whose perturbation changes which events fire fails with status "eventError" and a
 * message); the event-time term assumes a transversal crossing; delay-differential models and
 * models without an analytic Jacobian are refused, and so are differential-algebraic models
 * (algebraic rules, fast reactions); initial values are differentiated by
 * fourth-order differences of model.initial (exact to rounding for linear assignments).
 */
import type { CompiledModel } from "../compile/index.js";
import { type Expr, sym } from "../expr/ast.js";
import { IssueError, formatIssues, hasErrors, issue } from "../issues.js";
import { bdf, integrate } from "../solve/index.js";
import { newStats } from "../solve/stepper-common.js";
import type { StatusCode } from "../solve/types.js";
import { SimulationHandler, touchedStates } from "./handler.js";
import { type Dormancy, dormantStates } from "./dormant.js";
import { DormantStateWoke, errorNormScale, restrictedModel } from "./reduced-system.js";
import { BlockMap, movedBy, reducedSensitivityHandler } from "./sensitivity-dormant.js";
import {
  type InitialSensitivities,
  initialSensitivities,
  nominalValues,
  resolveParameters,
} from "./sensitivity-initial.js";
import { SensitivityHandler } from "./sensitivity-jumps.js";
import { SensitivitySystem } from "./sensitivity-system.js";
import { evenGrid } from "./simulate.js";
import type { SimulateOptions, SimulationResult } from "./types.js";
import { observableSensitivities, type ObservableSensitivities } from "./sensitivity-observe.js";
import { daeSensitivityIssue } from "./sensitivity-steady.js";

export type { InitialSensitivities } from "./sensitivity-initial.js";
export type { ObservableSensitivities } from "./sensitivity-observe.js";

export interface SensitivityOptions extends SimulateOptions {
  /** θ: parameter ids (slots: parameters, constant compartments/species, "reaction.param") or state ids (initial values). */
  readonly parameters: readonly string[];
  /**
   * dy0/dθ and dp/dθ at t0. Default: differences of model.initial(overrides); when y0 and p
   * are given instead, dy0/dθ = 0 and unit columns for parameter slots.
   */
  readonly initialSensitivities?: InitialSensitivities;
  /** Absolute tolerance of dy/dθ_k: one number, or one per parameter (default atol / |θ_k|, or atol when θ_k = 0). */
  readonly sensitivityAtol?: number | readonly number[];
  /**
   * Include the sensitivities in the local error test (CVODES's errconS; default false, as
   * CVODES). False takes the steps y alone needs (with BDF's staggered corrector: the plain
   * run's steps), the sensitivities solved exactly on them but not error-controlled; true (AMICI's
   * default) also bounds their local error, at 20–80 % more steps on the IL-6 model. Measured
   * on mouse_il6_step, rtol 1e-6, 247 parameters, against rtol 1e-10: largest error of a
   * normalised observable sensitivity 5e-5 (false) vs 4e-6 (true), mean 3e-7 vs 2e-8.
   */
  readonly sensitivityErrorControl?: boolean;
  /** Leave dormant states out (default true; see SimulateOptions.reduceDormant). */
  readonly reduceDormant?: boolean;
}

export interface SensitivityResult extends SimulationResult {
  readonly parameters: readonly string[];
  /** Per output time, n × np row-major: [i·np + k] = d y_i / d θ_k (state units: amounts for species). */
  readonly sensitivities: Float64Array[];
  /** Per output time, nP × np row-major: d p_s / d θ_k in effect then. */
  readonly parameterSensitivities: Float64Array[];
  /** d(model symbol)/dθ at every output time (species as concentration unless amount-only). */
  seriesSensitivity(id: string, parameter: string): Float64Array;
  /** Values and dθ-derivatives of model expressions at every output time. */
  observableSensitivities(exprs: readonly Expr[]): ObservableSensitivities;
}

const DEFAULT_POINTS = 201;

export function simulateSensitivities(model: CompiledModel, options: SensitivityOptions): SensitivityResult {
  const started = performance.now();
  const t0 = options.t0 ?? 0;
  const method = options.method ?? bdf;
  const ids = options.parameters;
  const n = model.system.size;
  const m = ids.length;
  const nP = model.layout.paramIds.length;
  const rtol = options.rtol ?? 1e-6;
  const atol = options.atol ?? 1e-10;
  const outputTimes = options.outputTimes ?? evenGrid(t0, options.tEnd, DEFAULT_POINTS);
  const { kinds, issues } = resolveParameters(model, ids);
  if (!method.blockNewton)
    issues.push(
      issue(
        "unsupported",
        "method",
        `${method.name} cannot integrate forward sensitivities: it needs the exact Jacobian of the augmented system.`,
        {
          hint: "Use BDF (the default for sensitivities), whose Newton iteration shares one LU across all parameters.",
        },
      ),
    );
  if (model.equations.delays.size > 0)
    issues.push(
      issue(
        "unsupported",
        "model",
        `Model "${model.network.id}" uses delay(): forward sensitivities of delay-differential models are not supported.`,
        { hint: "Use finite differences of full simulations for this model." },
      ),
    );
  if (model.system.mass) issues.push(daeSensitivityIssue(model));
  if (hasErrors(issues)) throw new IssueError(issues, "cannot compute sensitivities");

  const overrides =
    options.overrides instanceof Map
      ? options.overrides
      : new Map(Object.entries((options.overrides ?? {}) as Record<string, number>));
  const init = options.y0 && options.p ? undefined : model.initial(overrides, t0);
  const y0 = Float64Array.from(options.y0 ?? init!.y0);
  const p = Float64Array.from(options.p ?? init!.p);
  let sens = options.initialSensitivities;
  const sensIssues = init ? [...init.issues] : [];
  if (!sens && init) {
    const d = initialSensitivities(model, ids, overrides, t0);
    sens = d.value;
    sensIssues.push(...d.issues);
  } else if (!sens) {
    const dp0 = new Float64Array(nP * m);
    kinds.forEach((kd, k) => {
      if (kd.kind === "slot") dp0[kd.slot * m + k] = 1;
      else
        sensIssues.push(
          issue(
            "missing",
            `parameters[${k}]`,
            `"${ids[k]}" is an initial value but y0 was given without initialSensitivities.`,
          ),
        );
    });
    sens = { dy0: new Float64Array(n * m), dp0 };
  }
  if (sens.dy0.length !== n * m || sens.dp0.length !== nP * m)
    sensIssues.push(
      issue(
        "bad-shape",
        "initialSensitivities",
        `dy0 needs ${n}×${m} and dp0 ${nP}×${m} entries (row-major).`,
      ),
    );
  if (hasErrors(sensIssues))
    return failed(
      model,
      ids,
      method.name,
      "nonFinite",
      t0,
      y0,
      p,
      `Initial values are invalid:\n${formatIssues(sensIssues)}`,
      started,
    );

  // tolerances: states, then each column with atol / |θ_k|
  const theta = nominalValues(model, ids, overrides, t0);
  const atolS = ids.map((_, k) =>
    typeof options.sensitivityAtol === "number"
      ? options.sensitivityAtol
      : (options.sensitivityAtol?.[k] ?? atol / (Math.abs(theta[k]) > 0 ? Math.abs(theta[k]) : 1)),
  );
  const tolAbs = new Float64Array(n * (1 + m));
  tolAbs.fill(atol, 0, n);
  atolS.forEach((a, k) => tolAbs.fill(a, n * (k + 1), n * (k + 2)));

  // dormant states (no drug given, ...) left out when no θ moves them (sensitivity-dormant.ts)
  const actions = options.actions ?? [];
  let dormancy: Dormancy | null = null;
  if (options.reduceDormant !== false) {
    const touched = touchedStates(model, actions, y0, p);
    // what some θ moves at t0 counts as touched too: its column may leave zero there
    if (touched) dormancy = dormantStates(model, y0, p, movedBy(sens, n, nP, m, touched));
  }
  const p0 = Float64Array.from(p);
  let res;
  let sensHandler: SensitivityHandler;
  let handler: SimulationHandler;
  try {
    const errorControl = options.sensitivityErrorControl ?? false;
    const fullSystem = new SensitivitySystem(model, ids, sens.dp0, errorControl);
    const system = dormancy
      ? new SensitivitySystem(restrictedModel(model, dormancy), ids, sens.dp0, errorControl)
      : fullSystem;
    handler = new SimulationHandler(model, actions);
    const stateful = model.network.events.length > 0;
    const shadows = Array.from({ length: stateful ? 2 * m : 1 }, () => new SimulationHandler(model, actions));
    const floor = new Float64Array(n).fill(atol / rtol);
    sensHandler = new SensitivityHandler(handler, shadows, fullSystem, floor, t0);
    const F0 = new Float64Array(fullSystem.size);
    F0.set(y0);
    for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) F0[n * (k + 1) + i] = sens.dy0[i * m + k];
    const map = dormancy ? new BlockMap(dormancy, n, 1 + m) : null;
    let Y0 = F0;
    let tol = tolAbs;
    // the full system's error norms (errorNormScale): every block has the same share of states
    const scale = dormancy ? errorNormScale(n, dormancy.active.length) : 1;
    if (map) {
      Y0 = new Float64Array(system.size);
      map.fromFull(F0, Y0, model.system.stateIds);
      tol = new Float64Array(system.size);
      map.gather(tolAbs, tol);
      for (let i = 0; i < tol.length; i++) tol[i] *= scale;
    }
    res = integrate(system, p, Y0, {
      method,
      rtol: rtol * scale,
      atol: tol,
      t0,
      tEnd: options.tEnd,
      outputTimes,
      hybrid: map
        ? reducedSensitivityHandler(sensHandler, map, fullSystem, system, dormancy!, model.system.stateIds)
        : sensHandler,
      ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    });
    if (map)
      res = {
        ...res,
        states: res.states.map((Y) => Float64Array.from(map.toFull(Y))),
        yFinal: Float64Array.from(map.toFull(res.yFinal)),
      };
  } catch (err) {
    if (err instanceof IssueError) throw err;
    if (err instanceof DormantStateWoke)
      return simulateSensitivities(model, {
        ...options,
        reduceDormant: false,
        y0,
        p: p0,
        initialSensitivities: sens,
      });
    return failed(model, ids, method.name, "eventError", t0, y0, p, (err as Error).message, started);
  }

  const states = res.states.map((Y) => Y.slice(0, n));
  const sensitivities = res.states.map((Y) => {
    const S = new Float64Array(n * m);
    for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) S[i * m + k] = Y[n * (k + 1) + i];
    return S;
  });
  const params = Array.from(res.times, (t) => lastAt(handler.pLog, t)?.p ?? p);
  const spAt = Array.from(res.times, (t) => lastAt(sensHandler.spLog, t)!.sp);
  return resultOf(model, ids, {
    status: res.status,
    message: res.message,
    times: res.times,
    states,
    params,
    tFinal: res.tFinal,
    yFinal: res.yFinal.slice(0, n),
    pFinal: p,
    stats: res.stats,
    method: method.name,
    wallMs: performance.now() - started,
    log: handler.log,
    sensitivities,
    parameterSensitivities: spAt,
  });
}

/** The entry in effect at t: the last one logged at or before t (right-continuous). */
function lastAt<T extends { t: number }>(log: readonly T[], t: number): T | undefined {
  let best: T | undefined;
  for (const entry of log) {
    if (entry.t <= t) best = entry;
    else break;
  }
  return best ?? log[0];
}

type ResultData = Omit<
  SensitivityResult,
  "series" | "seriesMany" | "model" | "parameters" | "seriesSensitivity" | "observableSensitivities"
>;

function resultOf(model: CompiledModel, ids: readonly string[], data: ResultData): SensitivityResult {
  const seriesMany = (names: readonly string[]) => {
    const f = model.observer(names); // cached per model
    const out = names.map(() => new Float64Array(data.times.length));
    const buf = new Float64Array(names.length);
    for (let i = 0; i < data.times.length; i++) {
      f(data.times[i], data.states[i], data.params[i], buf);
      for (let k = 0; k < names.length; k++) out[k][i] = buf[k];
    }
    return out;
  };
  const observe = (exprs: readonly Expr[]) => observableSensitivities(model, ids, data, exprs);
  return {
    ...data,
    model,
    parameters: ids,
    seriesMany,
    series: (id) => seriesMany([id])[0],
    observableSensitivities: observe,
    seriesSensitivity(id, parameter) {
      const k = ids.indexOf(parameter);
      if (k < 0)
        throw new IssueError([
          issue(
            "unknown-id",
            parameter,
            `"${parameter}" is not one of the sensitivity parameters (${ids.join(", ")}).`,
          ),
        ]);
      if (!model.layout.def.has(id))
        throw new IssueError([
          issue("unknown-id", id, `"${id}" is not a symbol of model "${model.network.id}".`),
        ]);
      const s = observe([sym(id)]).sensitivities[0];
      return Float64Array.from(data.times, (_, i) => s[i * ids.length + k]);
    },
  };
}

function failed(
  model: CompiledModel,
  ids: readonly string[],
  method: string,
  status: StatusCode,
  t0: number,
  y: Float64Array,
  p: Float64Array,
  message: string,
  started: number,
): SensitivityResult {
  return resultOf(model, ids, {
    status,
    message,
    times: new Float64Array(0),
    states: [],
    params: [],
    tFinal: t0,
    yFinal: y,
    pFinal: p,
    stats: newStats(),
    method,
    wallMs: performance.now() - started,
    log: [],
    sensitivities: [],
    parameterSensitivities: [],
  });
}
