/**
 * The integration loop: one stepper, stops at known times, events found on the dense output,
 * output by interpolation, and failures returned as values with messages. Phases:
 * start → [step → events in the step → outputs → stop handling] → finish.
 * A system with a mass matrix (a DAE) is made consistent (dae-init.ts) before the first step
 * and after every change a handler makes, before the state is recorded.
 */
import type { HandleCause, HybridHandler, IntegrateOptions, IntegrateResult } from "./hybrid.js";
import type { OdeSystem, SolverStats, StatusCode, Stepper } from "./types.js";
import { Recorder } from "./output.js";
import { RootFinder, signChanges } from "./roots.js";
import { outcomeMessage } from "./messages.js";
import { firstNonFinite } from "./norms.js";
import { Projector } from "./dae-projection.js";
import { DaeRootNoise, unmoved } from "./dae-roots.js";
import { switchAhead } from "./stuck-switch.js";

type Discontinuity = { t: number; stop: boolean; roots: number[] };

export function integrate(
  system: OdeSystem,
  p: Float64Array,
  y0: Float64Array,
  options: IntegrateOptions,
): IntegrateResult {
  const { method, t0, tEnd, hybrid } = options;
  const maxSteps = options.maxSteps ?? 100000;
  const n = system.size;
  const y = Float64Array.from(y0);
  // DAEs: consistent values before anything reads the state (a no-op for ODEs)
  const dae = new Projector(system, p, y, options);
  dae.project(t0);
  const stepper = method.create(system, p, t0, y, options);
  const onOutput = options.onOutput;
  const rec = new Recorder(options.outputTimes, n, onOutput ? (t, yy) => onOutput(t, yy, p) : undefined);
  const finder = hybrid && hybrid.nRoots > 0 ? new RootFinder(hybrid, p, n, options.outputTimes) : null;
  const discontinuities: Discontinuity[] = [];
  const handler = hybrid ? new HandlerRunner(hybrid, p, discontinuities, dae) : null;
  const noise = finder && dae.dae ? new DaeRootNoise(hybrid!, p) : null;
  let t = t0;
  const finish = (status: StatusCode, worst = -1, reason?: "event" | "cancelled"): IntegrateResult =>
    result(system, p, options, stepper, rec, discontinuities, status, t, y, worst, reason, dae);
  const projectionFailed = () => finish("newtonFailed", dae.failure?.worstState ?? -1);
  if (dae.failed) return projectionFailed();
  if (dae.dae && y.some((v, i) => v !== y0[i])) options.onStep?.(t0, y); // the history's right limit at t0

  // Phase: start (SBML events true at t0, initial doses), then the first output.
  if (handler && hybrid!.start) {
    const r = hybrid!.start(t0, y, p);
    if (r.changed && !dae.project(t0)) return projectionFailed();
    if (r.changed) {
      stepper.restart(t0, y);
      options.onStep?.(t0, y);
    }
    if (r.terminate) return finish("terminated", -1, "event");
  }
  rec.at(t0, y, true);
  finder?.reset(t0, y);

  const progressEvery = 256;
  while (t < tEnd) {
    // Phase: cancellation and the step budget.
    if (options.shouldStop?.()) return finish("terminated", -1, "cancelled");
    if (stepper.stats.steps >= maxSteps) return finish("maxStepsReached");
    // A stop at or before t (a handler bug) is ignored rather than stepping backwards.
    const next = handler ? hybrid!.nextStop(t) : Infinity;
    const stop = next > t ? next : Infinity;
    const tStop = Math.min(tEnd, stop);

    // Phase: one accepted step.
    const r = stepper.step(tStop);
    if (r.status === "stepSizeTooSmall" && finder) {
      // a switch just ahead that no step can cross (the solution jumps there): handle it as a root
      const sw = switchAhead(hybrid!, p, stepper, tStop, options.hmin ?? NaN, y);
      if (sw) {
        rec.before(sw.t, stepper, false);
        t = sw.t;
        const h = handler!.run(t, y, false, sw.directions);
        if (dae.failed) return projectionFailed();
        rec.at(t, y, true);
        if (h.terminate) return finish("terminated", -1, "event");
        stepper.restart(t, y);
        options.onStep?.(t, y);
        finder.reset(t, y);
        continue;
      }
    }
    if (r.status !== "ok") {
      y.set(stepper.y);
      t = stepper.t;
      return finish(r.status, r.worstState ?? -1);
    }
    if (options.onProgress && stepper.stats.steps % progressEvery === 0)
      options.onProgress((stepper.t - t0) / (tEnd - t0));

    // Phase: state events inside the step, earliest first, each handled before the next is sought.
    let restarted = false;
    let stopHandled = false;
    while (finder && !restarted) {
      const tr = finder.locate(stepper);
      if (Number.isNaN(tr)) break;
      rec.before(tr, stepper, false);
      stepper.interpolate(tr, y);
      t = tr;
      if (noise) {
        // the handler sees a consistent state (DAE)
        if (!dae.project(tr)) return projectionFailed();
        noise.record(tr, y);
      }
      // A root exactly at the pending stop is handled together with it (one call, both causes).
      stopHandled = tr === stop;
      const h = handler!.run(tr, y, stopHandled, finder.directions);
      if (dae.failed) return projectionFailed();
      rec.at(tr, y, h.changed);
      if (h.terminate) return finish("terminated", -1, "event");
      // A handler may schedule a stop (a delayed event) that falls inside the step already
      // taken: restart from the root so that the stop is not stepped over.
      if (h.changed || hybrid!.nextStop(tr) < stepper.t) {
        stepper.restart(tr, y);
        options.onStep?.(tr, y);
        restarted = true;
      }
      finder.reset(tr, y);
      noise?.settle(finder);
    }
    if (restarted) continue;

    // Phase: outputs inside the step, then the stop at its end (outputs at a stop come after it).
    t = stepper.t;
    y.set(stepper.y);
    const atStop = t === stop && !stopHandled;
    rec.before(t, stepper, !atStop);
    rec.stepEnd(t, y);
    options.onStep?.(t, y);
    if (atStop) {
      const h = handler!.run(t, y, true, null);
      if (dae.failed) return projectionFailed();
      if (h.changed) {
        stepper.restart(t, y);
        options.onStep?.(t, y);
      }
      rec.at(t, y, h.changed);
      if (h.terminate) return finish("terminated", -1, "event");
      finder?.reset(t, y);
    }
  }
  options.onProgress?.(1);
  return finish("ok");
}

