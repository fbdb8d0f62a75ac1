/**
 * Metrics of a time course, named on command lines and in sweeps:
 * "observable:peak|t_peak|auc|final|min|t_min|t_recovery_90|at=T" (T with a time unit).
 */
import { convert, parseQuantity } from "../core/units.js";
import { summarize, type Summary } from "./summary.js";

export type MetricKind = "peak" | "t_peak" | "auc" | "final" | "min" | "t_min" | "t_recovery_90" | "at";
export const METRIC_KINDS: readonly MetricKind[] = [
  "peak",
  "t_peak",
  "auc",
  "final",
  "min",
  "t_min",
  "t_recovery_90",
  "at",
];

export interface Metric {
  readonly text: string;
  readonly observable: string;
  readonly kind: MetricKind;
  /** For "at": the time in the model's time unit. */
  readonly at?: number;
}

export function parseMetric(
  text: string,
  timeUnit: string,
): { ok: true; metric: Metric } | { ok: false; message: string } {
  const m = /^([^:\s]+):(\w+)(?:=(.+))?$/.exec(text.trim());
  if (!m)
    return {
      ok: false,
      message: `"${text}" is not a metric. Write observable:peak, observable:auc or observable:at=24h.`,
    };
  const [, observable, kind, arg] = m;
  if (!METRIC_KINDS.includes(kind as MetricKind))
    return {
      ok: false,
      message: `Unknown metric "${kind}" in "${text}". Allowed: ${METRIC_KINDS.join(", ")} (at=T).`,
    };
  if (kind !== "at") {
    if (arg !== undefined) return { ok: false, message: `Metric "${kind}" takes no value (in "${text}").` };
    return { ok: true, metric: { text, observable, kind: kind as MetricKind } };
  }
  if (arg === undefined)
    return { ok: false, message: `"${text}": write at=T with a time, e.g. ${observable}:at=24h.` };
  const q = parseQuantity(arg.replace(/^([-+.\d eE]+?)([a-zA-Z])/, "$1 $2"));
  if (!q.ok || q.quantity.unit === "1")
    return { ok: false, message: `"${arg}" in "${text}" is not a time with a unit, e.g. 24h or 30 min.` };
  const c = timeUnit === "" ? { ok: false as const } : convert(q.quantity.value, q.quantity.unit, timeUnit);
  if (!c.ok) return { ok: false, message: `"${arg}" in "${text}" is not a time.` };
  return { ok: true, metric: { text, observable, kind: "at", at: c.value } };
}

/** Linear interpolation of y at time T, or null outside the output times. */
export function valueAt(t: readonly number[], y: readonly number[], T: number): number | null {
  if (t.length === 0 || T < t[0] - 1e-9 || T > t[t.length - 1] + 1e-9) return null;
  for (let i = 0; i < t.length; i++) {
    if (Math.abs(t[i] - T) <= 1e-9 * Math.max(1, Math.abs(T))) return y[i];
    if (t[i] > T) return y[i - 1] + ((T - t[i - 1]) / (t[i] - t[i - 1])) * (y[i] - y[i - 1]);
  }
  return y[y.length - 1];
}

export function evaluateMetric(metric: Metric, t: readonly number[], y: readonly number[]): number | null {
  if (metric.kind === "at") return valueAt(t, y, metric.at!);
  const s: Summary = summarize(t, y, metric.kind === "t_recovery_90" ? "x_percent_of_preop" : "");
  const v = s[metric.kind];
  return v === undefined ? null : v;
}

/** Unit of a metric's value given the observable's unit and the time unit. */
export function metricUnit(kind: MetricKind, unit: string, timeUnit: string): string {
  if (kind === "t_peak" || kind === "t_min" || kind === "t_recovery_90") return timeUnit;
  if (kind === "auc") return unit === "1" ? timeUnit : `${unit}·${timeUnit}`;
  return unit;
}
