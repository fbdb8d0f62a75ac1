/**
 * Figures and tables from stored runs: the report layer's Vega-Lite time-course spec (the same
 * function the CLI's --plot uses), with dashed markers from each run's resolved scenario, and
 * CSV in the layout of `il6sim run --format csv` (one run) or stacked with a run column (several).
 */
import { resolveScenario } from "../io/scenario-file/index.js";
import { modelById } from "../models/registry.js";
import { type ChartSpec, type Marker, markersOf, timeCourseSpec } from "../report/index.js";
import { renderCsv } from "../cli/table.js";
import { libraryLookup } from "./scenario.js";
import type { RunRecord } from "./store/runs.js";

/** The parts of a run document (`run --format json`) that figures read. */
export interface RunDoc {
  readonly time_unit: string;
  readonly t: readonly number[];
  readonly observables: Readonly<Record<string, readonly (number | null)[]>>;
  readonly units: Readonly<Record<string, string>>;
}

export function docOf(r: RunRecord): RunDoc | undefined {
  const d = r.result as Partial<RunDoc> | undefined;
  return d && Array.isArray(d.t) && d.observables && d.units ? (d as RunDoc) : undefined;
}

const finite = (xs: readonly (number | null)[]): number[] => xs.map((v) => (v === null ? NaN : v));

function markers(r: RunRecord): Marker[] {
  const s = resolveScenario(r.scenario, libraryLookup, { defaultName: r.name });
  return s.ok ? markersOf(s.scenario.timeline) : [];
}

/** Legend names: a run's name, with its id where two runs share a name. */
export function legendNames(runs: readonly RunRecord[]): string[] {
  const count = new Map<string, number>();
  for (const r of runs) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  return runs.map((r) => (count.get(r.name)! > 1 ? `${r.name} (${r.id.slice(-6)})` : r.name));
}

export function subtitleOf(r: RunRecord): string {
  const genotype = Array.isArray(r.scenario.genotype) ? (r.scenario.genotype as string[]).join("+") : "";
  return [r.model_id, r.organism, genotype || undefined].filter(Boolean).join(" · ");
}

/** Observables shown: those asked for (in that order), else every one the runs have. */
export function chartSpecOf(runs: readonly RunRecord[], observables?: readonly string[]): ChartSpec {
  const docs = runs.map((r) => docOf(r)!);
  const names = legendNames(runs);
  const all = [...new Set(docs.flatMap((d) => Object.keys(d.observables)))];
  const ids = observables && observables.length > 0 ? observables.filter((o) => all.includes(o)) : all;
  const info = ids.map((id) => {
    const k = docs.findIndex((d) => d.units[id] !== undefined);
    const m = modelById(runs[k].model_id);
    const def = m.ok ? m.model.observables.find((o) => o.id === id) : undefined;
    return { id, unit: docs[k].units[id], ...(def ? { description: def.description } : {}) };
  });
  const seen = new Set<string>();
  const marks = runs.flatMap(markers).filter((m) => {
    const key = `${m.t}|${m.label}|${m.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const subtitles = [...new Set(runs.map(subtitleOf))];
  return timeCourseSpec({
    title: runs.length === 1 ? runs[0].name : `${runs.length} runs compared`,
    ...(subtitles.length === 1 ? { subtitle: subtitles[0] } : {}),
    timeUnit: docs[0].time_unit,
    series: docs.map((d, i) => ({
      name: names[i],
      t: d.t,
      observables: Object.fromEntries(
        ids.filter((id) => d.observables[id]).map((id) => [id, finite(d.observables[id])]),
      ),
    })),
    observables: info,
    markers: marks,
  });
}

/** One run: the columns of `il6sim run --format csv`. */
export function runCsvOf(r: RunRecord): string {
  const d = docOf(r)!;
  const ids = Object.keys(d.observables);
  return renderCsv(
    [`time_${d.time_unit || "model"}`, ...ids],
    d.t.map((t, i) => [t, ...ids.map((id) => d.observables[id][i])]),
  );
}

/** Several runs stacked: run name and id first, then time and every observable any run has. */
export function compareCsvOf(runs: readonly RunRecord[]): string {
  const docs = runs.map((r) => docOf(r)!);
  const names = legendNames(runs);
  const ids = [...new Set(docs.flatMap((d) => Object.keys(d.observables)))];
  const units = [...new Set(docs.map((d) => d.time_unit || "model"))];
  const rows = docs.flatMap((d, k) =>
    d.t.map((t, i) => [names[k], runs[k].id, t, ...ids.map((id) => d.observables[id]?.[i] ?? null)]),
  );
  return renderCsv(["run", "run_id", `time_${units.join("_or_")}`, ...ids], rows);
}
