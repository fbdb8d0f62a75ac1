/**
 * il6sim sensitivity <scenario> --metric <observable:peak|t_peak|auc|at=T> [--method local|morris|sobol]:
 * which parameters move a metric. local: normalised coefficients d ln m / d ln p at the
 * scenario's values; morris: elementary-effects screening; sobol: first- and total-order
 * variance indices with bootstrap CIs. Global methods vary parameters ×/÷ --fold around their values.
 * Runs synchronously: Ctrl-C ends the process at once, and outputs are only written at the end.
 */
import type { Command } from "commander";
import {
  type Factor,
  foldRange,
  localSensitivity,
  morris,
  sobol,
  validateFactors,
} from "../../core/analysis/index.js";
import { type Issue, issue, suggestion } from "../../core/issues.js";
import { compiledFor, runScenario } from "../../models/run.js";
import { evaluateMetric, type Metric, parseMetric } from "../../report/metrics.js";
import { BadInput, badArgument, EXIT, issuesText } from "../errors.js";
import { loadScenarioArg } from "../models.js";
import {
  addOutputOptions,
  checkOutputTarget,
  collect,
  outputFormat,
  parseSets,
  spacedQuantity,
} from "../options.js";
import { emit } from "../output.js";
import { checkPlotTarget, writePlot } from "../plot.js";
import { progress } from "../progress.js";
import {
  type SensitivityOutput,
  type SensitivityRow,
  sensitivityChart,
  sensitivityCsv,
  sensitivityTable,
} from "./sensitivity-report.js";
import { isDifferentiable, localBySensitivities } from "./sensitivity-local.js";

export interface SensitivityOptions {
  metric?: string[];
  method?: string;
  params?: string;
  fold?: string;
  samples?: string;
  trajectories?: string;
  seed?: string;
  set?: string[];
  end?: string;
  format?: "table" | "csv" | "json";
  out?: string;
  plot?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command("sensitivity")
    .argument("<scenario>", "a scenario file (.yaml/.json) or a named scenario")
    .summary("which parameters move a metric (local, Morris, Sobol)")
    .description(
      "Local normalised sensitivities (d ln metric / d ln p), Morris screening, or Sobol indices with bootstrap confidence intervals, of metrics of the scenario's observables.",
    )
    .option("--metric <observable:kind>", "observable:peak|t_peak|auc|final|min|at=T (repeatable)", collect)
    .option("--method <method>", "local, morris or sobol", "local")
    .option("--params <ids>", "comma-separated parameters (default: every parameter with a positive value)")
    .option("--fold <f>", "global methods: vary each parameter from value/f to value·f, log-uniform", "2")
    .option("--samples <N>", "sobol: base sample size (N·(k+2) simulations)", "256")
    .option("--trajectories <r>", "morris: trajectories ((k+1)·r simulations)", "20")
    .option("--seed <s>", "random seed", "1")
    .option("--set <id=value>", "override a parameter (repeatable)", collect)
    .option("--end <time>", "end time");
  addOutputOptions(cmd).option("--plot <file>", "tornado (local) or bar chart with CIs (.svg or .png)");
  cmd.addHelpText(
    "after",
    `
Examples:
  il6sim sensitivity textbook_iv_10mgkg --metric plasma_drug_ug_per_mL:auc --plot tornado.svg
  il6sim sensitivity textbook_mouse_resection --metric tissue_mass_percent_of_preop:at=48h --method sobol --params kgrow,CL --samples 512`,
  );
  cmd.action(async (arg: string, o: SensitivityOptions) => {
    process.exitCode = await sensitivity(arg, o);
  });
}

const positiveInt = (text: string | undefined, option: string, fallback: number) => {
  const v = Number(text ?? fallback);
  if (!Number.isInteger(v) || v < 1)
    throw badArgument(option, `${option} must be a positive integer, not "${text}".`);
  return v;
};

