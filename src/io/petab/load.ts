/**
 * loadPetab(path): a PEtab v1 problem (the YAML file, or a folder holding exactly one) ->
 * the estimation problem, the SBML model compiled into a SimulationModel, and issues (file and
 * line) for everything that could not be read, all at once. Problems from the PEtab benchmark
 * collection load as long as their SBML is within what il6sim imports (issues say otherwise).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { compileNetwork, type CompiledModel } from "../../core/compile/index.js";
import type { EstimationProblem } from "../../core/estimate/problem.js";
import { compiledSimulationModel, type SimulationModel } from "../../core/estimate/simulation-model.js";
import type { Locator, TableKind } from "../../core/estimate/validate.js";
import { type Issue, hasErrors, issue } from "../../core/issues.js";
import { importSbml } from "../sbml/import.js";
import { readConditions, readMeasurements, readObservables, readParameters } from "./tables.js";
import { parseTsv, type TsvTable } from "./tsv.js";

export interface PetabLoadResult {
  readonly ok: boolean;
  readonly issues: Issue[];
  readonly problem?: EstimationProblem;
  readonly model?: SimulationModel;
  readonly compiled?: CompiledModel;
  readonly sbmlPath?: string;
  /** Maps table rows to file and line, for validateProblem/fitProblem. */
  readonly locate?: Locator;
}

interface PetabYaml {
  format_version?: number | string;
  parameter_file?: string | string[];
  problems?: {
    sbml_files?: string[];
    condition_files?: string[];
    measurement_files?: string[];
    observable_files?: string[];
  }[];
}

function findYaml(path: string, issues: Issue[]): string | undefined {
  if (!existsSync(path)) {
    issues.push(
      issue("file-not-found", path, "No such file or folder.", {
        hint: "Give a PEtab problem YAML file or the folder that holds it.",
      }),
    );
    return undefined;
  }
  if (!statSync(path).isDirectory()) return path;
  const yamls = readdirSync(path).filter((f) => /\.ya?ml$/i.test(f));
  if (yamls.length === 1) return join(path, yamls[0]);
  issues.push(
    issue(
      "petab-yaml",
      path,
      yamls.length === 0
        ? "The folder holds no PEtab YAML file."
        : `The folder holds ${yamls.length} YAML files (${yamls.join(", ")}).`,
      {
        hint: "Give the problem YAML file itself.",
      },
    ),
  );
  return undefined;
}

function readText(path: string, issues: Issue[]): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    issues.push(
      issue(
        "file-not-readable",
        path,
        `Cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
      ),
    );
    return undefined;
  }
}

const asList = (x: string | string[] | undefined): string[] =>
  x === undefined ? [] : Array.isArray(x) ? x : [x];

export function loadPetab(path: string, options: { rtol?: number; atol?: number } = {}): PetabLoadResult {
  const issues: Issue[] = [];
  const yamlPath = findYaml(path, issues);
  if (!yamlPath) return { ok: false, issues };
  const text = readText(yamlPath, issues);
  if (text === undefined) return { ok: false, issues };
  let doc: PetabYaml;
  try {
    doc = (parseYaml(text) ?? {}) as PetabYaml;
  } catch (err) {
    return {
      ok: false,
      issues: [issue("yaml-syntax", yamlPath, `Not valid YAML: ${(err as Error).message}`)],
    };
  }
  if (String(doc.format_version ?? "") !== "1")
    issues.push(
      issue("petab-version", yamlPath, `format_version is ${JSON.stringify(doc.format_version)}.`, {
        hint: "il6sim reads PEtab v1 (format_version: 1).",
        severity: doc.format_version === undefined ? "error" : "warning",
      }),
    );
  const sub = doc.problems?.[0];
  if (!sub)
    return {
      ok: false,
      issues: [
        ...issues,
        issue("petab-yaml", yamlPath, "No problems: entry.", {
          hint: "PEtab v1 lists sbml_files, condition_files, measurement_files and observable_files under problems:.",
        }),
      ],
    };
  if ((doc.problems?.length ?? 0) > 1)
    issues.push(
      issue("petab-yaml", yamlPath, "Only the first of several problems is read.", { severity: "warning" }),
    );
  const dir = dirname(resolve(yamlPath));

  const tables = (files: string[] | undefined, what: string): TsvTable[] => {
    if (!files || files.length === 0) {
      issues.push(issue("petab-yaml", yamlPath, `No ${what} file is listed.`));
      return [];
    }
    return files.flatMap((f) => {
      const t = readText(join(dir, f), issues);
      return t === undefined ? [] : [parseTsv(t, f, issues)];
    });
  };
  const paramTables = tables(asList(doc.parameter_file), "parameter");
  const obsTables = tables(sub.observable_files, "observable");
  const condTables = tables(sub.condition_files, "condition");
  const measTables = tables(sub.measurement_files, "measurement");

  // rows of all files of a kind, with their file and line, in order
  const where = new Map<TableKind, { file: string; line: number }[]>();
  const collect = <T>(kind: TableKind, ts: TsvTable[], read: (t: TsvTable, i: Issue[]) => T[]): T[] => {
    const rows: { file: string; line: number }[] = [];
    const out = ts.flatMap((t) => {
      rows.push(...t.rows.map((r) => ({ file: t.file, line: r.line })));
      return read(t, issues);
    });
    where.set(kind, rows);
    return out;
  };
  const problem: EstimationProblem = {
    id: yamlPath.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/i, ""),
    parameters: collect("parameters", paramTables, readParameters),
    observables: collect("observables", obsTables, readObservables),
    conditions: collect("conditions", condTables, readConditions),
    measurements: collect("measurements", measTables, readMeasurements),
  };
  const locate: Locator = (table, row, field) => {
    const w = where.get(table)?.[row];
    return w ? { path: `${w.file} (${field})`, line: w.line } : { path: `${table}[${row}].${field}` };
  };

  const sbmlFiles = sub.sbml_files ?? [];
  if (sbmlFiles.length !== 1) {
    issues.push(
      issue("petab-yaml", yamlPath, `${sbmlFiles.length} SBML files are listed.`, {
        hint: "List exactly one model under sbml_files.",
      }),
    );
    return { ok: false, issues, problem, locate };
  }
  const sbmlPath = join(dir, sbmlFiles[0]);
  const sbmlText = readText(sbmlPath, issues);
  if (sbmlText === undefined) return { ok: false, issues, problem, locate };
  const imported = importSbml(sbmlText, { file: sbmlFiles[0] });
  issues.push(...imported.issues, ...imported.warnings);
  if (!imported.ok || !imported.network) return { ok: false, issues, problem, locate, sbmlPath };
  const compiled = compileNetwork(imported.network);
  if (!compiled.ok) return { ok: false, issues: [...issues, ...compiled.issues], problem, locate, sbmlPath };
  const model = compiledSimulationModel(compiled.model, {
    rtol: options.rtol ?? 1e-8,
    atol: options.atol ?? 1e-12,
  });
  return { ok: !hasErrors(issues), issues, problem, model, compiled: compiled.model, sbmlPath, locate };
}
