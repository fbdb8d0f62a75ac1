/**
 * simulate(model, options): initial values -> handler (actions, events, switches) -> integrate
 * -> a result that can read any model quantity over time.
 */
import type { CompiledModel } from "../compile/index.js";
import type { Expr } from "../expr/ast.js";
import { IssueError, formatIssues, hasErrors } from "../issues.js";
import { defaultMethod, integrate } from "../solve/index.js";
import { newStats } from "../solve/stepper-common.js";
import type { SolverMethod, StatusCode } from "../solve/types.js";
import { SimulationHandler, touchedStates } from "./handler.js";
import { type Dormancy, dormantStates } from "./dormant.js";
import { DormantStateWoke, ReducedSystem, errorNormScale, reducedHandler } from "./reduced-system.js";
import type { SimulateOptions, SimulationResult } from "./types.js";

const DEFAULT_POINTS = 201;

export function simulate(model: CompiledModel, options: SimulateOptions): SimulationResult {
  const started = performance.now();
  const t0 = options.t0 ?? 0;
  const method = options.method ?? defaultMethod;

  const init = options.y0 && options.p ? undefined : model.initial(options.overrides ?? new Map(), t0);
  const y0 = Float64Array.from(options.y0 ?? init!.y0);
  const p = Float64Array.from(options.p ?? init!.p);
  if (init && hasErrors(init.issues)) {
    return failed(
      model,
      method.name,
      "nonFinite",
      t0,
      y0,
      p,
      `Initial values are invalid:\n${formatIssues(init.issues)}`,
      started,
    );
  }

  // States that provably stay zero (no drug given, ...) are left out of the solver's vectors.
  const touched =
    options.reduceDormant !== false && model.equations.delays.size === 0 && !model.system.mass
      ? touchedStates(model, options.actions ?? [], y0, p)
      : null;
  const dormancy = touched ? dormantStates(model, y0, p, touched) : null;
  if (dormancy) {
    const r = run(model, options, method, t0, y0, p, started, dormancy);
    if (r) return r; // null: a dormant state woke; the full run below follows it
  }
  return run(model, options, method, t0, y0, p, started, null) as SimulationResult;
}

/** One integration of the run (of the active states only, with a dormancy). */
function run(
  model: CompiledModel,
  options: SimulateOptions,
  method: SolverMethod,
  t0: number,
  y0: Float64Array,
  p0: Float64Array,
  started: number,
  dormancy: Dormancy | null,
): SimulationResult | null {
  const { tEnd } = options;
  const outputTimes = options.outputTimes ?? evenGrid(t0, tEnd, DEFAULT_POINTS);
  const init = options.y0 && options.p ? undefined : true;
  const p = Float64Array.from(p0);
  const handler = new SimulationHandler(model, options.actions ?? []);
  // Delay-differential models: record the history, and keep steps below the smallest constant
  // delay so that every t − τ falls in the recorded past.
  const delays = model.equations.delays;
  const hmax = delays.size > 0 ? smallestConstantDelay(model) : undefined;
  if (delays.size > 0) {
    delays.begin(t0, y0, p);
    const overrides = options.overrides ?? new Map();
    // a given start state (e.g. a steady state) has a constant past
    delays.historyBefore = init ? (tq) => model.initial(overrides, tq) : undefined;
  }
  const reduced = dormancy ? new ReducedSystem(model, dormancy) : null;
  const system = reduced ?? model.system;
  const tolScale = reduced ? errorNormScale(model.system.size, reduced.size) : 1;
  const full = reduced ? new Float64Array(model.system.size) : null;
  const onOutput =
    options.onOutput && reduced
      ? (t: number, y: Float64Array, pp: Float64Array) =>
          options.onOutput!(t, reduced.expandInto(y, full!), pp)
      : options.onOutput;
  let res;
  try {
    res = integrate(system, p, reduced ? Float64Array.from(dormancy!.active, (i) => y0[i]) : y0, {
      method,
      rtol: (options.rtol ?? 1e-6) * tolScale,
      atol: (options.atol ?? 1e-10) * tolScale,
      t0,
      tEnd,
      outputTimes,
      hybrid: reduced ? reducedHandler(handler, dormancy!, model.system.stateIds) : handler,
      ...(delays.size > 0 ? { onStep: (t: number, y: Float64Array) => delays.record(t, y, p) } : {}),
      ...(onOutput ? { onOutput } : {}),
      ...(hmax !== undefined ? { hmax } : {}),
      ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    });
  } catch (err) {
    // bad input (an action on an unknown id) is the caller's to report
    if (err instanceof IssueError) throw err;
    if (err instanceof DormantStateWoke) return null;
    // events that retrigger forever, a negative delay
    return failed(model, method.name, "eventError", t0, y0, p, (err as Error).message, started);
  }

  const params = res.times.length > 0 ? Array.from(res.times, (t) => paramsAt(handler.pLog, t, p)) : [];
  return resultOf(model, {
    status: res.status,
    message: res.message,
    times: res.times,
    states: reduced ? res.states.map((y) => reduced.expanded(y)) : res.states,
    params,
    tFinal: res.tFinal,
    yFinal: reduced ? reduced.expanded(res.yFinal) : res.yFinal,
    pFinal: p,
    stats: res.stats,
    method: method.name,
    wallMs: performance.now() - started,
    log: handler.log,
  });
}

/** The smallest delay that is a constant (delay(x, 0.5), or a constant parameter), if any. */
function smallestConstantDelay(model: CompiledModel): number | undefined {
  let best = Infinity;
  const p0 = model.initial().p;
  const visit = (e: Expr): void => {
    if (e.kind !== "call") return;
    if (e.op === "delay") {
      const d = e.args[1];
      const tau =
        d.kind === "num"
          ? d.value
          : d.kind === "sym" && d.name.startsWith("p:")
            ? p0[Number(d.name.slice(2))]
            : NaN;
      if (tau > 0 && tau < best) best = tau;
    }
    e.args.forEach(visit);
  };
  for (const x of model.equations.intermediates) visit(x.expr);
  model.equations.derivatives.forEach(visit);
  return best < Infinity ? best : undefined;
}

export function evenGrid(t0: number, tEnd: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? tEnd : t0 + ((tEnd - t0) * i) / (n - 1)));
}

/** p in effect at t: the last logged change at or before t (right-continuous). */
function paramsAt(
  log: readonly { t: number; p: Float64Array }[],
  t: number,
  fallback: Float64Array,
): Float64Array {
  let best: Float64Array | undefined;
  for (const entry of log) {
    if (entry.t <= t) best = entry.p;
    else break;
  }
  return best ?? log[0]?.p ?? fallback;
}

type ResultData = Omit<SimulationResult, "series" | "seriesMany" | "model">;

function resultOf(model: CompiledModel, data: ResultData): SimulationResult {
  const seriesMany = (ids: readonly string[]) => {
    const f = model.observer(ids); // cached per model
    const out = ids.map(() => new Float64Array(data.times.length));
    const buf = new Float64Array(ids.length);
    for (let i = 0; i < data.times.length; i++) {
      f(data.times[i], data.states[i], data.params[i], buf);
      for (let k = 0; k < ids.length; k++) out[k][i] = buf[k];
    }
    return out;
  };
  return { ...data, model, seriesMany, series: (id) => seriesMany([id])[0] };
}

function failed(
  model: CompiledModel,
  method: string,
  status: StatusCode,
  t0: number,
  y: Float64Array,
  p: Float64Array,
  message: string,
  started: number,
): SimulationResult {
  return resultOf(model, {
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
  });
}
