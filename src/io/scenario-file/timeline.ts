/**
 * Timeline entries: `at` plus exactly one intervention (dose, set, or an injury from the
 * model's catalogue), optionally repeated. Ids are checked against the model's catalogues,
 * amounts and times against their units, times against the run; then the model's own
 * actions() reports what only it knows (a drug that does not bind in this organism, ...).
 */
import * as z from "zod";
import type { Intervention, TimelineEntry } from "../../core/scenario/types.js";
import { convert, type Quantity, sameDimension } from "../../core/units.js";
import type { LibraryModel } from "../../models/types.js";
import { checkFields, DOSE, DOSE_REQUIRED, REPEAT, REPEAT_REQUIRED, VALUES } from "./schema.js";
import { quantityValue, type TimeContext, timeValue, valueIn } from "./quantity.js";
import { didYouMean, given, type IssueSink } from "./sink.js";
import { type FieldPath, pathText } from "./text.js";

export interface TimelineContext {
  readonly lib: LibraryModel;
  readonly time: TimeContext;
  /** Known when organism and genotype are valid. */
  readonly organism?: string;
  /** Parameter id -> its unit, when the network could be built. */
  readonly params?: ReadonlyMap<string, string | undefined>;
  readonly start?: number;
  readonly end?: number;
}

const ENTRY = { at: z.union([z.string(), z.number()]), repeat: z.unknown(), dose: z.unknown(), set: VALUES };

/** Dose sizes beyond these are typing errors, not experiments. */
const ABSURD: readonly { unit: string; max: number }[] = [
  { unit: "g", max: 10 },
  { unit: "g/kg", max: 1 },
  { unit: "mol", max: 1e-3 },
];

export function resolveTimeline(
  raw: readonly unknown[],
  ctx: TimelineContext,
  sink: IssueSink,
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  raw.forEach((entry, k) => out.push(...resolveEntry(entry, ["timeline", k], ctx, sink)));
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map((x) => x.e);
}

function resolveEntry(raw: unknown, path: FieldPath, ctx: TimelineContext, sink: IssueSink): TimelineEntry[] {
  const before = sink.issues.filter((i) => i.severity === "error").length;
  const injuries = ctx.lib.injuries.map((i) => i.id);
  const kinds = ["dose", "set", ...injuries];
  const f = checkFields(raw, path, ENTRY, ["at"], sink, (k) => injuries.includes(k), [
    "at",
    "repeat",
    ...kinds,
  ]);
  if (!f) return [];
  const present = kinds.filter((k) => (raw as Record<string, unknown>)[k] !== undefined);
  const unknownKeys = Object.keys(raw as Record<string, unknown>).filter(
    (k) => !(k in ENTRY) && !kinds.includes(k),
  );
  if (present.length === 0 && unknownKeys.length === 0) {
    // (an unknown key is already reported as a misspelt intervention)
    sink.add("missing-field", path, "This entry has no intervention.", `Add one of: ${kinds.join(", ")}.`);
  } else if (present.length > 1) {
    sink.add(
      "too-many",
      path,
      `One intervention per entry, got ${present.join(" and ")}.`,
      "Split them into entries with the same `at`.",
    );
  }
  const at = f.at !== undefined ? timeValue(f.at, [...path, "at"], ctx.time, sink) : undefined;
  const times = at === undefined ? [] : repeatTimes(at, f.repeat, path, ctx, sink);

  const kind = present.length === 1 ? present[0] : undefined;
  const body = kind ? (raw as Record<string, unknown>)[kind] : undefined;
  let interventions: Intervention[] = [];
  if (kind === "dose") interventions = dose(body, [...path, "dose"], ctx, sink);
  else if (kind === "set" && f.set) interventions = setValues(f.set, [...path, "set"], ctx, sink);
  else if (kind && kind !== "set") interventions = injury(kind, body, [...path, kind], ctx, sink);

  checkTimes(times, path, ctx, sink);
  const failed = sink.issues.filter((i) => i.severity === "error").length > before;
  if (failed || times.length === 0) return [];
  const entries = times.flatMap((t) => interventions.map((intervention) => ({ at: t, intervention })));
  // what only the model knows; once per intervention (repeats differ only in time)
  if (ctx.organism !== undefined) {
    for (const intervention of interventions) {
      const r = ctx.lib.actions(
        { at: times[0], intervention },
        { organism: ctx.organism, path: pathText(path) },
      );
      sink.merge(r.issues, (i) => parsePath(i.path));
    }
  }
  return entries;
}