/**
 * Calls the hybrid handler at one time, repeating while its changes trigger further roots.
 * After each change the state is made consistent (DAEs) before roots are compared, so that a
 * cascade is judged on the state the integration continues from; a failed projection ends the
 * run (the caller reads it from its own record).
 */
class HandlerRunner {
  private readonly gBefore: Float64Array;
  private readonly gAfter: Float64Array;
  private readonly cascade: Int8Array;

  constructor(
    private readonly hybrid: HybridHandler,
    private readonly p: Float64Array,
    private readonly log: Discontinuity[],
    /** DAEs: projects after every change; changes of g within its noise are not crossings. */
    private readonly dae: Projector,
  ) {
    this.gBefore = new Float64Array(hybrid.nRoots);
    this.gAfter = new Float64Array(hybrid.nRoots);
    this.cascade = new Int8Array(hybrid.nRoots);
  }

  run(
    t: number,
    y: Float64Array,
    stop: boolean,
    roots: Int8Array | null,
  ): { changed: boolean; terminate: boolean } {
    const { hybrid, p } = this;
    const withRoots = hybrid.nRoots > 0 && hybrid.roots !== undefined;
    let cause: HandleCause = { stop, roots };
    let changed = false;
    for (let round = 0; round < 1000; round++) {
      if (withRoots) hybrid.roots!(t, y, p, this.gBefore);
      const r = hybrid.handle(t, y, p, cause);
      const fired: number[] = [];
      if (cause.roots) cause.roots.forEach((d, k) => d !== 0 && fired.push(k));
      this.log.push({ t, stop: cause.stop, roots: fired });
      if (r.changed && !this.dae.project(t)) return { changed: true, terminate: false };
      if (r.terminate) return { changed: changed || r.changed, terminate: true };
      if (!r.changed) break;
      changed = true;
      if (!withRoots) break;
      hybrid.roots!(t, y, p, this.gAfter);
      if (this.dae.dae)
        for (let k = 0; k < this.gAfter.length; k++)
          if (unmoved(this.gBefore[k], this.gAfter[k])) this.gAfter[k] = this.gBefore[k];
      if (!signChanges(this.gBefore, this.gAfter, this.cascade)) break;
      cause = { stop: false, roots: Int8Array.from(this.cascade) };
    }
    return { changed, terminate: false };
  }
}

