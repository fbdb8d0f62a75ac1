/** il6sim run <scenario.yaml | named-scenario | model.xml>: one simulation, summarised. */
import type { Command } from "commander";
import { runScenario } from "../../models/run.js";
import { BadInput, EXIT, issuesText } from "../errors.js";
import { loadScenarioArg } from "../models.js";
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
import { chartOf, type NamedResult, runCsv, runJson, runTable } from "../run-report.js";

interface RunOptions {
  set?: string[];
  end?: string;
  every?: string;
  observe?: string;
  format?: "table" | "csv" | "json";
  out?: string;
  plot?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command("run")
    .argument("<scenario>", "a scenario file (.yaml/.json), a named scenario, or an SBML model (.xml)")
    .summary("simulate one scenario")
    .description(
      "Simulate one scenario and print a summary (table), the time course (csv) or everything (json).",
    )
    .option("--set <id=value>", "override a parameter, in its own unit or with a unit (repeatable)", collect)
    .option("--end <time>", 'end time, e.g. "336 h" or 14d (required for SBML models)')
    .option("--every <time>", "output step for an SBML model (default: about 500 points)")
    .option("--observe <ids>", "comma-separated ids to report for an SBML model (default: all)");
  addOutputOptions(cmd).option("--plot <file>", "also draw the time courses (.svg or .png)");
  cmd.addHelpText(
    "after",
    `
Examples:
  il6sim run textbook_mouse_resection
  il6sim run textbook_iv_10mgkg --format json --out result.json --plot result.png
  il6sim run my-scenario.yaml --set kon=0.5 --end 14d --format csv
  il6sim run model.xml --end 100 --every 1 --observe S1,S2 --format csv`,
  );
  cmd.action(async (arg: string, o: RunOptions) => {
    process.exitCode = await run(arg, o);
  });
}

export async function run(arg: string, o: RunOptions): Promise<number> {
  checkOutputTarget(o);
  checkPlotTarget(o.plot);
  const loaded = loadScenarioArg(
    arg,
    { ...(o.end !== undefined ? { end: spacedQuantity(o.end) } : {}), set: parseSets(o.set) },
    {
      ...(o.every !== undefined ? { every: String(spacedQuantity(o.every)) } : {}),
      ...(o.observe
        ? {
            observe: o.observe
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : {}),
    },
  );
  if (loaded.warnings.length > 0) process.stderr.write(issuesText(loaded.warnings, loaded.source));
  const bar = progress(`run ${loaded.scenario.name ?? arg}`);
  const outcome = runScenario(loaded.model, loaded.scenario, { onProgress: (f) => bar.update(f) });
  bar.done();
  if (!outcome.ok) {
    // no pre-injury steady state is a numerical failure of the model, not bad input
    if (!outcome.issues.every((i) => i.code === "no-steady-state"))
      throw new BadInput(outcome.issues, loaded.source);
    process.stderr.write(issuesText(outcome.issues, loaded.source));
    return EXIT.numerical;
  }
  const named: NamedResult = {
    name: loaded.scenario.name ?? arg,
    model: loaded.model,
    result: outcome.result,
  };
  const format = outputFormat(o);
  const text =
    format === "json" ? jsonText(runJson(named)) : format === "csv" ? runCsv(named) : runTable(named);
  if (o.plot) {
    const s = loaded.scenario;
    const subtitle = [
      loaded.model.version === "sbml" ? "SBML model" : loaded.model.id,
      s.organism !== "default" ? s.organism : undefined,
      s.genotype.join("+") || undefined,
    ]
      .filter(Boolean)
      .join(" · ");
    await writePlot(chartOf([named], named.name, subtitle), o.plot);
  }
  emit(text, o.out);
  if (outcome.result.status !== "ok") {
    process.stderr.write(
      `il6sim: the simulation failed (${outcome.result.status}): ${outcome.result.message}\n`,
    );
    return EXIT.numerical;
  }
  return EXIT.ok;
}
