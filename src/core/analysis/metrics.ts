/**
 * Scalar metrics of one observable's time course, the quantities sensitivities are taken of:
 * `peak`, `t_peak`, `min`, `auc` (trapezoid), `final`, `at=T` (linear interpolation).
 * Written `observable:metric`, e.g. `hepatocyte_pSTAT3_nuclear_fraction:peak`,
 * `brdu_labeling_index_percent:t_peak`, `liver_mass_percent_of_preop:at=72`.
 */
import { type Issue, issue } from "../issues.js";

export type MetricKind = "peak" | "t_peak" | "min" | "auc" | "final" | "at";

export interface MetricSpec {
  readonly observable: string;
  readonly kind: MetricKind;
  /** Time for `at`. */
  readonly at?: number;
  /** The text it was written as. */
  readonly label: string;
}

const KINDS = ["peak", "t_peak", "min", "auc", "final"];

export function parseMetric(
  text: string,
  path = "metric",
): { ok: true; metric: MetricSpec } | { ok: false; issues: Issue[] } {
  const i = text.lastIndexOf(":");
  const fail = (message: string) => ({
    ok: false as const,
    issues: [
      issue("bad-metric", path, message, {
        hint: "Write observable:peak, :t_peak, :min, :auc, :final or :at=T (T in the model's time unit).",
      }),
    ],
  });
  if (i <= 0) return fail(`"${text}" is not observable:metric.`);
  const observable = text.slice(0, i);
  const m = text.slice(i + 1);
  if (KINDS.includes(m)) return { ok: true, metric: { observable, kind: m as MetricKind, label: text } };
  const at = /^at=(.+)$/.exec(m);
  if (at) {
    const t = Number(at[1]);
    if (!Number.isFinite(t)) return fail(`"${at[1]}" in "${text}" is not a time.`);
    return { ok: true, metric: { observable, kind: "at", at: t, label: text } };
  }
  return fail(`Unknown metric "${m}" in "${text}".`);
}

/** The metric of values y at times t (sorted). NaN when t is empty or T is outside [t0, tEnd]. */
export function computeMetric(spec: MetricSpec, t: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = t.length;
  if (n === 0) return NaN;
  switch (spec.kind) {
    case "peak":
    case "t_peak": {
      let k = 0;
      for (let i = 1; i < n; i++) if (y[i] > y[k]) k = i;
      return spec.kind === "peak" ? y[k] : t[k];
    }
    case "min": {
      let v = y[0];
      for (let i = 1; i < n; i++) v = Math.min(v, y[i]);
      return v;
    }
    case "auc": {
      let s = 0;
      for (let i = 1; i < n; i++) s += 0.5 * (t[i] - t[i - 1]) * (y[i] + y[i - 1]);
      return s;
    }
    case "final":
      return y[n - 1];
    case "at": {
      const T = spec.at!;
      if (T < t[0] || T > t[n - 1]) return NaN;
      for (let i = 1; i < n; i++)
        if (t[i] >= T) {
          const w = t[i] === t[i - 1] ? 1 : (T - t[i - 1]) / (t[i] - t[i - 1]);
          return y[i - 1] + w * (y[i] - y[i - 1]);
        }
      return y[n - 1];
    }
  }
}
