/**
 * il6sim fit <problem.yaml | petab-dir>: estimate parameters from data. A PEtab v1 problem
 * (YAML with format_version, or its folder) is read with io/petab; an il6sim problem file
 * (scenario + parameters + observables + CSV data) fits a library-model scenario.
 * Output: parameters with CIs (profile or Wald), fit statistics, residuals; plots of the fit.
 * The fit runs synchronously, so Ctrl-C ends the process at once (Node's default); outputs are
 * written only at the end, atomically, so nothing half-written is left.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { type FitOptions, type FitReport, fitProblem } from "../../core/estimate/index.js";
import type { EstimationProblem } from "../../core/estimate/problem.js";
import type { SimulationModel } from "../../core/estimate/simulation-model.js";
import type { Locator } from "../../core/estimate/validate.js";
import { issue } from "../../core/issues.js";
import { loadPetab } from "../../io/petab/index.js";
import { compiledFor } from "../../models/run.js";
import { BadInput, badArgument, EXIT, issuesText } from "../errors.js";
import { loadScenarioArg } from "../models.js";
import { addOutputOptions, checkOutputTarget, outputFormat } from "../options.js";
import { emit } from "../output.js";
import { checkPlotTarget, writePlot } from "../plot.js";
import { progress } from "../progress.js";
import { readProblemFile } from "./fit-problem-file.js";
import { fitChart, fitTable, residualsCsv } from "./fit-report.js";
import { scenarioSimulationModel } from "./fit-scenario.js";

export interface FitCommandOptions {
  starts?: string;
  seed?: string;
  optimizer?: "lm" | "cmaes";
  profile?: string;
  format?: "table" | "csv" | "json";
  out?: string;
  plot?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command("fit")
    .argument(
      "<problem>",
      "a PEtab v1 problem (YAML or its folder), or an il6sim problem file (scenario + data)",
    )
    .summary("estimate parameters from data")
    .description(
      "Maximum-likelihood estimation: multi-start Levenberg–Marquardt from seeded Latin-hypercube starts (or CMA-ES), confidence intervals from profile likelihoods (or the Fisher information), residuals and plots.",
    )
    .option("--starts <n>", "local optimisations from the nominal point plus Latin-hypercube starts", "10")
    .option("--seed <s>", "random seed", "1")
    .option(
      "--optimizer <name>",
      "lm (multi-start Levenberg–Marquardt) or cmaes (global, then LM polish)",
      "lm",
    )
    .option("--profile <ids>", "profile likelihood CIs: all, none, or comma-separated parameter ids", "all");
  addOutputOptions(cmd).option("--plot <file>", "data vs fit, residuals and profiles (.svg or .png)");
  cmd.addHelpText(
    "after",
    `
Examples:
  il6sim fit test/fixtures/petab/conversion_reaction
  il6sim fit rat-volume.yaml --starts 20 --format json --out fit.json --plot fit.png`,
  );
  cmd.action(async (arg: string, o: FitCommandOptions) => {
    process.exitCode = await fit(arg, o);
  });
}

interface Loaded {
  problem: EstimationProblem;
  model: SimulationModel;
  locate?: Locator;
}

function isPetab(path: string): boolean {
  if (statSync(path).isDirectory()) return true;
  try {
    const doc = parseYaml(readFileSync(path, "utf8")) as Record<string, unknown> | null;
    return !!doc && ("format_version" in doc || "problems" in doc);
  } catch {
    return false;
  }
}

function load(path: string): Loaded {
  if (!existsSync(path))
    throw badArgument(
      path,
      `"${path}" does not exist.`,
      "Give a PEtab problem (YAML or folder) or an il6sim problem file.",
    );
  if (isPetab(path)) {
    const r = loadPetab(path);
    if (!r.ok || !r.problem || !r.model) throw new BadInput(r.issues, path);
    const warnings = r.issues.filter((i) => i.severity === "warning");
    if (warnings.length) process.stderr.write(issuesText(warnings, path));
    return { problem: r.problem, model: r.model, ...(r.locate ? { locate: r.locate } : {}) };
  }
  const head = parseYaml(readFileSync(path, "utf8")) as { scenario?: string } | null;
  if (!head?.scenario)
    throw new BadInput(
      [
        issue(
          "bad-problem",
          path,
          "An il6sim problem file needs scenario: (a named scenario or scenario file).",
          { hint: "For PEtab, give the YAML with format_version: 1." },
        ),
      ],
      path,
    );
  // a scenario file is relative to the problem file; anything else is a named scenario
  const rel = resolve(dirname(path), head.scenario);
  const sc = loadScenarioArg(existsSync(rel) ? rel : head.scenario);
  const compiled = compiledFor(sc.model, sc.scenario.organism ?? sc.model.organisms[0], sc.scenario.genotype);
  if (!compiled.ok) throw new BadInput(compiled.issues, path);
  const params = compiled.model.network.parameters;
  const r = readProblemFile(
    path,
    (id) => sc.scenario.parameters[id] ?? params.find((p) => p.id === id)?.value,
    params.map((p) => p.id),
  );
  if (!r.problem || r.issues.some((i) => i.severity === "error")) throw new BadInput(r.issues, path);
  const m = scenarioSimulationModel(sc.model, sc.scenario);
  if (!m.ok) throw new BadInput([issue("bad-model", path, m.message)], path);
  return { problem: r.problem, model: m.model };
}

export async function fit(arg: string, o: FitCommandOptions): Promise<number> {
  checkOutputTarget(o);
  checkPlotTarget(o.plot);
  const starts = Number(o.starts ?? 10);
  const seed = Number(o.seed ?? 1);
  if (!Number.isInteger(starts) || starts < 1)
    throw badArgument("--starts", `--starts must be a positive integer, not "${o.starts}".`);
  if (!Number.isInteger(seed)) throw badArgument("--seed", `--seed must be an integer, not "${o.seed}".`);
  if (o.optimizer && o.optimizer !== "lm" && o.optimizer !== "cmaes")
    throw badArgument("--optimizer", `Unknown optimiser "${o.optimizer}".`, "Use lm or cmaes.");
  const { problem, model, locate } = load(arg);
  const profile = o.profile ?? "all";
  const profiles: FitOptions["profiles"] =
    profile === "all"
      ? true
      : profile === "none"
        ? false
        : profile
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean);

  const bar = progress(`fit ${problem.id ?? arg}`);
  let report: FitReport;
  try {
    report = fitProblem(problem, model, {
      starts,
      seed,
      optimizer: o.optimizer ?? "lm",
      profiles,

      ...(locate ? { locate } : {}),
      onProgress: (p) =>
        bar.update(
          p.total > 0 ? p.done / p.total : 0,
          `${p.message}, best −log L ${p.bestNll.toPrecision(6)}`,
        ),
    });
  } finally {
    bar.done();
  }
  if (report.status === "invalid") throw new BadInput(report.issues, arg);
  const notes = report.issues.filter((i) => i.severity === "warning" || report.status !== "ok");
  if (notes.length) process.stderr.write(issuesText(notes, arg));
  const format = outputFormat(o);
  const text =
    format === "json"
      ? JSON.stringify(report, null, 2) + "\n"
      : format === "csv"
        ? residualsCsv(report)
        : fitTable(report);
  if (o.plot && report.residuals.length > 0) await writePlot(fitChart(report), o.plot);
  emit(text, o.out);
  return report.status === "ok" ? EXIT.ok : EXIT.numerical;
}