function result(
  system: OdeSystem,
  p: Float64Array,
  options: IntegrateOptions,
  stepper: Stepper,
  rec: Recorder,
  discontinuities: Discontinuity[],
  status: StatusCode,
  t: number,
  y: Float64Array,
  worst: number,
  reason: "event" | "cancelled" | undefined,
  /** DAEs: a failed projection's message replaces the standard one; its work adds to the stats. */
  dae: Projector,
): IntegrateResult {
  let value: number | undefined;
  if (status !== "ok" && status !== "terminated") {
    const bad = firstNonFinite(y);
    if (status === "nonFinite" && bad >= 0) worst = bad;
    if (worst < 0) worst = fastestState(system, p, t, y, options);
    if (status === "nonFinite" && worst >= 0 && !Number.isFinite(y[worst])) value = y[worst];
    // Keep the last good point on record, so a failed run still shows how it got there.
    if (firstNonFinite(y) < 0 && rec.times[rec.times.length - 1] !== t && options.outputTimes === undefined)
      rec.stepEnd(t, y);
  }
  const worstState = worst >= 0 ? (system.stateIds[worst] ?? `y[${worst}]`) : undefined;
  const message =
    dae.failure?.message ??
    outcomeMessage({
      status,
      method: options.method.name,
      implicit: options.method.implicit,
      t,
      t0: options.t0,
      tEnd: options.tEnd,
      h: stepper.h,
      steps: stepper.stats.steps,
      maxSteps: options.maxSteps ?? 100000,
      state: worstState,
      value,
      reason,
    });
  return {
    status,
    message,
    times: Float64Array.from(rec.times),
    states: rec.states,
    tFinal: t,
    yFinal: Float64Array.from(y),
    h: stepper.h,
    worstState,
    stats: sumStats(stepper.stats, dae.stats),
    discontinuities,
  };
}

/** The state whose scaled rate |f_i|/(rtol|y_i| + atol_i) is largest at (t, y) (non-finite first). */
function fastestState(
  system: OdeSystem,
  p: Float64Array,
  t: number,
  y: Float64Array,
  options: IntegrateOptions,
): number {
  const n = system.size;
  const f = new Float64Array(n);
  system.rhs(t, y, p, f);
  const bad = firstNonFinite(f);
  if (bad >= 0) return bad;
  let best = -1;
  let bestVal = -1;
  for (let i = 0; i < n; i++) {
    const atol = typeof options.atol === "number" ? options.atol : options.atol[i];
    const v = Math.abs(f[i]) / (options.rtol * Math.abs(y[i]) + atol);
    if (v > bestVal) {
      bestVal = v;
      best = i;
    }
  }
  return best;
}

function sumStats(a: SolverStats, b: SolverStats): SolverStats {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof SolverStats)[]) out[k] += b[k];
  return out;
}
