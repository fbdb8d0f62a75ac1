/**
 * il6sim population <scenario> --n N [--seed S]: a virtual population. Parameters are drawn from
 * lognormal priors (member i from (seed, i) only), members run in worker threads, and the
 * result is percentile bands per observable over time plus outcome fractions; identical for a
 * seed whatever the number of workers.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import {
  type ChunkExecutor,
  type LognormalPrior,
  type OutcomeSpec,
  type PopulationSpec,
  runChunk,
  runPopulation,
  validatePopulation,
} from "../../core/analysis/population/index.js";
import type { Issue } from "../../core/issues.js";
import { compiledFor, runScenario } from "../../models/run.js";
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
import { EXIT_CANCELLED, onInterrupt } from "./fit-interrupt.js";
import { memberSimulator } from "./population-member.js";
import { workerPool } from "./population-pool.js";
import {
  bandChart,
  populationCsv,
  populationJson,
  populationTable,
  type PopulationMeta,
} from "./population-report.js";
import { parseOutcome, parsePriorArg, readPriorsFile } from "./population-spec.js";

export interface PopulationOptions {
  n?: string;
  seed?: string;
  workers?: string;
  prior?: string[];
  priors?: string;
  outcome?: string[];
  chunk?: string;
  set?: string[];
  end?: string;
  format?: "table" | "csv" | "json";
  out?: string;
  plot?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command("population")
    .argument("<scenario>", "a scenario file (.yaml/.json) or a named scenario")
    .summary("virtual population: percentile bands and outcome fractions")
    .description(
      "Simulate N members with parameters drawn from lognormal priors, in worker threads; report percentile bands (5/25/50/75/95) per observable over time and outcome fractions. Deterministic for a seed, whatever the number of workers.",
    )
    .option("--n <N>", "number of members", "1000")
    .option("--seed <S>", "random seed", "1")
    .option("--workers <W>", "worker threads (0 = this thread; default: one per core)")
    .option(
      "--prior <id:cv>",
      "lognormal prior around the parameter's value: id:0.3 (CV 30%) or id:gsd=1.5 (repeatable)",
      collect,
    )
    .option(
      "--priors <file>",
      "priors file (YAML/JSON): parameters (id, median, cv|gsd, lower, upper), correlations (a, b, rho), outcomes",
    )
    .option(
      "--outcome <spec>",
      'count members where observable:metric<value or >value, e.g. "survival_probability:final>0.5" (repeatable)',
      collect,
    )
    .option("--chunk <members>", "members per task (default 25)")
    .option("--set <id=value>", "override a parameter (repeatable)", collect)
    .option("--end <time>", "end time");
  addOutputOptions(cmd).option("--plot <file>", "draw the percentile bands (.svg or .png)");
  cmd.addHelpText(
    "after",
    `
Examples:
  il6sim population textbook_mouse_resection --n 1000 --prior kgrow:0.3 --outcome "tissue_mass_percent_of_preop:at=168>90"
  il6sim population scenario.yaml --n 10000 --priors priors.yaml --seed 7 --format json --out pop.json --plot bands.png`,
  );
  cmd.action(async (arg: string, o: PopulationOptions) => {
    process.exitCode = await population(arg, o);
  });
}

function integer(text: string | undefined, option: string, min: number, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min)
    throw badArgument(option, `${option} must be an integer ≥ ${min}, not "${text}".`);
  return v;
}

export async function population(arg: string, o: PopulationOptions): Promise<number> {
  checkOutputTarget(o);
  checkPlotTarget(o.plot);
  const n = integer(o.n, "--n", 1, 1000);
  const seed = integer(o.seed, "--seed", 0, 1);
  const workers = integer(o.workers, "--workers", 0, availableParallelism());
  const chunkSize = integer(o.chunk, "--chunk", 1, 25);
  const loaded = loadScenarioArg(arg, {
    ...(o.end !== undefined ? { end: spacedQuantity(o.end) } : {}),
    set: parseSets(o.set),
  });
  if (loaded.warnings.length > 0) process.stderr.write(issuesText(loaded.warnings, loaded.source));
  const { scenario, model } = loaded;

  // ---- priors and outcomes
  const compiled = compiledFor(model, scenario.organism ?? model.organisms[0], scenario.genotype);
  if (!compiled.ok) throw new BadInput(compiled.issues, loaded.source);
  const paramIds = compiled.model.network.parameters.map((p) => p.id);
  const valueOf = (id: string) =>
    scenario.parameters[id] ?? compiled.model.network.parameters.find((p) => p.id === id)?.value;
  const issues: Issue[] = [];
  const priors: LognormalPrior[] = [];
  const outcomes: OutcomeSpec[] = [];
  let correlations: { a: string; b: string; rho: number }[] | undefined;
  if (o.priors) {
    const f = readPriorsFile(o.priors, valueOf, paramIds);
    issues.push(...f.issues);
    priors.push(...f.priors.parameters);
    outcomes.push(...f.outcomes);
    correlations = f.priors.correlations ? [...f.priors.correlations] : undefined;
  }
  (o.prior ?? []).forEach((p, k) => {
    const r = parsePriorArg(p, `--prior[${k}]`, valueOf, paramIds);
    if (r.ok) priors.push(r.prior);
    else issues.push(...r.issues);
  });
  (o.outcome ?? []).forEach((p, k) => {
    const r = parseOutcome(p, `--outcome[${k}]`);
    if (r.ok) outcomes.push(r.outcome);
    else issues.push(...r.issues);
  });
  // none named: the model's documented default priors (each with its source)
  if (priors.length === 0 && issues.length === 0 && model.parameterPriors) {
    for (const d of model.parameterPriors(scenario.organism ?? model.organisms[0])) {
      const median = valueOf(d.id);
      if (median !== undefined) priors.push({ id: d.id, median, cv: d.cv, source: d.source });
    }
    if (priors.length > 0)
      process.stderr.write(
        `il6sim: using the model's default priors: ${priors.map((p) => `${p.id} (CV ${p.cv})`).join(", ")}\n`,
      );
  }
  if (priors.length === 0 && issues.length === 0)
    throw badArgument(
      "--prior",
      "No parameter varies: give --prior id:cv (repeatable) or --priors FILE.",
      "e.g. --prior k_regrowth:0.3",
    );
  if (issues.length > 0) throw new BadInput(issues, loaded.source);

  // ---- the nominal member fixes observables and times, and catches bad input before any worker starts
  const nominal = runScenario(model, scenario);
  if (!nominal.ok) throw new BadInput(nominal.issues, loaded.source);
  if (nominal.result.status !== "ok") {
    process.stderr.write(
      `il6sim: the nominal simulation failed (${nominal.result.status}): ${nominal.result.message}\n`,
    );
    return EXIT.numerical;
  }
  const observables = Object.keys(nominal.result.observables);
  const times = nominal.result.t;
  const spec: PopulationSpec = {
    n,
    seed,
    priors: { parameters: priors, ...(correlations ? { correlations } : {}) },
    observables,
    times,
    outcomes,
    chunkSize,
  };
  const invalid = validatePopulation(spec);
  if (invalid.length > 0) throw new BadInput(invalid, loaded.source);

  // ---- run
  const setup = {
    scenario,
    ...(existsSync(arg) ? { baseFile: arg } : {}),
    priors: spec.priors,
    seed,
    observables,
    nTimes: times.length,
  };
  const pool = workers > 0 ? workerPool(workers, setup) : undefined;
  const local = memberSimulator(model, scenario, observables, times.length);
  const execute: ChunkExecutor = pool
    ? pool.execute
    : async (task) => {
        await new Promise((resolve) => setImmediate(resolve)); // let Ctrl-C and progress through between chunks
        return runChunk(
          { seed, priors: spec.priors, nObservables: observables.length, nTimes: times.length },
          task,
          local,
        );
      };
  const interrupt = onInterrupt("the population");
  const bar = progress(`population ${scenario.name ?? arg}`);
  let result;
  try {
    result = await runPopulation(spec, execute, {
      concurrency: Math.max(1, 2 * workers), // two chunks per worker: one running, one queued
      shouldStop: interrupt.stopped,
      onProgress: (done, total) => bar.update(done / total, `${done}/${total}`),
    });
  } finally {
    bar.done();
    interrupt.dispose();
    await pool?.close();
  }
  if (result.status === "cancelled") {
    process.stderr.write(
      `il6sim: population cancelled after ${result.membersSimulated} members; nothing written.\n`,
    );
    return EXIT_CANCELLED;
  }
  const meta: PopulationMeta = {
    scenario: scenario.name ?? arg,
    timeUnit: model.timeUnit,
    units: nominal.result.units,
    workers,
    priors: spec.priors,
  };
  const format = outputFormat(o);
  const text =
    format === "json"
      ? JSON.stringify(populationJson(result, meta), null, 2) + "\n"
      : format === "csv"
        ? populationCsv(result)
        : populationTable(result, meta);
  if (o.plot) await writePlot(bandChart(result, meta), o.plot);
  emit(text, o.out);
  if (result.membersFailed > 0)
    process.stderr.write(
      `il6sim: ${result.membersFailed} of ${n} members failed; first: member ${result.failures[0].member}: ${result.failures[0].message}\n`,
    );
  return result.membersSimulated === 0 ? EXIT.numerical : EXIT.ok;
}
