/**
 * il6sim export <model | scenario>: a library model as SBML (L3V2), or a scenario (named or a
 * file) as the resolved scenario file (YAML), ready to edit and run.
 */
import type { Command } from "commander";
import { Option } from "commander";
import { exportSbml } from "../../io/sbml/export/index.js";
import { toScenarioYaml } from "../../io/scenario-file/index.js";
import { didYouMean } from "../../io/scenario-file/sink.js";
import { libraryModels, modelById } from "../../models/registry.js";
import { BadInput, badArgument, EXIT, issuesText } from "../errors.js";
import { allNamedScenarios, loadScenarioArg } from "../models.js";
import { checkTarget, emit } from "../output.js";

interface ExportOptions {
  format?: "sbml" | "yaml";
  organism?: string;
  genotype?: string;
  out?: string;
}

export function register(program: Command): void {
  program
    .command("export")
    .argument("<what>", "a library model id (exported as SBML) or a scenario (exported as YAML)")
    .summary("write a model as SBML, or a scenario as an editable YAML file")
    .description(
      "Write a library model as SBML Level 3 Version 2 (for one organism and genotype), or a named scenario or scenario file as the resolved scenario file with every default filled in.",
    )
    .addOption(
      new Option(
        "--format <format>",
        "sbml for models, yaml for scenarios (default: by what is named)",
      ).choices(["sbml", "yaml"]),
    )
    .option("--organism <name>", "parameter set of the exported model (default: the model's first)")
    .option("--genotype <ids>", "comma-separated genotype ids applied to the exported model")
    .option("--out <file>", "write to a file (atomically) instead of stdout")
    .addHelpText(
      "after",
      `
Examples:
  il6sim export textbook-pk --format sbml --organism mouse --out textbook-pk-mouse.xml
  il6sim export textbook_mouse_resection > my-scenario.yaml   (then edit and: il6sim run my-scenario.yaml)`,
    )
    .action((what: string, o: ExportOptions) => {
      if (o.out !== undefined) checkTarget(o.out, "--out");
      const model = modelById(what);
      const format = o.format ?? (model.ok ? "sbml" : "yaml");
      if (format === "sbml") {
        if (!model.ok) {
          const ids = libraryModels().map((m) => m.id);
          throw badArgument(
            "<what>",
            `Unknown model "${what}".`,
            `${didYouMean(what, ids, "model")} SBML export takes a library model id.`,
          );
        }
        const lib = model.model;
        const organism = o.organism ?? lib.organisms[0];
        if (!lib.organisms.includes(organism))
          throw badArgument(
            "--organism",
            `Unknown organism "${organism}" for ${lib.id}.`,
            didYouMean(organism, lib.organisms, "organism"),
          );
        const genotype = o.genotype
          ? o.genotype
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : [];
        const net = lib.network(organism, genotype);
        if (!net.ok) throw new BadInput(net.issues, lib.id);
        const r = exportSbml(net.network);
        if (r.warnings.length > 0) process.stderr.write(issuesText(r.warnings, `${lib.id} (SBML export)`));
        emit(r.xml.endsWith("\n") ? r.xml : `${r.xml}\n`, o.out);
        process.exitCode = EXIT.ok;
        return;
      }
      if (model.ok)
        throw badArgument(
          "--format",
          `"${what}" is a model; export it as sbml, or name a scenario to export as yaml.`,
          `Named scenarios: ${
            allNamedScenarios()
              .filter((x) => x.model.id === what)
              .map((x) => x.named.id)
              .join(", ") || "none"
          }.`,
        );
      const loaded = loadScenarioArg(what);
      emit(toScenarioYaml(loaded.scenario, loaded.model.timeUnit), o.out);
      process.exitCode = EXIT.ok;
    });
}
