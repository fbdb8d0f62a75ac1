/** il6sim compare <scenario> <scenario> ...: overlay time courses and tabulate differences. */
import type { Command } from "commander";
import { runScenario } from "../../models/run.js";
import {
  compareSummaries,
  prettyUnit,
  summarizeAll,
  type Summary,
  type SummaryDifference,
} from "../../report/index.js";
import { BadInput, EXIT, issuesText } from "../errors.js";
import { type Loaded, loadScenarioArg } from "../models.js";
import {
  addOutputOptions,
  checkOutputTarget,
  collect,
  outputFormat,
  parseSets,
  spacedQuantity,
} from "../options.js";
import { jsonText } from "../json.js";
import { emit } from "../output.js";
import { checkPlotTarget, writePlot } from "../plot.js";
import { progress } from "../progress.js";
import { chartOf, type NamedResult, runJson } from "../run-report.js";
import { type Cell, fmtNum, renderCsv, renderTable } from "../table.js";

interface CompareOptions {
  set?: string[];
  end?: string;
  format?: "table" | "csv" | "json";
  out?: string;
  plot?: string;
}

const KEYS: readonly (keyof Summary)[] = ["peak", "t_peak", "auc", "final", "t_recovery_90"];

export function register(program: Command): void {
  const cmd = program
    .command("compare")
    .argument("<scenarios...>", "two or more scenario files or named scenarios; the first is the baseline")
    .summary("overlay scenarios and tabulate their differences")
    .description(
      "Run two or more scenarios, overlay their time courses, and give each summary value with its change from the first (baseline) scenario.",
    )
    .option("--set <id=value>", "override a parameter in every scenario (repeatable)", collect)
    .option("--end <time>", "end time for every scenario");
  addOutputOptions(cmd).option("--plot <file>", "overlay the time courses (.svg or .png)");
  cmd.addHelpText(
    "after",
    `
Examples:
  il6sim compare textbook_sc_weekly textbook_iv_10mgkg
  il6sim compare control.yaml treated.yaml --plot overlay.png --format json`,
  );
  cmd.action(async (args: string[], o: CompareOptions) => {
    process.exitCode = await compare(args, o);
  });
}

function uniqueNames(loaded: readonly Loaded[], args: readonly string[]): string[] {
  const names: string[] = [];
  loaded.forEach((l, k) => {
    const base = l.scenario.name ?? args[k];
    let name = base;
    for (let n = 2; names.includes(name); n++) name = `${base} #${n}`;
    names.push(name);
  });
  return names;
}

export async function compare(args: string[], o: CompareOptions): Promise<number> {
  if (args.length < 2)
    throw new BadInput([
      {
        code: "bad-argument",
        severity: "error",
        path: "compare",
        message: "compare needs at least two scenarios.",
        hint: "e.g. il6sim compare a.yaml b.yaml",
      },
    ]);
  checkOutputTarget(o);
  checkPlotTarget(o.plot);
  const overrides = { ...(o.end !== undefined ? { end: spacedQuantity(o.end) } : {}), set: parseSets(o.set) };
  const loaded: Loaded[] = [];
  const errors: BadInput[] = [];
  for (const a of args) {
    try {
      loaded.push(loadScenarioArg(a, overrides));
    } catch (err) {
      if (err instanceof BadInput) errors.push(err);
      else throw err;
    }
  }
  if (errors.length > 0) throw BadInput.many(errors);
  const units = new Set(loaded.map((l) => l.model.timeUnit));
  if (units.size > 1)
    throw new BadInput([
      {
        code: "bad-argument",
        severity: "error",
        path: "compare",
        message: `The scenarios use different time units (${[...units].join(", ")}).`,
      },
    ]);
  for (const l of loaded) if (l.warnings.length > 0) process.stderr.write(issuesText(l.warnings, l.source));

  const names = uniqueNames(loaded, args);
  const bar = progress("compare");
  const results: NamedResult[] = [];
  loaded.forEach((l, k) => {
    const r = runScenario(l.model, l.scenario, {
      onProgress: (f) => bar.update((k + f) / loaded.length, names[k]),
    });
    if (!r.ok) errors.push(new BadInput(r.issues, l.source));
    else results.push({ name: names[k], model: l.model, result: r.result });
  });
  bar.done();
  if (errors.length > 0) throw BadInput.many(errors);

  const summaries = results.map((r) => summarizeAll(r.result.t, r.result.observables));
  const format = outputFormat(o);
  const text =
    format === "json"
      ? jsonText(compareJson(results, summaries))
      : format === "csv"
        ? compareCsv(results, summaries)
        : compareTable(results, summaries);
  if (o.plot) await writePlot(chartOf(results, names.join(" vs "), `baseline: ${names[0]}`), o.plot);
  emit(text, o.out);
  const failed = results.filter((r) => r.result.status !== "ok");
  for (const f of failed)
    process.stderr.write(`il6sim: ${f.name} failed (${f.result.status}): ${f.result.message}\n`);
  return failed.length > 0 ? EXIT.numerical : EXIT.ok;
}

