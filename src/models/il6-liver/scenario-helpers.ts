/** Building named scenarios: doses, output grids, the resolved-scenario shape with BDF. */
import type { ResolvedScenario, TimelineEntry } from "../../core/scenario/types.js";

export function doseAt(
  at: number,
  drug: string,
  value: number,
  unit: string,
  route: string,
  durationH?: number,
): TimelineEntry {
  return {
    at,
    intervention: {
      kind: "dose",
      drug,
      amount: { value, unit },
      route,
      ...(durationH !== undefined ? { duration: { value: durationH, unit: "h" } } : {}),
    },
  };
}

export const grid = (end: number, step: number) =>
  Array.from({ length: Math.floor(end / step) + 1 }, (_, i) => i * step);

export function scenario(
  name: string,
  organism: string,
  end: number,
  step: number,
  timeline: TimelineEntry[],
  observables: string[],
  genotype: string[] = [],
): ResolvedScenario {
  return {
    model: "il6-liver",
    name,
    organism,
    genotype,
    parameters: {},
    end,
    timeline,
    output: { times: grid(end, step), observables },
    steadyStateStart: true,
    // BDF reuses its Jacobian and LU across steps: 2-5x faster than Rodas5P here, and within
    // 1e-3 of each observable's range of Rodas5P at rtol 1e-9 on every named scenario (tested)
    solver: { method: "BDF" },
  };
}
