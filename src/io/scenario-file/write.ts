/**
 * ResolvedScenario -> the scenario file format (a plain object with "number unit" strings),
 * and YAML text. What `run --format json` reports under `scenario`, what the web app offers
 * for download, and what reads back to the same scenario.
 */
import { stringify } from "yaml";
import type { Intervention, ResolvedScenario } from "../../core/scenario/types.js";
import type { Quantity } from "../../core/units.js";

export type ScenarioFileObject = Record<string, unknown>;

const num = (x: number) => Number(x.toPrecision(12));

/** A uniform grid's step, or undefined. */
export function uniformStep(times: readonly number[]): number | undefined {
  if (times.length < 2) return undefined;
  const step = times[1] - times[0];
  if (!(step > 0)) return undefined;
  for (let i = 2; i < times.length; i++) {
    const d = times[i] - times[i - 1];
    // the last step may be shorter (end not on the grid)
    const last = i === times.length - 1 && d < step;
    if (Math.abs(d - step) > 1e-9 * Math.max(1, step) && !last) return undefined;
  }
  return step;
}

export function toScenarioFile(s: ResolvedScenario, timeUnit = "h"): ScenarioFileObject {
  const t = (x: number): string | number => (timeUnit === "" ? num(x) : `${num(x)} ${timeUnit}`);
  const q = (x: Quantity): string => (x.unit === "1" ? `${num(x.value)}` : `${num(x.value)} ${x.unit}`);
  const start = s.start ?? Math.min(0, ...s.timeline.map((e) => e.at));
  const step = uniformStep(s.output.times);
  const gridStartsAtStart = s.output.times.length > 0 && Math.abs(s.output.times[0] - start) < 1e-12;
  const output =
    step !== undefined && gridStartsAtStart
      ? { every: t(step), observables: [...s.output.observables] }
      : { times: s.output.times.map(t), observables: [...s.output.observables] };
  const intervention = (iv: Intervention): Record<string, unknown> => {
    switch (iv.kind) {
      case "dose":
        return {
          dose: {
            drug: iv.drug,
            amount: q(iv.amount),
            route: iv.route,
            ...(iv.duration ? { duration: q(iv.duration) } : {}),
          },
        };
      case "set":
        return { set: { [iv.id]: iv.value } };
      case "injury":
        return {
          [iv.injury]: Object.fromEntries(
            Object.entries(iv.params).map(([k, v]) => [k, typeof v === "number" ? v : q(v)]),
          ),
        };
    }
  };
  return {
    model: s.model,
    ...(s.name !== undefined ? { name: s.name } : {}),
    ...(s.description !== undefined ? { description: s.description } : {}),
    ...(s.organism !== undefined ? { organism: s.organism } : {}),
    genotype: [...s.genotype],
    parameters: { ...s.parameters },
    start: t(start),
    end: t(s.end),
    timeline: s.timeline.map((e) => ({ at: t(e.at), ...intervention(e.intervention) })),
    output,
    steady_state_start: s.steadyStateStart ?? true,
    ...(s.solver ? { solver: { ...s.solver } } : {}),
  };
}

export function toScenarioYaml(s: ResolvedScenario, timeUnit = "h"): string {
  return stringify(toScenarioFile(s, timeUnit), { lineWidth: 0, flowCollectionPadding: false });
}
