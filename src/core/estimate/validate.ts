/**
 * Every problem with an estimation problem, all at once: unknown observables, conditions and
 * ids, bounds that exclude the start, non-positive values on a log scale, placeholders without
 * values. Paths name the table, row and column (io/petab maps them to file and line).
 */
import { symbols } from "../expr/ast.js";
import { type Issue, issue, suggestion } from "../issues.js";
import type { EstimationProblem, ParameterRef } from "./problem.js";
import type { SimulationModel } from "./simulation-model.js";

export type TableKind = "parameters" | "observables" | "conditions" | "measurements";

/** Where a table row lives; io/petab returns file and line. */
export type Locator = (table: TableKind, row: number, field: string) => { path: string; line?: number };

const defaultLocator: Locator = (table, row, field) => ({ path: `${table}[${row}].${field}` });

export const placeholderPattern = (kind: "observable" | "noise", obsId: string) =>
  new RegExp(`^${kind}Parameter(\\d+)_${obsId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

/** How many observableParameter<k>_<id> (or noise) placeholders a formula uses (highest k). */
export function placeholderCount(
  names: Iterable<string>,
  kind: "observable" | "noise",
  obsId: string,
): number {
  const re = placeholderPattern(kind, obsId);
  let n = 0;
  for (const s of names) {
    const m = re.exec(s);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return n;
}

export function validateProblem(
  problem: EstimationProblem,
  model: SimulationModel,
  locate: Locator = defaultLocator,
): Issue[] {
  const issues: Issue[] = [];
  const at = (
    t: TableKind,
    row: number,
    field: string,
    code: string,
    message: string,
    hint?: string,
    severity: "error" | "warning" = "error",
  ) => {
    const w = locate(t, row, field);
    issues.push(
      issue(code, w.path, message, {
        severity,
        ...(hint ? { hint } : {}),
        ...(w.line !== undefined ? { line: w.line } : {}),
      }),
    );
  };
  const paramIds = problem.parameters.map((p) => p.id);
  const params = new Set(paramIds);
  const modelSymbols = new Set(model.symbolIds);
  const settable = new Set(model.settableIds);

  // ---- parameters
  const seen = new Set<string>();
  problem.parameters.forEach((p, k) => {
    if (seen.has(p.id))
      at("parameters", k, "parameterId", "duplicate-id", `Parameter "${p.id}" is listed twice.`);
    seen.add(p.id);
    if (!p.estimate) return;
    if (!(p.lower < p.upper))
      at(
        "parameters",
        k,
        "lowerBound",
        "bad-bounds",
        `Parameter "${p.id}": lower bound ${p.lower} is not below upper bound ${p.upper}.`,
      );
    if (p.scale !== "lin" && !(p.lower > 0))
      at(
        "parameters",
        k,
        "lowerBound",
        "log-scale-nonpositive",
        `Parameter "${p.id}" is on a ${p.scale} scale but its lower bound is ${p.lower}.`,
        "Bounds on a log scale must be positive; use parameterScale lin or a positive lower bound.",
      );
    if (!Number.isFinite(p.nominal))
      at("parameters", k, "nominalValue", "bad-number", `Parameter "${p.id}" has no finite nominal value.`);
    else if (p.nominal < p.lower || p.nominal > p.upper)
      at(
        "parameters",
        k,
        "nominalValue",
        "start-outside-bounds",
        `Parameter "${p.id}": nominal (start) value ${p.nominal} is outside its bounds [${p.lower}, ${p.upper}].`,
        "Widen the bounds or move the nominal value inside them.",
      );
    else if (p.scale !== "lin" && !(p.nominal > 0))
      at(
        "parameters",
        k,
        "nominalValue",
        "log-scale-nonpositive",
        `Parameter "${p.id}" is on a ${p.scale} scale but its nominal value is ${p.nominal}.`,
      );
  });
  if (!problem.parameters.some((p) => p.estimate))
    issues.push(
      issue("nothing-to-estimate", "parameters", "No parameter has estimate = 1.", {
        hint: "Mark at least one parameter for estimation.",
      }),
    );

  // ---- observables
  const obs = new Map(problem.observables.map((o) => [o.id, o]));
  const placeholders = new Map<string, { nObs: number; nNoise: number }>();
  problem.observables.forEach((o, k) => {
    const fs = symbols(o.formula);
    const ns = symbols(o.noiseFormula);
    const nObs = placeholderCount(fs, "observable", o.id);
    const nNoise = placeholderCount(ns, "noise", o.id);
    placeholders.set(o.id, { nObs, nNoise });
    const known = (s: string, kind: "observable" | "noise") =>
      modelSymbols.has(s) ||
      params.has(s) ||
      placeholderPattern(kind, o.id).test(s) ||
      (kind === "noise" && s === o.id);
    for (const s of fs)
      if (!known(s, "observable"))
        at(
          "observables",
          k,
          "observableFormula",
          "unknown-id",
          `Observable "${o.id}": unknown symbol "${s}" in its formula.`,
          suggestion(s, [...modelSymbols, ...params], "symbol"),
        );
    for (const s of ns)
      if (!known(s, "noise"))
        at(
          "observables",
          k,
          "noiseFormula",
          "unknown-id",
          `Observable "${o.id}": unknown symbol "${s}" in its noise formula.`,
          suggestion(s, [...modelSymbols, ...params], "symbol"),
        );
  });

  // ---- conditions
  const conds = new Set(problem.conditions.map((c) => c.id));
  problem.conditions.forEach((c, k) => {
    for (const [target, value] of Object.entries(c.changes)) {
      if (!settable.has(target))
        at(
          "conditions",
          k,
          target,
          "unknown-id",
          `Condition "${c.id}" sets "${target}", which the model does not have.`,
          suggestion(target, model.settableIds, "model id"),
        );
      if (typeof value === "string" && !params.has(value))
        at(
          "conditions",
          k,
          target,
          "unknown-id",
          `Condition "${c.id}" sets "${target}" to "${value}", which is neither a number nor a parameter.`,
          suggestion(value, paramIds, "parameter"),
        );
    }
  });

  // ---- measurements
  const refOk = (r: ParameterRef) => typeof r === "number" || params.has(r);
  problem.measurements.forEach((m, k) => {
    const o = obs.get(m.observableId);
    if (!o)
      at(
        "measurements",
        k,
        "observableId",
        "unknown-observable",
        `Unknown observable "${m.observableId}".`,
        suggestion(m.observableId, [...obs.keys()], "observable"),
      );
    if (!conds.has(m.simulationConditionId))
      at(
        "measurements",
        k,
        "simulationConditionId",
        "unknown-condition",
        `Unknown condition "${m.simulationConditionId}".`,
        suggestion(m.simulationConditionId, [...conds], "condition"),
      );
    if (m.preequilibrationConditionId !== undefined && !conds.has(m.preequilibrationConditionId))
      at(
        "measurements",
        k,
        "preequilibrationConditionId",
        "unknown-condition",
        `Unknown pre-equilibration condition "${m.preequilibrationConditionId}".`,
        suggestion(m.preequilibrationConditionId, [...conds], "condition"),
      );
    if (!Number.isFinite(m.value))
      at(
        "measurements",
        k,
        "measurement",
        "bad-number",
        `Measurement value is ${m.value}, not a finite number.`,
      );
    if (Number.isNaN(m.time) || m.time < 0)
      at(
        "measurements",
        k,
        "time",
        "bad-time",
        `Measurement time ${m.time} is not a time ≥ 0.`,
        "Use a time ≥ 0, or inf for the steady state.",
      );
    if (o && o.transformation !== "lin" && !(m.value > 0))
      at(
        "measurements",
        k,
        "measurement",
        "log-scale-nonpositive",
        `Observable "${o.id}" is on a ${o.transformation} scale but this measurement is ${m.value}.`,
        "Remove the row, or use observableTransformation lin for this observable.",
      );
    const ph = o && placeholders.get(o.id);
    if (ph) {
      if (m.observableParameters.length !== ph.nObs)
        at(
          "measurements",
          k,
          "observableParameters",
          "placeholder-count",
          `Observable "${o!.id}" needs ${ph.nObs} observable parameter(s); this row gives ${m.observableParameters.length}.`,
        );
      if (m.noiseParameters.length !== ph.nNoise)
        at(
          "measurements",
          k,
          "noiseParameters",
          "placeholder-count",
          `Observable "${o!.id}" needs ${ph.nNoise} noise parameter(s); this row gives ${m.noiseParameters.length}.`,
        );
    }
    [...m.observableParameters, ...m.noiseParameters].forEach((r) => {
      if (!refOk(r))
        at(
          "measurements",
          k,
          "observableParameters",
          "unknown-id",
          `"${r}" is neither a number nor a parameter.`,
          suggestion(String(r), paramIds, "parameter"),
        );
    });
  });
  if (problem.measurements.length === 0)
    issues.push(issue("no-data", "measurements", "The problem has no measurements."));
  return issues;
}
