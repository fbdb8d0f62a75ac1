/**
 * Quantities in scenario files: "number unit" strings converted with the core units table.
 * No guessing: a bare number is accepted only where its unit is unambiguous (0 for a time,
 * a parameter in its own unit, a fraction, model time for an SBML model without time units).
 */
import { convert, parseQuantity, parseUnit, type Quantity } from "../../core/units.js";
import type { FieldPath } from "./text.js";
import type { IssueSink } from "./sink.js";
import { pathText } from "./text.js";

export interface TimeContext {
  /** The model's time unit ("h"); "" when the model declares none (some SBML files). */
  readonly unit: string;
  /** Bare numbers mean model time (SBML models). */
  readonly bareIsModelTime: boolean;
}

const TIME_HINT = 'Use s, min, h, d or week, e.g. "30 min" or "7 d".';

/** A time in the model's time unit, or undefined (with an issue). */
export function timeValue(
  v: string | number,
  path: FieldPath,
  ctx: TimeContext,
  sink: IssueSink,
): number | undefined {
  const q = quantityValue(v, path, sink, ctx.bareIsModelTime || v === 0 || v === "0");
  if (!q) return undefined;
  if (q.unit === "1") return q.value;
  if (ctx.unit === "") {
    sink.add(
      "wrong-unit",
      path,
      `"${v}": this model declares no time unit.`,
      "Give a bare number in the model's time.",
    );
    return undefined;
  }
  const c = convert(q.value, q.unit, ctx.unit, pathText(path));
  if (!c.ok) {
    sink.add("wrong-unit", path, `"${v}" is not a time.`, TIME_HINT);
    return undefined;
  }
  return tidy(c.value);
}

/**
 * "2 ug" -> { value: 2, unit: "ug" }. A bare number (or a number without a unit) is an issue
 * unless `bareOk`, in which case its unit is "1".
 */
export function quantityValue(
  v: string | number,
  path: FieldPath,
  sink: IssueSink,
  bareOk = false,
  exampleUnit = "h",
): Quantity | undefined {
  if (typeof v === "number" && !Number.isFinite(v)) {
    sink.add("out-of-range", path, `${v} is not a finite number.`);
    return undefined;
  }
  const q: Quantity | undefined = typeof v === "number" ? { value: v, unit: "1" } : parseOne(v, path, sink);
  if (!q) return undefined;
  if (q.unit === "1" && !bareOk) {
    sink.add(
      "missing-unit",
      path,
      `${JSON.stringify(v)} has no unit.`,
      `Write a number and a unit, e.g. "${q.value} ${exampleUnit}".`,
    );
    return undefined;
  }
  return q;
}

function parseOne(text: string, path: FieldPath, sink: IssueSink): Quantity | undefined {
  const r = parseQuantity(text, pathText(path));
  if (!r.ok) {
    const message = r.issue.message.replace(/ in "[^"]*"\.$/, ` in "${text}".`);
    sink.add(r.issue.code, path, message, r.issue.hint);
    return undefined;
  }
  if (!Number.isFinite(r.quantity.value)) {
    sink.add("out-of-range", path, `"${text}" is not a finite number.`);
    return undefined;
  }
  return r.quantity;
}

/**
 * A value in a given unit: a bare number is taken in that unit (a parameter's own unit, as the
 * format says); a quantity is converted to it. With no declared unit only bare numbers work.
 */
export function valueIn(
  v: string | number,
  unit: string | undefined,
  path: FieldPath,
  sink: IssueSink,
): number | undefined {
  const q = quantityValue(v, path, sink, true);
  if (!q) return undefined;
  if (q.unit === "1") return q.value;
  const target = unit ?? "";
  if (target === "" || !parseUnit(target).ok) {
    sink.add(
      "wrong-unit",
      path,
      `"${v}" has a unit, but this value has no declared unit to convert to.`,
      "Give a bare number.",
    );
    return undefined;
  }
  const c = convert(q.value, q.unit, target, pathText(path));
  if (!c.ok) {
    sink.add(
      "wrong-unit",
      path,
      `"${v}" cannot be converted to ${target}.`,
      `Give the value in ${target}, or in a unit of the same kind.`,
    );
    return undefined;
  }
  return tidy(c.value);
}

/** A converted value without binary noise (70 % -> 0.7, not 0.7000000000000001). */
export function tidy(x: number): number {
  return Number(x.toPrecision(12));
}
