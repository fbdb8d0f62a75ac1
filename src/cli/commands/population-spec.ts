/**
 * What `il6sim population` samples and counts: priors from --prior id:cv (median = the
 * parameter's value in the scenario) or a priors file (YAML/JSON: parameters with median and
 * cv or gsd, correlations, outcomes), and outcomes from --outcome "observable:metric<value".
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { parseMetric } from "../../core/analysis/metrics.js";
import type { LognormalPrior, OutcomeSpec, PopulationPriors } from "../../core/analysis/population/index.js";
import { type Issue, issue, suggestion } from "../../core/issues.js";

export interface PriorsFile {
  parameters?: {
    id: string;
    median?: number;
    cv?: number;
    gsd?: number;
    lower?: number;
    upper?: number;
    source?: string;
  }[];
  correlations?: { a: string; b: string; rho: number }[];
  outcomes?: { id: string; description?: string; metric: string; above?: number; below?: number }[];
}

/** "observable:metric<value" or "name=observable:metric>value". */
export function parseOutcome(
  text: string,
  path: string,
): { ok: true; outcome: OutcomeSpec } | { ok: false; issues: Issue[] } {
  const m = /^(?:([A-Za-z_][\w]*)=)?(.+?)\s*([<>])\s*([-+.\deE]+)$/.exec(text.trim());
  if (!m)
    return {
      ok: false,
      issues: [
        issue("bad-outcome", path, `"${text}" is not an outcome.`, {
          hint: 'Write observable:metric<value, e.g. "survival_probability:final>0.5".',
        }),
      ],
    };
  const metric = parseMetric(m[2], path);
  if (!metric.ok) return metric;
  const v = Number(m[4]);
  return {
    ok: true,
    outcome: {
      id: m[1] ?? text.trim(),
      metric: metric.metric,
      ...(m[3] === ">" ? { above: v } : { below: v }),
    },
  };
}

/** --prior id:0.3 (CV) or id:gsd=1.5, with the median taken from the model. */
export function parsePriorArg(
  text: string,
  path: string,
  valueOf: (id: string) => number | undefined,
  known: readonly string[],
): { ok: true; prior: LognormalPrior } | { ok: false; issues: Issue[] } {
  const m = /^([A-Za-z_]\w*):(?:(cv|gsd)=)?([.\d eE+-]+)$/.exec(text.trim());
  if (!m)
    return {
      ok: false,
      issues: [
        issue("bad-prior", path, `"${text}" is not a prior.`, {
          hint: "Write id:CV (e.g. k_growth:0.3 for 30%) or id:gsd=1.5; the median is the parameter's value.",
        }),
      ],
    };
  const median = valueOf(m[1]);
  if (median === undefined)
    return {
      ok: false,
      issues: [
        issue("unknown-id", path, `Unknown parameter "${m[1]}".`, {
          hint: suggestion(m[1], known, "parameter"),
        }),
      ],
    };
  const x = Number(m[3]);
  return { ok: true, prior: { id: m[1], median, ...(m[2] === "gsd" ? { gsd: x } : { cv: x }) } };
}

export function readPriorsFile(
  path: string,
  valueOf: (id: string) => number | undefined,
  known: readonly string[],
): { priors: PopulationPriors; outcomes: OutcomeSpec[]; issues: Issue[] } {
  const issues: Issue[] = [];
  let doc: PriorsFile = {};
  try {
    doc = (parseYaml(readFileSync(path, "utf8")) ?? {}) as PriorsFile;
  } catch (err) {
    issues.push(issue("file-not-readable", path, `Cannot read the priors file: ${(err as Error).message}`));
  }
  const parameters: LognormalPrior[] = [];
  (doc.parameters ?? []).forEach((p, k) => {
    const median = p.median ?? valueOf(p.id);
    if (median === undefined) {
      issues.push(
        issue(
          "unknown-id",
          `${path}: parameters[${k}]`,
          `Unknown parameter "${p.id}" (and no median given).`,
          { hint: suggestion(p.id, known, "parameter") },
        ),
      );
      return;
    }
    parameters.push({ ...p, median });
  });
  const outcomes: OutcomeSpec[] = [];
  (doc.outcomes ?? []).forEach((o, k) => {
    const m = parseMetric(o.metric ?? "", `${path}: outcomes[${k}].metric`);
    if (!m.ok) issues.push(...m.issues);
    else
      outcomes.push({
        id: o.id,
        ...(o.description ? { description: o.description } : {}),
        metric: m.metric,
        ...(o.above !== undefined ? { above: o.above } : {}),
        ...(o.below !== undefined ? { below: o.below } : {}),
      });
  });
  return {
    priors: { parameters, ...(doc.correlations ? { correlations: doc.correlations } : {}) },
    outcomes,
    issues,
  };
}
