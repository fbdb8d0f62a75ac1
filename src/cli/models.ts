/**
 * What a scenario argument names: a named scenario of a library model, a scenario file
 * (YAML/JSON), or an SBML model. All three become a ResolvedScenario through the same checks.
 */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, resolve } from "node:path";
import { type Issue, issue } from "../core/issues.js";
import type { ResolvedScenario } from "../core/scenario/types.js";
import { loadSbmlFile } from "../io/sbml/load.js";
import {
  applyOverrides,
  loadScenarioFile,
  type ModelChoice,
  type Overrides,
  resolveScenario,
  toScenarioFile,
} from "../io/scenario-file/index.js";
import { didYouMean } from "../io/scenario-file/sink.js";
import { libraryModels, lookupLibraryModel } from "../models/registry.js";
import { sbmlLibraryModel } from "../models/sbml-model.js";
import type { LibraryModel, NamedScenario } from "../models/types.js";
import { BadInput } from "./errors.js";

const SBML_EXT = [".xml", ".sbml"];
const SCENARIO_EXT = [".yaml", ".yml", ".json"];
const sbmlCache = new Map<string, ModelChoice>();

function loadSbml(
  path: string,
): { ok: true; choice: ModelChoice } | { ok: false; message: string; hint?: string } {
  const abs = resolve(path);
  const hit = sbmlCache.get(abs);
  if (hit) return { ok: true, choice: hit };
  if (!existsSync(abs) || !statSync(abs).isFile())
    return { ok: false, message: `Cannot read SBML model "${path}": no such file.` };
  const r = loadSbmlFile(abs);
  if (!r.ok || !r.network) {
    const first = r.issues
      .slice(0, 5)
      .map((i) => `${i.line !== undefined ? `line ${i.line}: ` : ""}${i.message}`);
    return {
      ok: false,
      message: `"${path}" cannot be simulated: ${first.join("; ")}${r.issues.length > 5 ? ` (and ${r.issues.length - 5} more)` : ""}`,
    };
  }
  const choice: ModelChoice = {
    model: sbmlLibraryModel(r.network, path),
    bareTimeIsModelTime: true,
    steadyStateDefault: false,
  };
  sbmlCache.set(abs, choice);
  return { ok: true, choice };
}

/** A model id from a scenario file: a library model, or an SBML file relative to the scenario. */
export function lookupModel(
  id: string,
  baseFile?: string,
): { ok: true; choice: ModelChoice } | { ok: false; message: string; hint?: string } {
  if (SBML_EXT.includes(extname(id).toLowerCase())) {
    const path = baseFile && !isAbsolute(id) ? resolve(dirname(baseFile), id) : id;
    return loadSbml(path);
  }
  const m = lookupLibraryModel(id, "A model is a library model id or a path to an SBML file (.xml).");
  return m.ok ? { ok: true, choice: { model: m.model } } : m;
}

export function allNamedScenarios(): { model: LibraryModel; named: NamedScenario }[] {
  return libraryModels().flatMap((model) => model.scenarios.map((named) => ({ model, named })));
}

export interface SbmlRunOptions {
  readonly every?: string;
  readonly observe?: readonly string[];
}

export interface Loaded {
  readonly scenario: ResolvedScenario;
  readonly model: LibraryModel;
  readonly warnings: readonly Issue[];
  /** How the user named it (file path or scenario name). */
  readonly source: string;
}

function finish(r: ReturnType<typeof resolveScenario>, source: string, baseFile?: string): Loaded {
  if (!r.ok) throw new BadInput(r.issues, source);
  const m = lookupModel(r.scenario.model, baseFile);
  if (!m.ok) throw new BadInput([issue("unknown-model", "model", m.message)], source);
  return { scenario: r.scenario, model: m.choice.model, warnings: r.warnings, source };
}

/** Resolve a scenario argument with command-line overrides; throws BadInput with every issue. */
export function loadScenarioArg(arg: string, overrides: Overrides = {}, sbml: SbmlRunOptions = {}): Loaded {
  const ext = extname(arg).toLowerCase();
  if (SBML_EXT.includes(ext)) {
    if (overrides.end === undefined)
      throw new BadInput(
        [
          issue("missing-option", "--end", `Running the SBML model "${arg}" needs --end.`, {
            hint: "e.g. --end 100 (in the model's time unit) or --end 2h.",
          }),
        ],
        arg,
      );
    const raw = {
      model: arg,
      end: overrides.end,
      ...(overrides.set ? { parameters: overrides.set } : {}),
      output: {
        ...(sbml.every ? { every: sbml.every } : {}),
        ...(sbml.observe ? { observables: sbml.observe } : {}),
      },
    };
    return finish(
      resolveScenario(raw, (id) => lookupModel(id), { defaultName: basename(arg, ext) }),
      arg,
    );
  }
  const named = allNamedScenarios().find((x) => x.named.id === arg);
  if (named && !existsSync(arg)) {
    const raw = toScenarioFile(named.named.scenario, named.model.timeUnit);
    const o = applyOverrides(raw, overrides);
    const r = resolveScenario(o.raw, (id) => lookupModel(id), { defaultName: arg });
    if (o.issues.length > 0) throw new BadInput([...o.issues, ...(r.ok ? [] : r.issues)], arg);
    return finish(r, arg);
  }
  if (existsSync(arg) || SCENARIO_EXT.includes(ext)) {
    const r = loadScenarioFile(arg, (id, base) => lookupModel(id, base), overrides);
    return finish(r, arg, arg);
  }
  const names = allNamedScenarios().map((x) => x.named.id);
  throw new BadInput([
    issue("not-found", arg, `"${arg}" is neither a file nor a named scenario.`, {
      hint: `${didYouMean(arg, names, "scenario")} List them with \`il6sim scenarios\`.`,
    }),
  ]);
}
