/**
 * --vary for sweeps: "id=v1,v2,v3" or "id=from:to:n[:log]", optionally followed by a unit;
 * id is a parameter id, or dose:<drug> for the amount of every dose of that drug.
 */
import type { Overrides } from "../io/scenario-file/index.js";
import { parseUnit } from "../core/units.js";
import { badArgument } from "./errors.js";

export interface Vary {
  readonly text: string;
  readonly target:
    { readonly kind: "parameter"; readonly id: string } | { readonly kind: "dose"; readonly drug: string };
  readonly values: readonly number[];
  readonly unit?: string;
  readonly log: boolean;
}

export const MAX_SWEEP_VALUES = 1000;

export function parseVary(text: string): Vary {
  const bad = (message: string) =>
    badArgument("--vary", message, 'e.g. --vary kon=0.1,0.2,0.4 or --vary "dose:mab=1:30:6:log mg/kg"');
  const m = /^\s*(dose:)?([A-Za-z_][\w]*)\s*=\s*([^\s]+)(?:\s+(.+?))?\s*$/.exec(text);
  if (!m) throw bad(`"${text}" is not id=values.`);
  const [, isDose, id, spec, unit] = m;
  if (unit !== undefined && !parseUnit(unit).ok) throw bad(`Unknown unit "${unit}" in "${text}".`);
  let values: number[];
  let log = false;
  const range = spec.split(":");
  if (range.length >= 3) {
    const [a, b, n, mode] = range;
    const from = Number(a);
    const to = Number(b);
    const count = Number(n);
    if (![from, to].every(Number.isFinite)) throw bad(`"${spec}": from and to must be numbers.`);
    if (!Number.isInteger(count) || count < 2 || count > MAX_SWEEP_VALUES)
      throw bad(`"${spec}": n must be a whole number from 2 to ${MAX_SWEEP_VALUES}.`);
    if (range.length > 4 || (mode !== undefined && mode !== "log" && mode !== "lin"))
      throw bad(`"${spec}": write from:to:n or from:to:n:log.`);
    log = mode === "log";
    if (log && !(from > 0 && to > 0)) throw bad(`"${spec}": a log range needs positive ends.`);
    values = Array.from({ length: count }, (_, i) => {
      const f = i / (count - 1);
      const v = log ? Math.exp(Math.log(from) + f * (Math.log(to) - Math.log(from))) : from + f * (to - from);
      return Number(v.toPrecision(12));
    });
  } else {
    values = spec.split(",").map((s) => Number(s));
    if (values.some((v, i) => spec.split(",")[i].trim() === "" || !Number.isFinite(v)))
      throw bad(`"${spec}": values must be numbers separated by commas.`);
    if (values.length > MAX_SWEEP_VALUES) throw bad(`At most ${MAX_SWEEP_VALUES} values.`);
  }
  return {
    text,
    target: isDose ? { kind: "dose", drug: id } : { kind: "parameter", id },
    values,
    ...(unit !== undefined ? { unit } : {}),
    log,
  };
}

/** The overrides for one value of a sweep, on top of the command line's --set. */
export function overridesFor(v: Vary, value: number, base: Overrides): Overrides {
  if (v.target.kind === "dose")
    return { ...base, dose: { drug: v.target.drug, value, ...(v.unit ? { unit: v.unit } : {}) } };
  return { ...base, set: { ...(base.set ?? {}), [v.target.id]: v.unit ? `${value} ${v.unit}` : value } };
}

export function variedLabel(v: Vary): string {
  return v.target.kind === "dose" ? `${v.target.drug} dose` : v.target.id;
}
