/**
 * il6sim's own estimation problem file (YAML/JSON), for library-model scenarios and tabular
 * data such as ../shared/data/rat-liver-volume: which parameters to estimate (with bounds and
 * scale), observable formulas over the library's observables with a noise model, and a CSV
 * read by column names, optionally one condition per value of a column (e.g. per animal)
 * with per-condition copies of some parameters.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import type {
  ConditionSpec,
  EstimationProblem,
  MeasurementSpec,
  ParameterSpec,
} from "../../core/estimate/problem.js";
import { num, sym } from "../../core/expr/ast.js";
import { parseExpr } from "../../core/expr/index.js";
import { type Issue, issue, suggestion } from "../../core/issues.js";

export interface ProblemFile {
  scenario?: string;
  parameters?: {
    id: string;
    lower: number;
    upper: number;
    scale?: "lin" | "log" | "log10";
    nominal?: number;
    estimate?: boolean;
  }[];
  observables?: {
    id: string;
    formula: string;
    sigma: number | string;
    transformation?: "lin" | "log" | "log10";
    distribution?: "normal" | "laplace";
  }[];
  data?: {
    file: string;
    observable: string;
    time: string;
    value: string;
    condition?: string;
    where?: Record<string, string | number | (string | number)[]>;
    min_time?: number;
    max_time?: number;
  };
  per_condition?: string[];
}

/** RFC 4180-ish CSV: header row, quoted fields allowed. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const rows: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      if (row.some((x) => x !== "")) rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return { header: rows[0] ?? [], rows: rows.slice(1) };
}

export interface LoadedProblemFile {
  readonly file: ProblemFile;
  readonly problem?: EstimationProblem;
  readonly issues: Issue[];
}

/** Read the file; `modelValue` gives nominal values of model parameters (the scenario's). */
export function readProblemFile(
  path: string,
  modelValue: (id: string) => number | undefined,
  modelIds: readonly string[],
): LoadedProblemFile {
  const issues: Issue[] = [];
  let file: ProblemFile;
  try {
    file = (parseYaml(readFileSync(path, "utf8")) ?? {}) as ProblemFile;
  } catch (err) {
    return {
      file: {},
      issues: [issue("file-not-readable", path, `Cannot read the problem file: ${(err as Error).message}`)],
    };
  }
  const at = (p: string, m: string, hint?: string) =>
    issues.push(issue("bad-problem", `${path}: ${p}`, m, hint ? { hint } : {}));
  const d = file.data;
  if (!d)
    at(
      "data",
      "No data: section.",
      "Give data: { file, observable, time, value } (column names of a CSV file).",
    );
  if (!file.parameters?.length) at("parameters", "No parameters to estimate.");
  if (!file.observables?.length) at("observables", "No observables.");
  if (!d || !file.parameters?.length || !file.observables?.length) return { file, issues };

  let csv: { header: string[]; rows: string[][] };
  try {
    csv = parseCsv(readFileSync(resolve(dirname(path), d.file), "utf8"));
  } catch (err) {
    return {
      file,
      issues: [
        ...issues,
        issue(
          "file-not-readable",
          `${path}: data.file`,
          `Cannot read "${d.file}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
          { hint: "The path is relative to the problem file." },
        ),
      ],
    };
  }
  const col = (name: string | undefined, what: string) => {
    if (name === undefined) return -1;
    const k = csv.header.indexOf(name);
    if (k < 0)
      at(`data.${what}`, `The data file has no column "${name}".`, suggestion(name, csv.header, "column"));
    return k;
  };
  const [ti, vi, ci] = [col(d.time, "time"), col(d.value, "value"), col(d.condition, "condition")];
  const filters = Object.entries(d.where ?? {}).map(([c, v]) => ({
    k: col(c, `where.${c}`),
    allowed: (Array.isArray(v) ? v : [v]).map(String),
  }));
  if (!file.observables.some((o) => o.id === d.observable))
    at(
      "data.observable",
      `Unknown observable "${d.observable}".`,
      suggestion(
        d.observable,
        file.observables.map((o) => o.id),
        "observable",
      ),
    );
  if (issues.length > 0) return { file, issues };

  const measurements: MeasurementSpec[] = [];
  for (const r of csv.rows) {
    if (!filters.every((f) => f.allowed.includes(r[f.k]))) continue;
    const time = Number(r[ti]);
    const value = r[vi] === "" ? NaN : Number(r[vi]);
    if (!Number.isFinite(time) || !Number.isFinite(value)) continue; // missing values are skipped
    if ((d.min_time !== undefined && time < d.min_time) || (d.max_time !== undefined && time > d.max_time))
      continue;
    measurements.push({
      observableId: d.observable,
      simulationConditionId: ci >= 0 ? r[ci] : "all",
      time,
      value,
      observableParameters: [],
      noiseParameters: [],
    });
  }
  const condIds = [...new Set(measurements.map((m) => m.simulationConditionId))];
  const per = file.per_condition ?? [];
  for (const id of per)
    if (!file.parameters.some((p) => p.id === id))
      at("per_condition", `"${id}" is not among the parameters.`);

  const parameters: ParameterSpec[] = [];
  for (const [k, p] of file.parameters.entries()) {
    const nominal = p.nominal ?? modelValue(p.id);
    if (nominal === undefined) {
      at(
        `parameters[${k}]`,
        `"${p.id}" is not a model parameter, so it needs a nominal value.`,
        suggestion(p.id, modelIds, "parameter"),
      );
      continue;
    }
    const spec: ParameterSpec = {
      id: p.id,
      scale: p.scale ?? "log10",
      lower: p.lower,
      upper: p.upper,
      nominal,
      estimate: p.estimate ?? true,
    };
    if (per.includes(p.id)) for (const c of condIds) parameters.push({ ...spec, id: `${p.id}__${c}` });
    else parameters.push(spec);
  }
  const conditions: ConditionSpec[] = condIds.map((c) => ({
    id: c,
    changes: Object.fromEntries(per.map((p) => [p, `${p}__${c}`])),
  }));
  const observables = file.observables.map((o, k) => {
    const f = parseExpr(o.formula, `${path}: observables[${k}].formula`);
    if (!f.ok) issues.push(...f.issues);
    return {
      id: o.id,
      formula: f.ok ? f.expr : num(NaN),
      noiseFormula: typeof o.sigma === "number" ? num(o.sigma) : sym(o.sigma),
      transformation: o.transformation ?? "lin",
      distribution: o.distribution ?? "normal",
    };
  });
  return {
    file,
    issues,
    problem: {
      id: path.replace(/^.*[\\/]/, "").replace(/\.(ya?ml|json)$/i, ""),
      parameters,
      observables,
      conditions,
      measurements,
    },
  };
}
