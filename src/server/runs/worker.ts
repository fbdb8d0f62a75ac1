/**
 * Worker thread of the server's pool (run by piscina): one simulation per task, or one
 * validation report. The scenario arrives as its canonical file object and is resolved again
 * here (cheap, and the same check the server made). Progress and the stop flag live in shared
 * memory, so the server reads progress without messages and a cancel needs no round trip.
 */
import { resolveScenario } from "../../io/scenario-file/index.js";
import { modelById } from "../../models/registry.js";
import { runScenario } from "../../models/run.js";
import type { ValidationRow } from "../../models/types.js";
import { runJson } from "../../cli/run-report.js";
import { libraryLookup } from "../scenario.js";
import type { Issue } from "../../core/issues.js";
import type { Fluxes } from "../store/runs.js";
import { fluxesOf } from "./fluxes.js";

export interface RunTask {
  readonly kind: "run";
  readonly name: string;
  readonly scenario: Record<string, unknown>;
  /** Float64Array(2): [progress 0..1, start time (epoch ms, 0 until started)]. */
  readonly progress: SharedArrayBuffer;
  /** Int32Array(1): 1 = cancel requested. */
  readonly stop: SharedArrayBuffer;
  /** Wall-clock limit of the simulation, in seconds. */
  readonly maxSeconds: number;
}

export interface ValidateTask {
  readonly kind: "validate";
  readonly model: string;
  readonly organism?: string;
}

export type RunOutcome =
  | { readonly kind: "done"; readonly doc: Record<string, unknown>; readonly fluxes?: Fluxes }
  /** Stopped early: partial results, and why. */
  | {
      readonly kind: "stopped";
      readonly reason: "cancelled" | "time-limit";
      readonly doc: Record<string, unknown>;
      readonly fluxes?: Fluxes;
    }
  /** The simulation failed numerically (doc.status says how), or could not start (issues). */
  | {
      readonly kind: "failed";
      readonly message: string;
      readonly doc?: Record<string, unknown>;
      readonly issues?: readonly Issue[];
    };

export type ValidateOutcome = { readonly kind: "validated"; readonly rows: readonly ValidationRow[] };

/** A chart spec to a picture (vega + resvg are heavy: they run here, not on the event loop). */
export interface RenderTask {
  readonly kind: "render";
  readonly spec: Record<string, unknown>;
  readonly format: "svg" | "png";
}

type Validating = { validate?: (organism?: string) => ValidationRow[] | Promise<ValidationRow[]> };

function run(task: RunTask): RunOutcome {
  const progress = new Float64Array(task.progress);
  const stop = new Int32Array(task.stop);
  const started = Date.now();
  progress[1] = started;
  const deadline = started + task.maxSeconds * 1000;
  const r = resolveScenario(task.scenario, libraryLookup, { defaultName: task.name });
  if (!r.ok) return { kind: "failed", message: "The scenario no longer resolves.", issues: r.issues };
  const lib = modelById(r.scenario.model);
  if (!lib.ok) return { kind: "failed", message: lib.message };
  let timedOut = false;
  const outcome = runScenario(lib.model, r.scenario, {
    onProgress: (f) => {
      progress[0] = f;
    },
    shouldStop: () => {
      if (Atomics.load(stop, 0) === 1) return true;
      if (Date.now() > deadline) timedOut = true;
      return timedOut;
    },
  });
  if (!outcome.ok) {
    const numerical = outcome.issues.every((i) => i.code === "no-steady-state");
    return {
      kind: "failed",
      message: numerical
        ? outcome.issues.map((i) => i.message).join(" ")
        : "The scenario was refused by the model.",
      issues: outcome.issues,
    };
  }
  const doc = runJson({ name: task.name, model: lib.model, result: outcome.result });
  const fluxes = fluxesOf(outcome.result.simulation, outcome.result.timeUnit);
  const withFluxes = fluxes ? { fluxes } : {};
  if (outcome.result.status === "terminated")
    return { kind: "stopped", reason: timedOut ? "time-limit" : "cancelled", doc, ...withFluxes };
  if (outcome.result.status !== "ok")
    return {
      kind: "failed",
      message: `The simulation failed (${outcome.result.status}): ${outcome.result.message}`,
      doc,
    };
  progress[0] = 1;
  return { kind: "done", doc, ...withFluxes };
}

async function validate(task: ValidateTask): Promise<ValidateOutcome> {
  const m = modelById(task.model);
  if (!m.ok) throw new Error(m.message);
  const v = (m.model as Validating).validate;
  const rows = v ? await v.call(m.model, task.organism) : [];
  return { kind: "validated", rows: rows.filter((x) => !task.organism || x.organism === task.organism) };
}

async function render(task: RenderTask): Promise<Uint8Array> {
  // vega and resvg load on the first figure only, keeping a simulating thread's heap small
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const { renderChart } = (await import(
    new URL(`../../report/render.${ext}`, import.meta.url).href
  )) as typeof import("../../report/render.js");
  return new Uint8Array(await renderChart(task.spec, task.format));
}

export default function job(
  task: RunTask | ValidateTask | RenderTask,
): RunOutcome | Promise<ValidateOutcome> | Promise<Uint8Array> {
  return task.kind === "run" ? run(task) : task.kind === "validate" ? validate(task) : render(task);
}
