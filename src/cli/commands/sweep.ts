/** il6sim sweep <scenario> --vary id=values --metric obs:kind: one run per value, metrics tabulated. */
import type { Command } from "commander";
import { runScenario } from "../../models/run.js";
import { didYouMean } from "../../io/scenario-file/sink.js";
import { evaluateMetric, type Metric, metricUnit, parseMetric, sweepSpec } from "../../report/index.js";
import { BadInput, badArgument, EXIT, issuesText } from "../errors.js";
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
import { renderCsv, renderTable } from "../table.js";
import { overridesFor, parseVary, type Vary, variedLabel } from "../vary.js";

interface SweepOptions {
  vary: string;
  metric?: string[];
  set?: string[];
  end?: string;
  format?: "table" | "csv" | "json";
  out?: string;
  plot?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command("sweep")
    .argument("<scenario>", "a scenario file or a named scenario")
    .summary("run a scenario over a range of one parameter or dose")
    .description(
      "Run a scenario once per value of a parameter or of a drug's dose amount, and tabulate metrics of the time courses.",
    )
    .requiredOption(
      "--vary <id=values>",
      "id=v1,v2,...  or  id=from:to:n[:log], then an optional unit; id is a parameter or dose:<drug>",
    )
    .option(
      "--metric <observable:kind>",
      "peak, t_peak, auc, final, min, t_min, t_recovery_90 or at=T (repeatable; default: peak of each output observable)",
      collect,
    )
    .option("--set <id=value>", "override a parameter in every run (repeatable)", collect)
    .option("--end <time>", "end time of every run");
  addOutputOptions(cmd).option("--plot <file>", "draw each metric against the varied value (.svg or .png)");
  cmd.addHelpText(
    "after",
    `
Examples:
  il6sim sweep textbook_iv_10mgkg --vary "dose:mab=0.1:30:8:log mg/kg" --metric receptor_occupancy_percent:at=336h
  il6sim sweep textbook_mouse_resection --vary kgrow=0.02,0.05,0.1 --metric tissue_mass_percent_of_preop:t_recovery_90 --plot kgrow.png`,
  );
  cmd.action(async (arg: string, o: SweepOptions) => {
    process.exitCode = await sweep(arg, o);
  });
}

interface Row {
  readonly value: number;
  readonly status: string;
  readonly message?: string;
  readonly metrics: Record<string, number | null>;
}

function metricsFor(texts: readonly string[], loaded: Loaded): Metric[] {
  const known = loaded.model.observables.map((x) => x.id);
  const metrics = texts.length > 0 ? texts : loaded.scenario.output.observables.map((id) => `${id}:peak`);
  const errors: BadInput[] = [];
  const out: Metric[] = [];
  for (const t of metrics) {
    const m = parseMetric(t, loaded.model.timeUnit);
    if (!m.ok) errors.push(badArgument("--metric", m.message));
    else if (!known.includes(m.metric.observable))
      errors.push(
        badArgument(
          "--metric",
          `Unknown observable "${m.metric.observable}" in "${t}".`,
          didYouMean(m.metric.observable, known, "observable"),
        ),
      );
    else out.push(m.metric);
  }
  if (errors.length > 0) throw BadInput.many(errors);
  return out;
}

