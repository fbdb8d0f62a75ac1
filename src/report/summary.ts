/**
 * Summaries researchers read: peak, time of peak, AUC (trapezoid over the output times),
 * final value, nadir; for "% of pre-operative" observables, the time to 90% recovery; for
 * compared scenarios, differences against the first (baseline) scenario.
 */

export interface Summary {
  readonly peak: number | null;
  readonly t_peak: number | null;
  /** Trapezoid over the output times, in unit × time unit. */
  readonly auc: number | null;
  readonly final: number | null;
  readonly min: number | null;
  readonly t_min: number | null;
  /** "% of pre-op" observables only: first time after the nadir at which the value is back at 90. */
  readonly t_recovery_90?: number | null;
}

/** Observables for which the time to 90% recovery is reported. */
export const isPercentOfPreop = (id: string): boolean => id.endsWith("_percent_of_preop");

export function trapezoid(t: readonly number[], y: readonly number[]): number | null {
  let s = 0;
  let any = false;
  for (let i = 1; i < t.length; i++) {
    if (!Number.isFinite(y[i]) || !Number.isFinite(y[i - 1])) continue;
    s += 0.5 * (y[i] + y[i - 1]) * (t[i] - t[i - 1]);
    any = true;
  }
  return any ? s : null;
}

/**
 * The first time after the nadir at which the series reaches `level` again (linear
 * interpolation between output times); null if it never dips below or never comes back.
 */
export function recoveryTime(t: readonly number[], y: readonly number[], level = 90): number | null {
  let iMin = -1;
  for (let i = 0; i < y.length; i++) if (Number.isFinite(y[i]) && (iMin < 0 || y[i] < y[iMin])) iMin = i;
  if (iMin < 0 || y[iMin] >= level) return null;
  for (let i = iMin + 1; i < y.length; i++) {
    if (y[i] >= level) {
      const f = (level - y[i - 1]) / (y[i] - y[i - 1]);
      return t[i - 1] + f * (t[i] - t[i - 1]);
    }
  }
  return null;
}

export function summarize(t: readonly number[], y: readonly number[], id = ""): Summary {
  let iMax = -1;
  let iMin = -1;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) continue;
    if (iMax < 0 || y[i] > y[iMax]) iMax = i;
    if (iMin < 0 || y[i] < y[iMin]) iMin = i;
  }
  const last = y.length > 0 && Number.isFinite(y[y.length - 1]) ? y[y.length - 1] : null;
  return {
    peak: iMax >= 0 ? y[iMax] : null,
    t_peak: iMax >= 0 ? t[iMax] : null,
    auc: trapezoid(t, y),
    final: last,
    min: iMin >= 0 ? y[iMin] : null,
    t_min: iMin >= 0 ? t[iMin] : null,
    ...(isPercentOfPreop(id) ? { t_recovery_90: recoveryTime(t, y) } : {}),
  };
}

export function summarizeAll(
  t: readonly number[],
  observables: Readonly<Record<string, readonly number[]>>,
): Record<string, Summary> {
  return Object.fromEntries(Object.entries(observables).map(([id, y]) => [id, summarize(t, y, id)]));
}

export interface Difference {
  readonly delta: number | null;
  /** other / baseline; null when the baseline is 0 or a value is missing. */
  readonly ratio?: number | null;
}

export type SummaryDifference = Partial<Record<keyof Summary, Difference>>;

const RATIO_KEYS: ReadonlySet<keyof Summary> = new Set(["peak", "auc", "final", "min"]);

/** other − baseline (and other / baseline for levels) for every summary value both have. */
export function compareSummaries(baseline: Summary, other: Summary): SummaryDifference {
  const out: SummaryDifference = {};
  for (const key of Object.keys(baseline) as (keyof Summary)[]) {
    const a = baseline[key];
    const b = other[key];
    const delta = a === null || a === undefined || b === null || b === undefined ? null : b - a;
    out[key] = RATIO_KEYS.has(key)
      ? { delta, ratio: delta === null || a === 0 ? null : (b as number) / (a as number) }
      : { delta };
  }
  return out;
}
