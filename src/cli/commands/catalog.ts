/**
 * What can be named: models, scenarios, observables, drugs, genotypes, injuries. Each lists
 * every library model's catalogue (or one with --model), as a table, CSV or JSON.
 */
import type { Command } from "commander";
import { libraryModels } from "../../models/registry.js";
import type { LibraryModel } from "../../models/types.js";
import { prettyUnit } from "../../report/labels.js";
import { badArgument, EXIT } from "../errors.js";
import { didYouMean } from "../../io/scenario-file/sink.js";
import { addOutputOptions, checkOutputTarget, outputFormat } from "../options.js";
import { jsonText } from "../json.js";
import { emit } from "../output.js";
import { type Cell, renderCsv, renderTable } from "../table.js";

interface ListOptions {
  model?: string;
  organism?: string;
  format?: "table" | "csv" | "json";
  out?: string;
}

interface Listing {
  readonly name: string;
  readonly summary: string;
  readonly columns: readonly string[];
  readonly rows: (m: LibraryModel, organism?: string) => Record<string, unknown>[];
  readonly example: string;
}

const LISTINGS: readonly Listing[] = [
  {
    name: "models",
    summary: "list the library models",
    columns: ["id", "version", "organisms", "description"],
    rows: (m) => [{ id: m.id, version: m.version, organisms: m.organisms, description: m.description }],
    example: "il6sim models --format json",
  },
  {
    name: "scenarios",
    summary: "list the named scenarios (il6sim run <name> runs one)",
    columns: ["id", "model", "organism", "description"],
    rows: (m, org) =>
      m.scenarios
        .filter((s) => !org || s.scenario.organism === org)
        .map((s) => ({
          id: s.id,
          model: m.id,
          organism: s.scenario.organism ?? "",
          description: s.description,
          mirrors: s.mirrors,
        })),
    example: "il6sim scenarios --organism mouse",
  },
  {
    name: "observables",
    summary: "list the observables with their units",
    columns: ["id", "unit", "model", "description"],
    rows: (m, org) =>
      m.observables
        .filter((o) => !org || !o.organisms || o.organisms.includes(org))
        .map((o) => ({
          id: o.id,
          unit: o.unit,
          model: m.id,
          description: o.description,
          organisms: o.organisms ?? m.organisms,
        })),
    example: "il6sim observables --model textbook-pk",
  },
  {
    name: "drugs",
    summary: "list the drugs with routes, dose units and organisms",
    columns: ["id", "model", "organisms", "routes", "units", "description"],
    rows: (m, org) =>
      m.drugs
        .filter((d) => !org || d.organisms.includes(org))
        .map((d) => ({
          id: d.id,
          model: m.id,
          name: d.name,
          organisms: d.organisms,
          routes: d.routes,
          units: d.units,
          description: d.description,
        })),
    example: "il6sim drugs --organism human",
  },
  {
    name: "genotypes",
    summary: "list the genotypes (knockouts, transgenes)",
    columns: ["id", "model", "description"],
    rows: (m) => m.genotypes.map((g) => ({ id: g.id, model: m.id, description: g.description })),
    example: "il6sim genotypes",
  },
  {
    name: "injuries",
    summary: "list the injuries and their parameters",
    columns: ["id", "model", "params", "description"],
    rows: (m) =>
      m.injuries.map((i) => ({
        id: i.id,
        model: m.id,
        params: i.params.map((p) => ({
          name: p.name,
          unit: p.unit,
          min: p.min,
          max: p.max,
          description: p.description,
        })),
        description: i.description,
      })),
    example: "il6sim injuries",
  },
];

function cell(v: unknown): Cell {
  if (Array.isArray(v))
    return v
      .map((x) =>
        typeof x === "object" && x !== null && "name" in x
          ? `${(x as { name: string }).name} [${prettyUnit((x as { unit: string }).unit)}]`
          : String(x),
      )
      .join(", ");
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return v === undefined || v === null ? "" : JSON.stringify(v);
}

function models(o: ListOptions): readonly LibraryModel[] {
  const all = libraryModels();
  if (!o.model) return all;
  const m = all.filter((x) => x.id === o.model);
  if (m.length === 0)
    throw badArgument(
      "--model",
      `Unknown model "${o.model}".`,
      didYouMean(
        o.model,
        all.map((x) => x.id),
        "model",
      ),
    );
  return m;
}

function checkOrganism(o: ListOptions, ms: readonly LibraryModel[]): void {
  const orgs = [...new Set(ms.flatMap((m) => m.organisms))];
  if (o.organism !== undefined && !orgs.includes(o.organism))
    throw badArgument(
      "--organism",
      `Unknown organism "${o.organism}".`,
      didYouMean(o.organism, orgs, "organism"),
    );
}

export function register(program: Command): void {
  for (const l of LISTINGS) {
    const cmd = program
      .command(l.name)
      .summary(l.summary)
      .description(`${l.summary[0].toUpperCase()}${l.summary.slice(1)}.`);
    cmd
      .option("--model <id>", "only this library model")
      .option("--organism <name>", "only what applies to this organism");
    addOutputOptions(cmd).addHelpText("after", `\nExample:\n  ${l.example}`);
    cmd.action((o: ListOptions) => {
      checkOutputTarget(o);
      const ms = models(o);
      checkOrganism(o, ms);
      const rows = ms.flatMap((m) => l.rows(m, o.organism));
      const format = outputFormat(o);
      const text =
        format === "json"
          ? jsonText({ [l.name]: rows })
          : (format === "csv" ? renderCsv : renderTable)(
              l.columns,
              rows.map((r) => l.columns.map((c) => cell(r[c]))),
            );
      emit(text, o.out);
      process.exitCode = EXIT.ok;
    });
  }
}
