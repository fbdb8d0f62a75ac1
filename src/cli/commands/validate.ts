/**
 * il6sim validate: each library model's published observations, expected against simulated.
 * A failing row is a finding about the model, not an error of the command: the exit code is 0
 * unless --strict is given (then 1 when any row fails, as for a failed simulation).
 */
import type { Command } from "commander";
import { libraryModels } from "../../models/registry.js";
import type { LibraryModel, ValidationRow } from "../../models/types.js";
import { didYouMean } from "../../io/scenario-file/sink.js";
import { badArgument, EXIT } from "../errors.js";
import { addOutputOptions, checkOutputTarget, outputFormat } from "../options.js";
import { jsonText } from "../json.js";
import { emit } from "../output.js";
import { progress } from "../progress.js";
import { renderCsv, renderTable } from "../table.js";

interface ValidateOptions {
  organism?: string;
  model?: string;
  strict?: boolean;
  format?: "table" | "csv" | "json";
  out?: string;
}

type Validating = LibraryModel & {
  validate?: (organism?: string) => ValidationRow[] | Promise<ValidationRow[]>;
};

export function register(program: Command): void {
  const cmd = program
    .command("validate")
    .summary("compare the models with published observations")
    .description(
      "Run each library model's validation: published observations with the expected band and the simulated value. Exit code 0 even when rows fail (they are findings); use --strict to exit 1 then.",
    )
    .option("--organism <name>", "only rows for this organism")
    .option("--model <id>", "only this library model")
    .option("--strict", "exit with code 1 when any row fails");
  addOutputOptions(cmd).addHelpText(
    "after",
    `
Examples:
  il6sim validate
  il6sim validate --organism mouse --format json --out validation.json`,
  );
  cmd.action(async (o: ValidateOptions) => {
    process.exitCode = await validate(o);
  });
}

export async function validate(o: ValidateOptions): Promise<number> {
  checkOutputTarget(o);
  const all = libraryModels() as readonly Validating[];
  const models = o.model ? all.filter((m) => m.id === o.model) : all;
  if (o.model && models.length === 0)
    throw badArgument(
      "--model",
      `Unknown model "${o.model}".`,
      didYouMean(
        o.model,
        all.map((m) => m.id),
        "model",
      ),
    );
  const organisms = [...new Set(models.flatMap((m) => m.organisms))];
  if (o.organism && !organisms.includes(o.organism))
    throw badArgument(
      "--organism",
      `Unknown organism "${o.organism}".`,
      didYouMean(o.organism, organisms, "organism"),
    );

  const bar = progress("validate");
  const rows: (ValidationRow & { model: string })[] = [];
  const withRows = models.filter(
    (m) => typeof m.validate === "function" && (!o.organism || m.organisms.includes(o.organism)),
  );
  for (const [k, m] of withRows.entries()) {
    bar.update(k / withRows.length, m.id);
    // a model may take the organism to validate only its rows; the filter below covers the rest
    const got = await m.validate!(o.organism);
    rows.push(
      ...got.filter((r) => !o.organism || r.organism === o.organism).map((r) => ({ model: m.id, ...r })),
    );
  }
  bar.done();
  const passed = rows.filter((r) => r.pass).length;
  const failed = rows.length - passed;
  const format = outputFormat(o);
  const headers = ["id", "model", "organism", "observation", "expected", "simulated", "pass"];
  const cells = rows.map((r) => [
    r.id,
    r.model,
    r.organism,
    r.observation,
    r.expected,
    typeof r.simulated === "number" ? `${r.simulated} ${r.unit}` : r.simulated,
    r.pass ? "pass" : "FAIL",
  ]);
  const text =
    format === "json"
      ? jsonText({ rows, passed, failed })
      : format === "csv"
        ? renderCsv(
            [...headers, "source", "note"],
            rows.map((r, i) => [...cells[i].slice(0, 6), r.pass, r.source, r.note ?? ""]),
          )
        : `${renderTable(
            headers,
            cells.map((c) => c.map((x, j) => (j === 3 || j === 4 ? clip(x, j === 3 ? 70 : 40) : x))),
          )}\n${passed} of ${rows.length} rows pass (the full text: --format json or csv)\n`;
  emit(text, o.out);
  return o.strict && failed > 0 ? EXIT.numerical : EXIT.ok;
}

/** Long cells cut for a terminal table (json and csv keep the full text). */
function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
