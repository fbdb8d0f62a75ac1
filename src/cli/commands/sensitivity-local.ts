/**
 * Local sensitivities of metrics from the engine's forward sensitivities (one augmented run
 * instead of 2·np + 1): on the output grid, d peak/dθ and d min/dθ are the sensitivities at the
 * extremum (envelope theorem), d auc/dθ the trapezoid of the sensitivities, d y(T)/dθ their
 * interpolation, d final/dθ the last row. Times of extrema (t_peak, t_min, t_recovery_90) are
 * not differentiable on a grid; the caller takes those by finite differences.
 */
import type { CompiledModel } from "../../core/compile/index.js";
import { engineSupports } from "../../core/estimate/engine-sensitivities.js";
import type { ResolvedScenario } from "../../core/scenario/types.js";
import type { LibraryModel } from "../../models/types.js";
import type { Metric } from "../../report/metrics.js";
import { scenarioSensitivities } from "./fit-scenario-sensitivities.js";

const DIFFERENTIABLE = new Set(["peak", "min", "auc", "final", "at"]);

export const isDifferentiable = (m: Metric) => DIFFERENTIABLE.has(m.kind);

/** Metric value and its gradient (length np) from a trajectory y (nt) and its sensitivities s (nt × np). */
export function metricGradient(
  metric: Metric,
  t: readonly number[],
  y: Float64Array,
  s: Float64Array,
  np: number,
): { value: number; d: Float64Array } {
  const nt = t.length;
  const row = (i: number) => s.slice(i * np, (i + 1) * np);
  switch (metric.kind) {
    case "peak":
    case "min": {
      let k = -1;
      for (let i = 0; i < nt; i++)
        if (Number.isFinite(y[i]) && (k < 0 || (metric.kind === "peak" ? y[i] > y[k] : y[i] < y[k]))) k = i;
      return k < 0 ? { value: NaN, d: new Float64Array(np).fill(NaN) } : { value: y[k], d: row(k) };
    }
    case "auc": {
      let v = 0;
      const d = new Float64Array(np);
      for (let i = 1; i < nt; i++) {
        const w = 0.5 * (t[i] - t[i - 1]);
        v += w * (y[i] + y[i - 1]);
        for (let k = 0; k < np; k++) d[k] += w * (s[i * np + k] + s[(i - 1) * np + k]);
      }
      return { value: v, d };
    }
    case "final":
      return { value: y[nt - 1], d: row(nt - 1) };
    case "at": {
      const T = metric.at!;
      for (let i = 0; i < nt; i++) {
        if (Math.abs(t[i] - T) <= 1e-9 * Math.max(1, Math.abs(T))) return { value: y[i], d: row(i) };
        if (t[i] > T && i > 0) {
          const w = (T - t[i - 1]) / (t[i] - t[i - 1]);
          const d = Float64Array.from(
            { length: np },
            (_, k) => s[(i - 1) * np + k] + w * (s[i * np + k] - s[(i - 1) * np + k]),
          );
          return { value: y[i - 1] + w * (y[i] - y[i - 1]), d };
        }
      }
      return { value: NaN, d: new Float64Array(np).fill(NaN) };
    }
    default:
      return { value: NaN, d: new Float64Array(np).fill(NaN) };
  }
}

/** Normalised coefficients d ln m / d ln θ for the differentiable metrics (NaN rows for the others), or why not. */
export function localBySensitivities(
  lib: LibraryModel,
  scenario: ResolvedScenario,
  model: CompiledModel,
  metrics: readonly Metric[],
  ids: readonly string[],
  valueOf: (id: string) => number,
): { ok: true; coefficients: number[][]; nominal: number[] } | { ok: false; reason: string } {
  const support = engineSupports(model, ids);
  if (support !== true) return { ok: false, reason: support };
  const t0 = scenario.start ?? Math.min(0, ...scenario.timeline.map((e) => e.at));
  const times = scenario.output.times.filter((t) => t >= t0 && t <= scenario.end);
  const quantities = [...new Set(metrics.map((m) => m.observable))];
  const out = scenarioSensitivities(
    lib,
    scenario,
    valueOf,
  )({ overrides: new Map(), times, quantities, parameters: ids });
  if (!out.ok) return { ok: false, reason: out.message };
  const np = ids.length;
  const coefficients: number[][] = [];
  const nominal: number[] = [];
  for (const m of metrics) {
    const q = quantities.indexOf(m.observable);
    if (!isDifferentiable(m)) {
      coefficients.push(ids.map(() => NaN));
      nominal.push(NaN);
      continue;
    }
    const g = metricGradient(m, times, out.values[q], out.sensitivities[q], np);
    nominal.push(g.value);
    coefficients.push(ids.map((id, k) => (g.value === 0 ? NaN : (valueOf(id) * g.d[k]) / g.value)));
  }
  return { ok: true, coefficients, nominal };
}
