/** A run's result as the contract's JSON, a summary table, a CSV time course, and a chart. */
import { basename } from "node:path";
import { toScenarioFile } from "../io/scenario-file/index.js";
import type { ScenarioResult } from "../models/run.js";
import type { LibraryModel } from "../models/types.js";
import {
  type ChartSpec,
  displayTime,
  markersOf,
  metricUnit,
  prettyUnit,
  summarizeAll,
  type Summary,
  timeCourseSpec,
} from "../report/index.js";
import { fmtNum, renderCsv, renderTable } from "./table.js";

export interface NamedResult {
  readonly name: string;
  readonly model: LibraryModel;
  readonly result: ScenarioResult;
}

export function runJson(r: NamedResult): Record<string, unknown> {
  const res = r.result;
  return {
    status: res.status,
    ...(res.status !== "ok" ? { message: res.message } : {}),
    scenario: toScenarioFile(res.scenario, res.timeUnit),
    time_unit: res.timeUnit,
    t: res.t,
    observables: res.observables,
    units: res.units,
    summary: summarizeAll(res.t, res.observables),
    solver: res.solver,
    log: res.log,
  };
}

export function runHeadline(r: NamedResult): string {
  const s = r.result.scenario;
  const u = r.result.timeUnit;
  const parts = [
    r.model.version === "sbml" ? `SBML model ${basename(r.model.id)}` : r.model.id,
    ...(r.model.version === "sbml" ? [] : [s.organism ?? ""]),
    ...(s.genotype.length > 0 ? [s.genotype.join("+")] : []),
    `${fmtNum(s.start ?? 0)} to ${fmtNum(s.end)} ${u}${spanNote(s.end - (s.start ?? 0), u)}`.trim(),
  ];
  const solver = r.result.solver;
  return `${r.name}: ${parts.join(", ")}; status ${r.result.status} (${solver.method}, ${solver.steps} steps, ${fmtNum(solver.wall_ms, 3)} ms)`;
}

export function summaryRows(id: string, unit: string, s: Summary) {
  return [id, prettyUnit(unit), s.peak, s.t_peak, s.auc, s.final, s.min] as const;
}

/** " (24 weeks)" for long runs in hours. */
function spanNote(span: number, unit: string): string {
  const d = displayTime(span, unit);
  return d.factor === 1 ? "" : ` (${fmtNum(span / d.factor, 3)} ${d.unit === "d" ? "days" : "weeks"})`;
}

export function runTable(r: NamedResult): string {
  const res = r.result;
  const summary = summarizeAll(res.t, res.observables);
  const u = res.timeUnit || "t";
  const head = runHeadline(r);
  const rows = Object.entries(summary).map(([id, s]) => summaryRows(id, res.units[id], s));
  const table = renderTable(
    ["observable", "unit", "peak", `t_peak (${u})`, `AUC (unit·${u})`, "final", "min"],
    rows,
  );
  const notes = Object.entries(summary).flatMap(([id, s]) =>
    s.t_recovery_90 === undefined
      ? []
      : [
          s.t_recovery_90 === null
            ? `${id}: not back at 90% within the run`
            : `${id}: back at 90% at ${fmtNum(s.t_recovery_90)} ${u}`,
        ],
  );
  const message = res.status !== "ok" ? [`${res.status}: ${res.message}`] : [];
  return [head, "", table.trimEnd(), ...(notes.length ? ["", ...notes] : []), ...message].join("\n") + "\n";
}

export function runCsv(r: NamedResult): string {
  const res = r.result;
  const ids = Object.keys(res.observables);
  const rows = res.t.map((t, i) => [t, ...ids.map((id) => res.observables[id][i])]);
  return renderCsv([`time_${res.timeUnit || "model"}`, ...ids], rows);
}

export function chartOf(results: readonly NamedResult[], title: string, subtitle?: string): ChartSpec {
  const first = results[0];
  const ids = [...new Set(results.flatMap((r) => Object.keys(r.result.observables)))];
  const info = ids.map((id) => {
    const holder = results.find((r) => r.result.units[id] !== undefined)!;
    const def = holder.model.observables.find((o) => o.id === id);
    return { id, unit: holder.result.units[id], ...(def ? { description: def.description } : {}) };
  });
  const seen = new Set<string>();
  const markers = results
    .flatMap((r) => markersOf(r.result.scenario.timeline))
    .filter((m) => {
      const key = `${m.t}|${m.label}|${m.kind}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return timeCourseSpec({
    title,
    ...(subtitle ? { subtitle } : {}),
    timeUnit: first.result.timeUnit,
    series: results.map((r) => ({ name: r.name, t: r.result.t, observables: r.result.observables })),
    observables: info,
    markers,
  });
}

export { metricUnit };
