/**
 * A scenario from an HTTP body (a JSON object, or YAML/JSON text) -> a resolved scenario, or
 * every issue at once. The same schema as scenario files; only library models can be named
 * (an SBML path would let a request read files on the server). Beyond the file schema, the
 * checks `runScenario` makes before it simulates (observables, parameter ids, doses the model
 * can give) are made here too, so a request learns about them as a 400, not as a failed run.
 */
import { type Issue, issue } from "../core/issues.js";
import type { ResolvedScenario } from "../core/scenario/types.js";
import {
  loadScenarioText,
  type ModelLookup,
  resolveScenario,
  type ResolveResult,
  toScenarioFile,
} from "../io/scenario-file/index.js";
import { lookupLibraryModel, modelById } from "../models/registry.js";
import { checkScenario } from "../models/scenario-check.js";
import type { LibraryModel } from "../models/types.js";

export const libraryLookup: ModelLookup = (id) => {
  const m = lookupLibraryModel(
    id,
    "The web API runs library models only (il6sim models lists them); run SBML files with the CLI.",
  );
  return m.ok ? { ok: true, choice: { model: m.model } } : m;
};

export interface Prepared {
  readonly scenario: ResolvedScenario;
  readonly model: LibraryModel;
  /** The canonical scenario file object (defaults filled in) that the worker and the store get. */
  readonly file: Record<string, unknown>;
  readonly warnings: readonly Issue[];
}

export type PrepareResult = { ok: true; prepared: Prepared } | { ok: false; issues: Issue[] };

export interface PrepareLimits {
  /** Most output times a web run may ask for. */
  readonly maxOutputPoints: number;
}

/** Parse and resolve a request body: parsed JSON, or text (YAML or JSON) when `isText`. */
export function prepareScenario(body: unknown, limits: PrepareLimits, isText = false): PrepareResult {
  let r: ResolveResult;
  if (isText && typeof body === "string")
    r = loadScenarioText(body, libraryLookup, { file: "request body", defaultName: "scenario" });
  else if (body === undefined || body === null)
    return {
      ok: false,
      issues: [
        issue("empty-body", "request body", "The request has no scenario.", {
          hint: 'Send a scenario as JSON (Content-Type: application/json), e.g. {"model": "il6-liver", "organism": "mouse", "end": "48 h"}, or as YAML (Content-Type: application/yaml).',
        }),
      ],
    };
  else r = resolveScenario(body, libraryLookup, { defaultName: "scenario" });
  if (!r.ok) return r;
  const lib = modelById(r.scenario.model);
  if (!lib.ok) return { ok: false, issues: [issue("unknown-model", "model", lib.message)] };
  const issues = [...modelIssues(lib.model, r.scenario)];
  const n = r.scenario.output.times.length;
  if (n > limits.maxOutputPoints)
    issues.push(
      issue(
        "too-many-points",
        "output",
        `The scenario asks for ${n} output times; the web server gives at most ${limits.maxOutputPoints}.`,
        {
          hint: "Use a larger output.every, or run it with the CLI (il6sim run).",
        },
      ),
    );
  if (issues.some((i) => i.severity === "error")) return { ok: false, issues: [...issues, ...r.warnings] };
  return {
    ok: true,
    prepared: {
      scenario: r.scenario,
      model: lib.model,
      file: toScenarioFile(r.scenario, lib.model.timeUnit),
      warnings: [...r.warnings, ...issues],
    },
  };
}

/** What runScenario would refuse before simulating: the model's own catalogues. */
export function modelIssues(lib: LibraryModel, s: ResolvedScenario): Issue[] {
  const net = lib.network(s.organism ?? lib.organisms[0], s.genotype);
  if (!net.ok) return net.issues;
  return checkScenario(lib, s, net.network).issues;
}
