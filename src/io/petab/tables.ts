/**
 * PEtab v1 tables -> the estimation problem's parts (core/estimate/problem.ts), collecting an
 * issue (with file and line) for every cell that cannot be read. Formulas are parsed into the
 * expression AST (never evaluated as code).
 */
import type {
  ConditionSpec,
  MeasurementSpec,
  ObservableSpec,
  ParameterPrior,
  ParameterRef,
  ParameterScale,
  ParameterSpec,
} from "../../core/estimate/problem.js";
import { parseExpr } from "../../core/expr/index.js";
import { type Expr, num } from "../../core/expr/ast.js";
import { type Issue, issue } from "../../core/issues.js";
import { parseNumber, requireColumns, type TsvRow, type TsvTable } from "./tsv.js";

const SCALES = ["lin", "log", "log10"];
const PRIORS = [
  "normal",
  "laplace",
  "uniform",
  "parameterScaleNormal",
  "parameterScaleLaplace",
  "parameterScaleUniform",
  "logNormal",
];

function cellIssue(t: TsvTable, row: TsvRow, column: string, message: string, hint?: string): Issue {
  return issue("bad-cell", `${t.file} (${column})`, message, { line: row.line, ...(hint ? { hint } : {}) });
}

function num_(t: TsvTable, row: TsvRow, column: string, issues: Issue[], fallback?: number): number {
  const raw = row.cells[column] ?? "";
  const v = parseNumber(raw);
  if (v === undefined) {
    if (fallback !== undefined && raw === "") return fallback;
    issues.push(cellIssue(t, row, column, `"${raw}" is not a number.`));
    return NaN;
  }
  return v;
}

function formula(t: TsvTable, row: TsvRow, column: string, issues: Issue[], fallback: Expr): Expr {
  const raw = row.cells[column] ?? "";
  if (raw === "") return fallback;
  const r = parseExpr(raw, `${t.file} (${column})`);
  if (r.ok) return r.expr;
  issues.push(...r.issues.map((i) => ({ ...i, line: row.line })));
  return num(NaN);
}

export function readParameters(t: TsvTable, issues: Issue[]): ParameterSpec[] {
  if (
    !requireColumns(
      t,
      ["parameterId", "parameterScale", "lowerBound", "upperBound", "nominalValue", "estimate"],
      issues,
    )
  )
    return [];
  return t.rows.map((row) => {
    const c = row.cells;
    let scale = c.parameterScale as ParameterScale;
    if (!SCALES.includes(scale)) {
      issues.push(
        cellIssue(
          t,
          row,
          "parameterScale",
          `Unknown scale "${c.parameterScale}".`,
          "Allowed: lin, log, log10.",
        ),
      );
      scale = "lin";
    }
    const estimate = c.estimate === "1";
    if (c.estimate !== "0" && c.estimate !== "1")
      issues.push(cellIssue(t, row, "estimate", `estimate is "${c.estimate}".`, "Use 0 or 1."));
    const fixedBound = estimate ? undefined : -Infinity;
    let prior: ParameterPrior | undefined;
    const pt = c.objectivePriorType ?? "";
    if (pt !== "") {
      const ps = (c.objectivePriorParameters ?? "").split(";").map((x) => parseNumber(x.trim()));
      if (!PRIORS.includes(pt))
        issues.push(
          cellIssue(
            t,
            row,
            "objectivePriorType",
            `Unsupported prior "${pt}".`,
            `Supported: ${PRIORS.join(", ")}.`,
          ),
        );
      else if (ps.length !== 2 || ps.some((x) => x === undefined || !Number.isFinite(x)))
        issues.push(
          cellIssue(t, row, "objectivePriorParameters", `A ${pt} prior needs two numbers separated by ";".`),
        );
      else prior = { type: pt as ParameterPrior["type"], parameters: [ps[0]!, ps[1]!] };
    }
    const lower = num_(t, row, "lowerBound", issues, fixedBound);
    return {
      id: c.parameterId,
      ...(c.parameterName ? { name: c.parameterName } : {}),
      scale,
      lower,
      upper: num_(t, row, "upperBound", issues, estimate ? undefined : Infinity),
      nominal: num_(t, row, "nominalValue", issues),
      estimate,
      ...(prior ? { prior } : {}),
    };
  });
}

export function readObservables(t: TsvTable, issues: Issue[]): ObservableSpec[] {
  if (!requireColumns(t, ["observableId", "observableFormula", "noiseFormula"], issues)) return [];
  return t.rows.map((row) => {
    const c = row.cells;
    let transformation = (c.observableTransformation || "lin") as ParameterScale;
    if (!SCALES.includes(transformation)) {
      issues.push(
        cellIssue(
          t,
          row,
          "observableTransformation",
          `Unknown transformation "${transformation}".`,
          "Allowed: lin, log, log10.",
        ),
      );
      transformation = "lin";
    }
    let distribution = (c.noiseDistribution || "normal") as ObservableSpec["distribution"];
    if (distribution !== "normal" && distribution !== "laplace") {
      issues.push(
        cellIssue(
          t,
          row,
          "noiseDistribution",
          `Unknown noise distribution "${distribution}".`,
          "Allowed: normal, laplace.",
        ),
      );
      distribution = "normal";
    }
    return {
      id: c.observableId,
      ...(c.observableName ? { name: c.observableName } : {}),
      formula: formula(t, row, "observableFormula", issues, num(NaN)),
      noiseFormula: formula(t, row, "noiseFormula", issues, num(1)),
      transformation,
      distribution,
    };
  });
}

export function readConditions(t: TsvTable, issues: Issue[]): ConditionSpec[] {
  if (!requireColumns(t, ["conditionId"], issues)) return [];
  const targets = t.columns.filter((c) => c !== "conditionId" && c !== "conditionName" && c !== "");
  return t.rows.map((row) => {
    const changes: Record<string, number | string> = {};
    for (const target of targets) {
      const raw = row.cells[target] ?? "";
      if (raw === "") continue;
      const v = parseNumber(raw);
      changes[target] = v ?? raw;
    }
    return {
      id: row.cells.conditionId,
      ...(row.cells.conditionName ? { name: row.cells.conditionName } : {}),
      changes,
    };
  });
}

function refs(raw: string | undefined): ParameterRef[] {
  if (!raw) return [];
  return raw.split(";").map((x) => {
    const s = x.trim();
    const v = parseNumber(s);
    return v ?? s;
  });
}

export function readMeasurements(t: TsvTable, issues: Issue[]): MeasurementSpec[] {
  if (!requireColumns(t, ["observableId", "simulationConditionId", "measurement", "time"], issues)) return [];
  return t.rows.map((row) => {
    const c = row.cells;
    return {
      observableId: c.observableId,
      simulationConditionId: c.simulationConditionId,
      ...(c.preequilibrationConditionId
        ? { preequilibrationConditionId: c.preequilibrationConditionId }
        : {}),
      time: num_(t, row, "time", issues),
      value: num_(t, row, "measurement", issues),
      observableParameters: refs(c.observableParameters),
      noiseParameters: refs(c.noiseParameters),
      ...(c.datasetId ? { datasetId: c.datasetId } : {}),
      ...(c.replicateId ? { replicateId: c.replicateId } : {}),
    };
  });
}