function repeatTimes(
  at: number,
  raw: unknown,
  path: FieldPath,
  ctx: TimelineContext,
  sink: IssueSink,
): number[] {
  if (raw === undefined) return [at];
  const r = checkFields(raw, [...path, "repeat"], REPEAT, REPEAT_REQUIRED, sink);
  if (!r || r.every === undefined || r.count === undefined) return [];
  const every = timeValue(r.every, [...path, "repeat", "every"], ctx.time, sink);
  if (every === undefined) return [];
  if (!(every > 0)) {
    sink.add(
      "out-of-range",
      [...path, "repeat", "every"],
      `repeat.every must be positive, got ${given(r.every)}.`,
    );
    return [];
  }
  return Array.from({ length: r.count }, (_, i) => at + i * every);
}

function checkTimes(times: readonly number[], path: FieldPath, ctx: TimelineContext, sink: IssueSink): void {
  const u = ctx.time.unit || "(model time)";
  const late = ctx.end !== undefined ? times.find((t) => t > ctx.end!) : undefined;
  if (late !== undefined)
    sink.add(
      "after-end",
      [...path, "at"],
      `This entry happens at ${fmt(late)} ${u}, after the end of the run (${fmt(ctx.end!)} ${u}).`,
      `Set end to at least ${fmt(late)} ${u}, or move or remove the entry.`,
    );
  const early = ctx.start !== undefined ? times.find((t) => t < ctx.start!) : undefined;
  if (early !== undefined)
    sink.add(
      "before-start",
      [...path, "at"],
      `This entry happens at ${fmt(early)} ${u}, before the start of the run (${fmt(ctx.start!)} ${u}).`,
      "Move start earlier, or leave start out.",
    );
}

function dose(raw: unknown, path: FieldPath, ctx: TimelineContext, sink: IssueSink): Intervention[] {
  const f = checkFields(raw, path, DOSE, DOSE_REQUIRED, sink);
  if (!f) return [];
  const drug = f.drug === undefined ? undefined : ctx.lib.drugs.find((d) => d.id === f.drug);
  if (f.drug !== undefined && !drug)
    sink.add(
      "unknown-id",
      [...path, "drug"],
      `Unknown drug "${f.drug}".`,
      didYouMean(
        f.drug,
        ctx.lib.drugs.map((d) => d.id),
        "drug",
      ),
    );
  if (drug && f.route !== undefined && !drug.routes.includes(f.route))
    sink.add(
      "unknown-id",
      [...path, "route"],
      `"${f.route}" is not a route for ${drug.id}.`,
      didYouMean(f.route, drug.routes, "route"),
    );
  const amount =
    f.amount !== undefined
      ? quantityValue(f.amount, [...path, "amount"], sink, false, drug?.units[0] ?? "ug")
      : undefined;
  if (amount) checkAmount(amount, drug?.units, [...path, "amount"], sink);
  let duration: Quantity | undefined;
  if (f.route === "iv_infusion" && f.duration === undefined)
    sink.add(
      "missing-field",
      [...path, "duration"],
      "An iv_infusion needs a duration.",
      'e.g. "duration: 1 h".',
    );
  if (f.duration !== undefined) {
    if (f.route !== undefined && f.route !== "iv_infusion")
      sink.add(
        "unexpected-field",
        [...path, "duration"],
        `Only an iv_infusion has a duration (route is ${f.route}).`,
      );
    const hours = timeValue(f.duration, [...path, "duration"], ctx.time, sink);
    if (hours !== undefined && !(hours > 0))
      sink.add(
        "out-of-range",
        [...path, "duration"],
        `An infusion's duration must be positive, got ${given(f.duration)}.`,
      );
    else if (hours !== undefined) duration = { value: hours, unit: ctx.time.unit || "1" };
  }
  if (!drug || !amount || f.route === undefined) return [];
  return [{ kind: "dose", drug: drug.id, amount, route: f.route, ...(duration ? { duration } : {}) }];
}

