/**
 * A parsed scenario file -> ResolvedScenario: every field checked (all issues at once), times
 * in the model's time unit, ids against the model's catalogues, defaults filled in.
 */
import type { Issue } from "../../core/issues.js";
import type { ResolvedScenario, SolverChoice, TimelineEntry } from "../../core/scenario/types.js";
import { SOLVERS, solverByName } from "../../core/solve/index.js";
import type { LibraryModel } from "../../models/types.js";
import { checkFields, OUTPUT, SOLVER, TOP, TOP_REQUIRED } from "./schema.js";
import { type TimeContext, timeValue, valueIn } from "./quantity.js";
import { didYouMean, given, IssueSink, type Locate } from "./sink.js";
import { fmt, resolveTimeline } from "./timeline.js";

/** What the resolver needs to know about the model a file names. */
export interface ModelChoice {
  readonly model: LibraryModel;
  /** Bare numbers are model time (SBML models); otherwise times need units. */
  readonly bareTimeIsModelTime?: boolean;
  /** Default for steady_state_start (true for library models, false for SBML). */
  readonly steadyStateDefault?: boolean;
}

export type ModelLookup = (
  id: string,
) => { ok: true; choice: ModelChoice } | { ok: false; message: string; hint?: string };

export interface ResolveOptions {
  readonly locate?: Locate;
  /** Name of the scenario when the file gives none (the file name). */
  readonly defaultName?: string;
}

export type ResolveResult =
  { ok: true; scenario: ResolvedScenario; warnings: Issue[] } | { ok: false; issues: Issue[] };

/** Output points beyond this are a typing error (every: 1 s over a year). */
export const MAX_OUTPUT_POINTS = 100_000;
/** Runs longer than ten years are a typing error. */
const MAX_SPAN_HOURS = 87_600;

export function resolveScenario(
  raw: unknown,
  lookup: ModelLookup,
  options: ResolveOptions = {},
): ResolveResult {
  const sink = new IssueSink(options.locate);
  const top = checkFields(raw, [], TOP, TOP_REQUIRED, sink);
  if (!top) return { ok: false, issues: sink.issues };

  let choice: ModelChoice | undefined;
  if (top.model !== undefined) {
    const m = lookup(top.model);
    if (m.ok) choice = m.choice;
    else sink.add("unknown-model", ["model"], m.message, m.hint);
  }
  if (!choice) return { ok: false, issues: sink.issues };
  const lib = choice.model;
  const time: TimeContext = { unit: lib.timeUnit, bareIsModelTime: choice.bareTimeIsModelTime ?? false };

  // ---- organism and genotype
  let organism: string | undefined = top.organism ?? lib.organisms[0];
  if (top.organism !== undefined && !lib.organisms.includes(top.organism)) {
    sink.add(
      "unknown-id",
      ["organism"],
      `Unknown organism "${top.organism}" for model ${lib.id}.`,
      didYouMean(top.organism, lib.organisms, "organism"),
    );
    organism = undefined;
  }
  const genotype =
    top.genotype === undefined ? [] : typeof top.genotype === "string" ? [top.genotype] : top.genotype;
  const genotypeIds = lib.genotypes.map((g) => g.id);
  genotype.forEach((g, k) => {
    if (!genotypeIds.includes(g)) {
      const p = typeof top.genotype === "string" ? ["genotype"] : ["genotype", k];
      sink.add("unknown-id", p, `Unknown genotype "${g}".`, didYouMean(g, genotypeIds, "genotype"));
    }
  });

  // ---- parameters (ids and units come from the network)
  let params: Map<string, string | undefined> | undefined;
  if (organism !== undefined) {
    // with the known genotypes only, so that parameter ids are checked even if one is mistyped
    const net = lib.network(
      organism,
      genotype.filter((g) => genotypeIds.includes(g)),
    );
    if (net.ok) params = new Map(net.network.parameters.map((p) => [p.id, p.unit]));
    else sink.merge(net.issues);
  }
  const parameters: Record<string, number> = {};
  for (const [id, v] of Object.entries(top.parameters ?? {})) {
    if (params && !params.has(id)) {
      sink.add(
        "unknown-id",
        ["parameters", id],
        `Unknown parameter "${id}".`,
        didYouMean(id, [...params.keys()], "parameter"),
      );
      continue;
    }
    const value = valueIn(v, params?.get(id), ["parameters", id], sink);
    if (value !== undefined) parameters[id] = value;
  }

  // ---- the run's span
  const rawTimeline = top.timeline ?? [];
  const end = top.end !== undefined ? timeValue(top.end, ["end"], time, sink) : undefined;
  const start = top.start !== undefined ? timeValue(top.start, ["start"], time, sink) : undefined;
  const u = lib.timeUnit || "(model time)";
  if (end !== undefined && start !== undefined && !(end > start))
    sink.add("end-before-start", ["end"], `end (${fmt(end)} ${u}) must be after start (${fmt(start)} ${u}).`);
  else if (end !== undefined && start === undefined && !(end > 0))
    sink.add(
      "end-before-start",
      ["end"],
      `end must be after 0, got ${given(top.end)}.`,
      'e.g. "end: 168 h".',
    );
  if (end !== undefined && lib.timeUnit === "h" && end - (start ?? 0) > MAX_SPAN_HOURS)
    sink.add(
      "absurd-time",
      ["end"],
      `A run of ${fmt(end - (start ?? 0))} h is longer than ten years.`,
      "Check the number and the unit.",
    );

  const timeline: TimelineEntry[] = resolveTimeline(
    rawTimeline,
    { lib, time, organism, params, start, end },
    sink,
  );
  const t0 = start ?? Math.min(0, ...timeline.map((e) => e.at));

  // ---- output
  const output = resolveOutput(top.output, lib, organism, time, t0, end, sink);
  const solver = resolveSolver(top.solver, sink);

  if (sink.hasErrors || end === undefined || organism === undefined)
    return { ok: false, issues: sink.issues };
  const scenario: ResolvedScenario = {
    model: top.model!,
    ...((top.name ?? options.defaultName) !== undefined ? { name: top.name ?? options.defaultName } : {}),
    ...(top.description !== undefined ? { description: top.description } : {}),
    organism,
    genotype,
    parameters,
    start: t0,
    end,
    timeline,
    output: output!,
    steadyStateStart: top.steady_state_start ?? choice.steadyStateDefault ?? true,
    ...(solver ? { solver } : {}),
  };
  return { ok: true, scenario, warnings: sink.issues };
}

