/** Shared helpers for the il6-liver tests. */
import type { CompiledModel } from "../../../src/core/compile/index.js";
import type { ResolvedScenario, TimelineEntry } from "../../../src/core/scenario/types.js";
import { simulate } from "../../../src/core/simulate/index.js";
import type { SimulationResult, TimedAction } from "../../../src/core/simulate/types.js";
import { steadyState } from "../../../src/core/solve/index.js";
import { il6Liver } from "../../../src/models/il6-liver/index.js";
import { compiledFor, runScenario, type ScenarioResult } from "../../../src/models/run.js";

export { il6Liver };

export function compiled(organism: string, genotype: string[] = []): CompiledModel {
  const c = compiledFor(il6Liver, organism, genotype);
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join("\n"));
  return c.model;
}

export function actionsOf(organism: string, timeline: readonly TimelineEntry[]): TimedAction[] {
  return timeline.flatMap((e, k) => {
    const r = il6Liver.actions(e, { organism, path: `timeline[${k}]` });
    if (r.issues.some((i) => i.severity === "error"))
      throw new Error(r.issues.map((i) => i.message).join("\n"));
    return r.actions;
  });
}

/** Simulate from the pre-injury steady state (with parameter overrides) with a timeline. */
export function fromSteadyState(
  organism: string,
  timeline: readonly TimelineEntry[],
  end: number,
  times: readonly number[],
  opts: { genotype?: string[]; overrides?: Record<string, number>; steady?: boolean } = {},
): SimulationResult {
  const m = compiled(organism, opts.genotype ?? []);
  const init = m.initial(opts.overrides ?? {});
  const y0 = opts.steady === false ? init.y0 : steadyState(m.system, init.p, init.y0, {}).y;
  return simulate(m, {
    tEnd: end,
    outputTimes: times,
    y0,
    p: init.p,
    actions: actionsOf(organism, timeline),
  });
}

export function run(scenario: ResolvedScenario): ScenarioResult {
  const r = runScenario(il6Liver, scenario);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.result;
}

/** A dose at a time (the library's own builder of named-scenario doses). */
export { doseAt as dose } from "../../../src/models/il6-liver/scenario-helpers.js";

export const grid = (end: number, n: number) => Array.from({ length: n + 1 }, (_, i) => (end * i) / n);