export async function sensitivity(arg: string, o: SensitivityOptions): Promise<number> {
  checkOutputTarget(o);
  checkPlotTarget(o.plot);
  const method = (o.method ?? "local") as SensitivityOutput["method"];
  if (!["local", "morris", "sobol"].includes(method))
    throw badArgument("--method", `Unknown method "${o.method}".`, "Use local, morris or sobol.");
  const fold = Number(o.fold ?? 2);
  if (!(fold > 1)) throw badArgument("--fold", `--fold must be a number > 1, not "${o.fold}".`);
  const samples = positiveInt(o.samples, "--samples", 256);
  const trajectories = positiveInt(o.trajectories, "--trajectories", 20);
  const seed = Number(o.seed ?? 1);
  if (!Number.isInteger(seed)) throw badArgument("--seed", `--seed must be an integer, not "${o.seed}".`);
  if (!o.metric?.length)
    throw badArgument("--metric", "Give at least one --metric.", "e.g. --metric serum_IL6_pg_per_mL:peak");
  const loaded = loadScenarioArg(arg, {
    ...(o.end !== undefined ? { end: spacedQuantity(o.end) } : {}),
    set: parseSets(o.set),
  });
  if (loaded.warnings.length > 0) process.stderr.write(issuesText(loaded.warnings, loaded.source));
  const { model, scenario } = loaded;

  // ---- metrics and parameters
  const issues: Issue[] = [];
  const metrics: Metric[] = [];
  o.metric.forEach((m, k) => {
    const r = parseMetric(m, model.timeUnit);
    if (!r.ok) issues.push(issue("bad-metric", `--metric[${k}]`, r.message));
    else if (!model.observables.some((x) => x.id === r.metric.observable))
      issues.push(
        issue("unknown-id", `--metric[${k}]`, `Unknown observable "${r.metric.observable}".`, {
          hint: suggestion(
            r.metric.observable,
            model.observables.map((x) => x.id),
            "observable",
          ),
        }),
      );
    else metrics.push(r.metric);
  });
  const compiled = compiledFor(model, scenario.organism ?? model.organisms[0], scenario.genotype);
  if (!compiled.ok) throw new BadInput(compiled.issues, loaded.source);
  const all = compiled.model.network.parameters.filter((p) => p.constant);
  const valueOf = (id: string) => scenario.parameters[id] ?? all.find((p) => p.id === id)?.value;
  const ids = o.params
    ? o.params
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : all.filter((p) => (valueOf(p.id) ?? 0) > 0).map((p) => p.id);
  for (const id of ids) {
    const v = valueOf(id);
    if (v === undefined)
      issues.push(
        issue("unknown-id", "--params", `Unknown parameter "${id}".`, {
          hint: suggestion(
            id,
            all.map((p) => p.id),
            "parameter",
          ),
        }),
      );
    else if (!(v > 0))
      issues.push(
        issue(
          "bad-parameter",
          "--params",
          `"${id}" is ${v}; sensitivities are taken in ln p, so it must be positive.`,
        ),
      );
  }
  if (issues.length > 0) throw new BadInput(issues, loaded.source);
  const factors: Factor[] = ids.map((id) => foldRange(id, valueOf(id)!, fold));
  const bad = validateFactors(factors, "--params");
  if (bad.length) throw new BadInput(bad, loaded.source);

  // ---- one simulation -> metric values
  const observables = [...new Set(metrics.map((m) => m.observable))];
  const runAt = (values: ReadonlyMap<string, number>) => {
    const out = runScenario(model, {
      ...scenario,
      parameters: { ...scenario.parameters, ...Object.fromEntries(values) },
      output: { ...scenario.output, observables },
    });
    if (!out.ok) return { ok: false as const, message: out.issues.map((i) => i.message).join("; ") };
    if (out.result.status !== "ok")
      return { ok: false as const, message: `${out.result.status}: ${out.result.message}` };
    return {
      ok: true as const,
      values: metrics.map(
        (m) => evaluateMetric(m, out.result.t, out.result.observables[m.observable]) ?? NaN,
      ),
    };
  };
  const nominal = runAt(new Map());
  if (!nominal.ok) {
    process.stderr.write(`il6sim: the nominal simulation failed: ${nominal.message}\n`);
    return EXIT.numerical;
  }

  const bar = progress(`sensitivity (${method})`);
  const started = performance.now();
  const onProgress = (done: number, total: number) => bar.update(done / total, `${done}/${total}`);
  const common = { onProgress };
  const rows: SensitivityRow[] = [];
  let output: SensitivityOutput;
  const labels = metrics.map((m) => m.text);
  const vector = (x: Float64Array) => {
    const r = runAt(new Map(ids.map((id, k) => [id, x[k]])));
    return r.ok ? r.values : metrics.map(() => NaN);
  };
  try {
    if (method === "local") {
      // forward sensitivities for value metrics; finite differences for times of extrema (and as fallback)
      const bySens = localBySensitivities(model, scenario, compiled.model, metrics, ids, (id) =>
        valueOf(id)!,
      );
      const needFd = bySens.ok
        ? metrics.map((_, j) => j).filter((j) => !isDifferentiable(metrics[j]))
        : metrics.map((_, j) => j);
      const coefficients = bySens.ok
        ? bySens.coefficients.map((r) => [...r])
        : metrics.map(() => ids.map(() => NaN));
      let runs = bySens.ok ? 1 : 0;
      let cancelled = false;
      const failures: string[] = [];
      if (needFd.length > 0) {
        const fdRun = (v: ReadonlyMap<string, number>) => {
          const r = runAt(v);
          return r.ok ? { ok: true as const, values: needFd.map((j) => r.values[j]) } : r;
        };
        const r = localSensitivity(
          ids.map((id) => ({ id, value: valueOf(id)! })),
          needFd.map((j) => labels[j]),
          fdRun,
          common,
        );
        needFd.forEach((j, i) => (coefficients[j] = r.coefficients[i]));
        runs += r.runs;
        cancelled = r.cancelled;
        failures.push(...r.failures);
      }
      labels.forEach((m, j) =>
        ids.forEach((id, k) => rows.push({ metric: m, parameter: id, value: coefficients[j][k], extra: {} })),
      );
      const parts = [
        ...(bySens.ok && needFd.length < metrics.length
          ? [
              "forward sensitivities (engine) for " +
                metrics
                  .filter(isDifferentiable)
                  .map((m) => m.kind)
                  .join(", "),
            ]
          : []),
        ...(needFd.length > 0
          ? [
              `central finite differences in ln p for ${needFd.map((j) => metrics[j].kind).join(", ")}${bySens.ok ? "" : ` (no sensitivities: ${bySens.reason})`}`,
            ]
          : []),
      ];
      output = base(cancelled, parts.join("; "), runs, failures);
    } else if (method === "morris") {
      const r = morris(factors, vector, { trajectories, seed, ...common });
      r.indices.forEach((row, j) =>
        row.forEach((x) =>
          rows.push({
            metric: labels[j],
            parameter: x.factor,
            value: x.muStar,
            extra: { mu: x.mu, sigma: x.sigma, muStarCi: x.muStarCi },
          }),
        ),
      );
      output = base(
        r.cancelled,
        `Morris elementary effects, ${trajectories} trajectories, 4 levels, log-uniform ×/÷${fold}; bootstrap CIs`,
        r.runs,
        r.failedTrajectories ? [`${r.failedTrajectories} trajectories with failed runs dropped`] : [],
      );
    } else {
      const r = sobol(factors, vector, { samples, seed, ...common });
      r.indices.forEach((row, j) =>
        row.forEach((x) =>
          rows.push({
            metric: labels[j],
            parameter: x.factor,
            value: x.ST,
            extra: { S1: x.S1, S1Ci: x.S1Ci, STCi: x.STCi },
          }),
        ),
      );
      output = base(
        r.cancelled,
        `Sobol indices (Saltelli sampling, N = ${samples}; Saltelli 2010 S1, Jansen ST; log-uniform ×/÷${fold}; bootstrap CIs)`,
        r.runs,
        r.failedRows ? [`${r.failedRows} sample rows with failed runs dropped`] : [],
      );
    }
  } finally {
    bar.done();
  }
  const format = outputFormat(o);
  const text =
    format === "json"
      ? JSON.stringify(output, null, 2) + "\n"
      : format === "csv"
        ? sensitivityCsv(output)
        : sensitivityTable(output);
  if (o.plot) await writePlot(sensitivityChart(output), o.plot);
  emit(text, o.out);
  return output.status === "ok" ? EXIT.ok : EXIT.numerical;

  function base(
    cancelled: boolean,
    estimator: string,
    runs: number,
    failures: readonly string[],
  ): SensitivityOutput {
    return {
      status: cancelled ? "cancelled" : failures.length ? "partial" : "ok",
      scenario: scenario.name ?? arg,
      method,
      estimator,
      runs: runs + 1,
      wallMs: performance.now() - started,
      nominal: Object.fromEntries(
        labels.map((m, j) => [
          m,
          nominal.ok && Number.isFinite(nominal.values[j]) ? nominal.values[j] : null,
        ]),
      ),
      rows,
      failures,
      settings: {
        parameters: ids,
        fold,
        seed,
        ...(method === "sobol" ? { samples } : {}),
        ...(method === "morris" ? { trajectories } : {}),
      },
    };
  }
}
