/**
 * Scenario files from disk, and the overrides a command line adds (`--end`, `--set`), all
 * through one path: text -> parse -> overrides -> resolve.
 */
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { type Issue, issue } from "../../core/issues.js";
import { isMapping } from "./schema.js";
import { type ModelLookup, resolveScenario, type ResolveResult } from "./resolve.js";
import type { Locate } from "./sink.js";
import { parseScenarioText } from "./text.js";

export interface Overrides {
  /** A new end time ("336 h"). */
  readonly end?: string | number;
  /** Parameter overrides by id ("0.4", "0.4 1/h"). */
  readonly set?: Readonly<Record<string, string | number>>;
  /** New amount for every dose of a drug; without a unit, each dose keeps its own unit. */
  readonly dose?: { readonly drug: string; readonly value: number; readonly unit?: string };
  /** Replace the output observables. */
  readonly observables?: readonly string[];
}

/** Apply overrides to a parsed file; fields they set get no line numbers (they are not in the file). */
export function applyOverrides(
  raw: unknown,
  overrides: Overrides,
  locate?: Locate,
): { raw: unknown; locate?: Locate; issues: Issue[] } {
  const issues: Issue[] = [];
  if (!isMapping(raw)) return { raw, issues, ...(locate ? { locate } : {}) };
  const out: Record<string, unknown> = { ...raw };
  const overridden = new Set<string>();
  if (overrides.end !== undefined) {
    out.end = overrides.end;
    overridden.add("end");
  }
  if (overrides.set && Object.keys(overrides.set).length > 0) {
    out.parameters = { ...(isMapping(raw.parameters) ? raw.parameters : {}), ...overrides.set };
    for (const k of Object.keys(overrides.set)) overridden.add(`parameters.${k}`);
  }
  if (overrides.dose) {
    const { drug, value, unit } = overrides.dose;
    let found = 0;
    const timeline = Array.isArray(raw.timeline) ? raw.timeline : [];
    out.timeline = timeline.map((e: unknown) => {
      if (!isMapping(e) || !isMapping(e.dose) || e.dose.drug !== drug) return e;
      found++;
      const own = typeof e.dose.amount === "string" ? e.dose.amount.trim().replace(/^[-+.\deE]+\s*/, "") : "";
      return { ...e, dose: { ...e.dose, amount: `${value} ${unit ?? own}`.trim() } };
    });
    if (found === 0)
      issues.push(
        issue("unknown-id", `dose:${drug}`, `The scenario has no dose of "${drug}" to vary.`, {
          hint: "Vary a drug that the timeline doses.",
        }),
      );
  }
  if (overrides.observables) {
    out.output = { ...(isMapping(raw.output) ? raw.output : {}), observables: [...overrides.observables] };
  }
  if (!locate) return { raw: out, issues };
  return {
    issues,
    raw: out,
    locate: (path) =>
      overridden.has(path.slice(0, 2).join(".")) || overridden.has(String(path[0]))
        ? undefined
        : locate(path),
  };
}

export function loadScenarioText(
  text: string,
  lookup: ModelLookup,
  options: { file?: string; overrides?: Overrides; defaultName?: string } = {},
): ResolveResult {
  const file = options.file ?? "scenario";
  const parsed = parseScenarioText(text, file);
  if (!parsed.ok) return parsed;
  if (parsed.parsed.value === null || parsed.parsed.value === undefined)
    return {
      ok: false,
      issues: [
        issue("empty-file", file, "The scenario file is empty.", {
          hint: "See docs/scenarios.md for the format.",
        }),
      ],
    };
  const { raw, locate, issues } = applyOverrides(
    parsed.parsed.value,
    options.overrides ?? {},
    parsed.parsed.locate,
  );
  const r = resolveScenario(raw, lookup, {
    ...(locate ? { locate } : {}),
    ...(options.defaultName ? { defaultName: options.defaultName } : {}),
  });
  return issues.length === 0 ? r : { ok: false, issues: [...issues, ...(r.ok ? r.warnings : r.issues)] };
}

export function loadScenarioFile(
  path: string,
  lookup: (id: string, baseFile: string) => ReturnType<ModelLookup>,
  overrides: Overrides = {},
): ResolveResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES"
            ? "permission denied"
            : String((err as Error).message);
    return { ok: false, issues: [issue("file-not-found", path, `Cannot read "${path}": ${why}.`)] };
  }
  return loadScenarioText(text, (id) => lookup(id, path), {
    file: path,
    overrides,
    defaultName: basename(path, extname(path)),
  });
}