export async function sweep(arg: string, o: SweepOptions): Promise<number> {
  checkOutputTarget(o);
  checkPlotTarget(o.plot);
  const vary: Vary = parseVary(o.vary);
  const base = { ...(o.end !== undefined ? { end: spacedQuantity(o.end) } : {}), set: parseSets(o.set) };
  const first = loadScenarioArg(arg, base);
  const metrics = metricsFor(o.metric ?? [], first);
  const observables = [...new Set(metrics.map((m) => m.observable))];

  // resolve every value first: bad input stops the sweep before anything runs
  const loaded: Loaded[] = [];
  const errors = new Map<string, BadInput>();
  for (const value of vary.values) {
    try {
      loaded.push(loadScenarioArg(arg, { ...overridesFor(vary, value, base), observables }));
    } catch (err) {
      if (!(err instanceof BadInput)) throw err;
      const key = err.text().replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi, "#");
      if (!errors.has(key)) errors.set(key, err);
    }
  }
  if (errors.size > 0) throw BadInput.many([...errors.values()]);
  if (first.warnings.length > 0) process.stderr.write(issuesText(first.warnings, first.source));

  const bar = progress(`sweep ${variedLabel(vary)}`);
  const rows: Row[] = [];
  loaded.forEach((l, k) => {
    const value = vary.values[k];
    const r = runScenario(l.model, l.scenario, {
      onProgress: (f) => bar.update((k + f) / loaded.length, `${k + 1}/${loaded.length}`),
    });
    if (!r.ok) {
      rows.push({
        value,
        status: "failed",
        message: r.issues.map((i) => i.message).join("; "),
        metrics: Object.fromEntries(metrics.map((m) => [m.text, null])),
      });
      return;
    }
    const res = r.result;
    rows.push({
      value,
      status: res.status,
      ...(res.status !== "ok" ? { message: res.message } : {}),
      metrics: Object.fromEntries(
        metrics.map((m) => [m.text, evaluateMetric(m, res.t, res.observables[m.observable] ?? [])]),
      ),
    });
  });
  bar.done();

  const timeUnit = first.model.timeUnit;
  const unitOf = (m: Metric) =>
    metricUnit(m.kind, first.model.observables.find((x) => x.id === m.observable)?.unit ?? "", timeUnit);
  const variedUnit =
    vary.unit ??
    (vary.target.kind === "dose"
      ? doseUnit(first, vary.target.drug)
      : (paramUnit(first, vary.target.id) ?? ""));
  const format = outputFormat(o);
  const headers = [
    `${variedLabel(vary)}${variedUnit ? ` (${variedUnit})` : ""}`,
    ...metrics.map((m) => `${m.text} (${unitOf(m)})`),
    "status",
  ];
  const table = rows.map((r) => [r.value, ...metrics.map((m) => r.metrics[m.text]), r.status]);
  const doc = {
    status: rows.every((r) => r.status === "ok") ? "ok" : "failed",
    scenario: first.scenario.name ?? arg,
    time_unit: timeUnit,
    varied: {
      target: vary.target.kind === "dose" ? `dose:${vary.target.drug}` : vary.target.id,
      unit: variedUnit,
      values: vary.values,
      log: vary.log,
    },
    metrics: metrics.map((m) => ({
      metric: m.text,
      observable: m.observable,
      kind: m.kind,
      ...(m.at !== undefined ? { at: m.at } : {}),
      unit: unitOf(m),
    })),
    rows,
  };
  const text =
    format === "json"
      ? jsonText(doc)
      : format === "csv"
        ? renderCsv(headers, table)
        : renderTable(headers, table);
  if (o.plot) {
    const spec = sweepSpec({
      title: `${first.scenario.name ?? arg}: sweep of ${variedLabel(vary)}`,
      subtitle: `${first.model.id} · ${first.scenario.organism ?? ""}`,
      varied: { id: variedLabel(vary), unit: variedUnit, log: vary.log },
      values: vary.values,
      metrics: metrics.map((m) => ({
        text: m.text,
        unit: unitOf(m),
        values: rows.map((r) => r.metrics[m.text]),
      })),
    });
    await writePlot(spec, o.plot);
  }
  emit(text, o.out);
  const failed = rows.filter((r) => r.status !== "ok");
  for (const f of failed)
    process.stderr.write(
      `il6sim: run with ${variedLabel(vary)} = ${f.value} failed (${f.status}): ${f.message}\n`,
    );
  return failed.length > 0 ? EXIT.numerical : EXIT.ok;
}

function doseUnit(l: Loaded, drug: string): string {
  for (const e of l.scenario.timeline)
    if (e.intervention.kind === "dose" && e.intervention.drug === drug) return e.intervention.amount.unit;
  return "";
}

function paramUnit(l: Loaded, id: string): string | undefined {
  const net = l.model.network(l.scenario.organism ?? l.model.organisms[0], l.scenario.genotype);
  return net.ok ? net.network.parameters.find((p) => p.id === id)?.unit : undefined;
}
