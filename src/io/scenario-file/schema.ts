/**
 * The scenario file schema (zod), checked field by field so that one bad field never hides
 * the others: unknown fields get a "did you mean", missing ones say what to write, and every
 * value that has the wrong shape says what was given and what is allowed.
 */
import * as z from "zod";
import type { FieldPath } from "./text.js";
import { didYouMean, given, type IssueSink } from "./sink.js";

/** A quantity: "30 min", "2 ug", "8 mg/kg" (a bare number only where the field says so). */
const quantity = z.union([z.string(), z.number()], {
  error: 'expected a quantity such as "30 min" or "2 ug"',
});
const id = z.string({ error: "expected an id (text)" });
const idList = z.array(id, { error: "expected a list of ids" });

export const TOP = {
  model: id,
  name: z.string({ error: "expected text" }),
  description: z.string({ error: "expected text" }),
  organism: id,
  start: quantity,
  end: quantity,
  genotype: z.union([id, idList], { error: "expected an id or a list of ids" }),
  parameters: z.record(z.string(), z.union([z.number(), z.string()]), {
    error: "expected a mapping from parameter id to a value",
  }),
  timeline: z.array(z.unknown(), { error: "expected a list of timeline entries" }),
  output: z.unknown(),
  steady_state_start: z.boolean({ error: "expected true or false" }),
  solver: z.unknown(),
};
export const TOP_REQUIRED = ["model", "end"] as const;

export const OUTPUT = {
  every: quantity,
  times: z.array(quantity, { error: "expected a list of times" }),
  observables: idList,
};

export const SOLVER = {
  method: id,
  rtol: z.number({ error: "expected a number" }).positive().max(0.1),
  atol: z.number({ error: "expected a number" }).positive(),
};

export const DOSE = { drug: id, amount: quantity, route: id, duration: quantity };
export const DOSE_REQUIRED = ["drug", "amount", "route"] as const;

export const REPEAT = {
  every: quantity,
  count: z.number({ error: "expected a whole number" }).int().min(1).max(1000),
};
export const REPEAT_REQUIRED = ["every", "count"] as const;

/** Injury parameters and `set` values: a number or a quantity. */
export const VALUES = z.record(z.string(), z.union([z.number(), z.string()]), {
  error: "expected a mapping from name to a number or quantity",
});

export type Shape = Record<string, z.ZodType>;
export type Fields<S extends Shape> = { [K in keyof S]?: z.output<S[K]> };

const EXAMPLES: Record<string, string> = {
  model: 'e.g. "model: il6-liver" (see `il6sim scenarios`), or a path to an SBML file',
  end: 'e.g. "end: 168 h"',
  drug: 'e.g. "drug: hyper_il6" (see `il6sim drugs`)',
  amount: 'e.g. "amount: 2 ug" or "amount: 8 mg/kg"',
  route: "one of iv, iv_infusion, sc, ip",
  at: 'e.g. "at: 0 h" or "at: -30 min"',
  every: 'e.g. "every: 1 h"',
  count: 'e.g. "count: 4"',
};

export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Check a mapping against a shape, each field on its own. Fields not in the shape are reported
 * unless `extra` claims them (timeline entries: injury ids). Returns the valid fields.
 */
export function checkFields<S extends Shape>(
  value: unknown,
  path: FieldPath,
  shape: S,
  required: readonly string[],
  sink: IssueSink,
  extra?: (key: string) => boolean,
  allowedForHint: readonly string[] = Object.keys(shape),
): Fields<S> | undefined {
  if (!isMapping(value)) {
    sink.add("wrong-type", path, `Expected a mapping (name: value), got ${given(value)}.`);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const schema = shape[key];
    if (!schema) {
      if (extra?.(key)) continue;
      sink.add(
        "unknown-field",
        [...path, key],
        `Unknown field "${key}".`,
        didYouMean(key, allowedForHint, "field"),
      );
      continue;
    }
    const r = schema.safeParse(v, { reportInput: true });
    if (r.success) out[key] = r.data;
    else for (const zi of r.error.issues) reportZodIssue(zi, [...path, key], v, sink);
  }
  for (const key of required) {
    if (value[key] === undefined)
      sink.add("missing-field", [...path, key], `Field "${key}" is required.`, EXAMPLES[key]);
  }
  return out as Fields<S>;
}

function reportZodIssue(zi: z.core.$ZodIssue, base: FieldPath, whole: unknown, sink: IssueSink): void {
  const path = [...base, ...(zi.path as (string | number)[])];
  const input = "input" in zi ? zi.input : zi.path.length === 0 ? whole : undefined;
  const what = zi.message.replace(/^Invalid input: /, "");
  switch (zi.code) {
    case "too_small":
    case "too_big": {
      const b = zi as unknown as {
        minimum?: number | bigint;
        maximum?: number | bigint;
        inclusive?: boolean;
      };
      const bound = zi.code === "too_small" ? `at least ${b.minimum}` : `at most ${b.maximum}`;
      const strict =
        b.inclusive === false
          ? zi.code === "too_small"
            ? `more than ${b.minimum}`
            : `less than ${b.maximum}`
          : bound;
      sink.add("out-of-range", path, `${given(input)} is out of range: it must be ${strict}.`);
      return;
    }
    default:
      sink.add("wrong-type", path, `Got ${given(input)}: ${what}.`);
  }
}