/** A step giving at most 500 points: 0.05 h for a day, 0.5 h for a week, 2 h for a month. */
export function defaultStep(span: number): number {
  const steps = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 6, 12, 24, 48, 168];
  return steps.find((s) => span / s <= 500) ?? span / 500;
}

export function gridTimes(start: number, end: number, step: number): number[] {
  const n = Math.floor((end - start) / step + 1e-9);
  const out = Array.from({ length: n + 1 }, (_, i) => Number((start + i * step).toPrecision(12)));
  if (out[out.length - 1] < end - 1e-9 * Math.max(1, Math.abs(end))) out.push(end);
  return out;
}

function resolveOutput(
  raw: unknown,
  lib: LibraryModel,
  organism: string | undefined,
  time: TimeContext,
  start: number,
  end: number | undefined,
  sink: IssueSink,
): ResolvedScenario["output"] | undefined {
  const f = raw === undefined ? {} : checkFields(raw, ["output"], OUTPUT, [], sink);
  if (!f) return undefined;
  const u = time.unit || "(model time)";
  let times: number[] | undefined;
  if (f.every !== undefined && f.times !== undefined)
    sink.add("too-many", ["output"], "Give either `every` or `times`, not both.");
  else if (f.times !== undefined) {
    const ts = f.times.map((v, k) => timeValue(v, ["output", "times", k], time, sink));
    ts.forEach((t, k) => {
      if (t !== undefined && end !== undefined && (t < start || t > end))
        sink.add(
          "outside-run",
          ["output", "times", k],
          `Output time ${fmt(t)} ${u} is outside the run (${fmt(start)} to ${fmt(end)} ${u}).`,
        );
    });
    times = [...new Set(ts.filter((t): t is number => t !== undefined))].sort((a, b) => a - b);
    if (f.times.length === 0)
      sink.add(
        "missing-field",
        ["output", "times"],
        "`times` is empty.",
        "List at least one time, or use `every`.",
      );
  } else if (end !== undefined && end > start) {
    const every =
      f.every !== undefined ? timeValue(f.every, ["output", "every"], time, sink) : defaultStep(end - start);
    if (every !== undefined && !(every > 0))
      sink.add("out-of-range", ["output", "every"], `every must be positive, got ${given(f.every)}.`);
    else if (every !== undefined && (end - start) / every > MAX_OUTPUT_POINTS)
      sink.add(
        "absurd-time",
        ["output", "every"],
        `every ${given(f.every)} gives ${Math.round((end - start) / every)} output points; at most ${MAX_OUTPUT_POINTS} are allowed.`,
        "Use a larger step.",
      );
    else if (every !== undefined) times = gridTimes(start, end, every);
  }

  const available = lib.observables.filter(
    (o) => !o.organisms || organism === undefined || o.organisms.includes(organism),
  );
  const observables =
    f.observables ?? lib.defaultObservables.filter((id) => available.some((o) => o.id === id));
  (f.observables ?? []).forEach((id, k) => {
    const def = lib.observables.find((o) => o.id === id);
    if (!def)
      sink.add(
        "unknown-id",
        ["output", "observables", k],
        `Unknown observable "${id}".`,
        didYouMean(
          id,
          lib.observables.map((o) => o.id),
          "observable",
        ),
      );
    else if (organism !== undefined && def.organisms && !def.organisms.includes(organism))
      sink.add(
        "wrong-organism",
        ["output", "observables", k],
        `Observable "${id}" is defined for ${def.organisms.join(", ")}, not ${organism}.`,
      );
  });
  return times ? { times, observables } : undefined;
}

function resolveSolver(raw: unknown, sink: IssueSink): SolverChoice | undefined {
  if (raw === undefined) return undefined;
  const f = checkFields(raw, ["solver"], SOLVER, [], sink);
  if (!f) return undefined;
  if (f.method !== undefined && !solverByName(f.method))
    sink.add(
      "unknown-id",
      ["solver", "method"],
      `Unknown solver "${f.method}".`,
      didYouMean(
        f.method,
        SOLVERS.map((s) => s.name),
        "solver",
      ),
    );
  return {
    ...(f.method !== undefined ? { method: solverByName(f.method)?.name ?? f.method } : {}),
    ...(f.rtol !== undefined ? { rtol: f.rtol } : {}),
    ...(f.atol !== undefined ? { atol: f.atol } : {}),
  };
}