function checkAmount(
  q: Quantity,
  units: readonly string[] | undefined,
  path: FieldPath,
  sink: IssueSink,
): void {
  const text = `${q.value} ${q.unit}`;
  if (units && !units.some((u) => sameDimension(q.unit, u))) {
    sink.add(
      "wrong-unit",
      path,
      `"${text}" is not a dose of this drug.`,
      `Allowed units: ${units.join(", ")}.`,
    );
    return;
  }
  if (q.value < 0) {
    sink.add("negative-dose", path, `A dose cannot be negative (got "${text}").`);
    return;
  }
  if (q.value === 0) sink.warn("zero-dose", path, `A dose of "${text}" does nothing.`);
  for (const a of ABSURD) {
    const c = sameDimension(q.unit, a.unit) ? convert(q.value, q.unit, a.unit) : undefined;
    if (c?.ok && c.value > a.max)
      sink.add(
        "absurd-dose",
        path,
        `"${text}" is more than ${a.max} ${a.unit}: no experiment doses that much.`,
        "Check the number and the unit (ug vs mg).",
      );
  }
}

function setValues(
  values: Record<string, string | number>,
  path: FieldPath,
  ctx: TimelineContext,
  sink: IssueSink,
): Intervention[] {
  const out: Intervention[] = [];
  for (const [id, v] of Object.entries(values)) {
    if (ctx.params && !ctx.params.has(id)) {
      sink.add(
        "unknown-id",
        [...path, id],
        `Unknown parameter "${id}".`,
        didYouMean(id, [...ctx.params.keys()], "parameter"),
      );
      continue;
    }
    const value = valueIn(v, ctx.params?.get(id), [...path, id], sink);
    if (value !== undefined) out.push({ kind: "set", id, value });
  }
  if (Object.keys(values).length === 0)
    sink.add("missing-field", path, "`set` names no parameter.", 'e.g. "set: { kon_IL6_IL6R: 0.4 }".');
  return out;
}

function injury(
  id: string,
  raw: unknown,
  path: FieldPath,
  ctx: TimelineContext,
  sink: IssueSink,
): Intervention[] {
  const def = ctx.lib.injuries.find((i) => i.id === id)!;
  const r = VALUES.safeParse(raw ?? {});
  if (!r.success) {
    sink.add(
      "wrong-type",
      path,
      `Expected a mapping of ${def.params.map((p) => p.name).join(", ") || "nothing"}, got ${given(raw)}.`,
    );
    return [];
  }
  const params: Record<string, number | Quantity> = {};
  const names = def.params.map((p) => p.name);
  for (const [name, v] of Object.entries(r.data)) {
    const p = def.params.find((x) => x.name === name);
    if (!p) {
      sink.add(
        "unknown-field",
        [...path, name],
        `${id} has no parameter "${name}".`,
        didYouMean(name, names, "parameter"),
      );
      continue;
    }
    const value = valueIn(v, p.unit, [...path, name], sink);
    if (value === undefined) continue;
    const fraction = p.unit === "1" && p.min === 0 && p.max === 1;
    const inside = fraction ? value > 0 && value < 1 : value >= p.min && value <= p.max;
    if (!inside) {
      const range = fraction ? "(0, 1)" : `[${p.min}, ${p.max}]${p.unit === "1" ? "" : ` ${p.unit}`}`;
      sink.add(
        "out-of-range",
        [...path, name],
        `${name} must lie in ${range}, got ${given(v)}.`,
        p.description,
      );
      continue;
    }
    params[name] = p.unit === "1" ? value : { value, unit: p.unit };
  }
  for (const p of def.params)
    if (r.data[p.name] === undefined)
      sink.add("missing-field", [...path, p.name], `${id} needs "${p.name}".`, p.description);
  return [{ kind: "injury", injury: id, params }];
}

/** "timeline[0].dose.amount" -> ["timeline", 0, "dose", "amount"] (for line numbers). */
export function parsePath(text: string): FieldPath | undefined {
  const parts: (string | number)[] = [];
  const re = /([A-Za-z_][\w-]*)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) parts.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return parts.length > 0 ? parts : undefined;
}

export function fmt(x: number): string {
  return Number(x.toPrecision(6)).toString();
}