function differences(results: readonly NamedResult[], summaries: readonly Record<string, Summary>[]) {
  return results.slice(1).map((r, k) => {
    const obs: Record<string, SummaryDifference> = {};
    for (const [id, s] of Object.entries(summaries[k + 1])) {
      const base = summaries[0][id];
      if (base) obs[id] = compareSummaries(base, s);
    }
    return { scenario: r.name, baseline: results[0].name, observables: obs };
  });
}

function compareJson(results: readonly NamedResult[], summaries: readonly Record<string, Summary>[]) {
  const statuses = results.map((r) => r.result.status);
  return {
    status: statuses.every((s) => s === "ok") ? "ok" : statuses.find((s) => s !== "ok"),
    time_unit: results[0].result.timeUnit,
    baseline: results[0].name,
    scenarios: results.map((r) => ({ name: r.name, ...runJson(r) })),
    differences: differences(results, summaries),
  };
}

function observableIds(results: readonly NamedResult[]): string[] {
  return [...new Set(results.flatMap((r) => Object.keys(r.result.observables)))];
}

function compareTable(
  results: readonly NamedResult[],
  summaries: readonly Record<string, Summary>[],
): string {
  const u = results[0].result.timeUnit;
  const rows: Cell[][] = [];
  for (const id of observableIds(results)) {
    const unit = prettyUnit(results.find((r) => r.result.units[id])!.result.units[id]);
    for (const key of KEYS) {
      const values = summaries.map((s) => s[id]?.[key]);
      if (values.every((v) => v === undefined)) continue;
      const base = values[0];
      const cells = values.map((v, k) => {
        if (v === undefined || v === null) return "-";
        if (k === 0 || base === undefined || base === null) return fmtNum(v);
        const rel = key.startsWith("t_")
          ? `${v - base >= 0 ? "+" : ""}${fmtNum(v - base)} ${u}`
          : base !== 0
            ? `${v >= base ? "+" : ""}${fmtNum((100 * (v - base)) / base, 3)}%`
            : "";
        return rel ? `${fmtNum(v)} (${rel})` : fmtNum(v);
      });
      const metricUnit = key.startsWith("t_") ? u : key === "auc" ? `${unit}·${u}` : unit;
      rows.push([id, `${key} (${metricUnit})`, ...cells]);
    }
  }
  const head = `baseline: ${results[0].name}; changes are relative to it (times: difference)`;
  return `${head}\n\n${renderTable(["observable", "metric", ...results.map((r) => r.name)], rows)}`;
}

function compareCsv(results: readonly NamedResult[], summaries: readonly Record<string, Summary>[]): string {
  const rows: Cell[][] = [];
  for (const id of observableIds(results))
    for (const key of KEYS)
      results.forEach((r, k) => {
        const v = summaries[k][id]?.[key];
        const b = summaries[0][id]?.[key];
        if (v === undefined) return;
        const delta = v === null || b === null || b === undefined ? null : v - b;
        rows.push([
          r.name,
          id,
          key,
          v,
          delta,
          delta === null || !b || key.startsWith("t_") ? null : (v as number) / b,
        ]);
      });
  return renderCsv(
    ["scenario", "observable", "metric", "value", "delta_vs_baseline", "ratio_vs_baseline"],
    rows,
  );
}
