/**
 * Local sensitivity: normalised coefficients S = d ln(metric) / d ln(p) at the nominal point
 * (the "elasticities" of metabolic control analysis). Computed today by central differences in
 * ln p (2·np extra model runs), labelled as such; the seam is the same as for fitting, so
 * engine forward sensitivities replace the differences without changing callers.
 */

export interface LocalSensitivityOptions {
  /** Relative step in ln p (default 1e-3: accurate for peak values, coarse for t_peak on a grid). */
  readonly relativeStep?: number;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LocalSensitivityResult {
  readonly method: string;
  readonly parameters: readonly string[];
  readonly metrics: readonly string[];
  readonly nominal: readonly number[];
  /** coefficients[m][k] = d ln metric_m / d ln p_k (NaN where a run failed or metric = 0). */
  readonly coefficients: number[][];
  readonly failures: readonly string[];
  readonly runs: number;
  readonly cancelled: boolean;
}

/**
 * `run(values)` simulates with the given parameter values and returns the metric values, or a
 * failure message. Parameters must be positive (they are scaled in ln p).
 */
export function localSensitivity(
  parameters: readonly { id: string; value: number }[],
  metrics: readonly string[],
  run: (
    values: ReadonlyMap<string, number>,
  ) => { ok: true; values: number[] } | { ok: false; message: string },
  options: LocalSensitivityOptions = {},
): LocalSensitivityResult {
  const h = options.relativeStep ?? 1e-3;
  const base = new Map(parameters.map((p) => [p.id, p.value]));
  const failures: string[] = [];
  const nominal = run(base);
  let runs = 1;
  const coefficients = metrics.map(() => parameters.map(() => NaN));
  const out = (cancelled: boolean): LocalSensitivityResult => ({
    method: "central finite differences in ln p",
    parameters: parameters.map((p) => p.id),
    metrics,
    nominal: nominal.ok ? nominal.values : metrics.map(() => NaN),
    coefficients,
    failures,
    runs,
    cancelled,
  });
  if (!nominal.ok) {
    failures.push(`nominal: ${nominal.message}`);
    return out(false);
  }
  for (let k = 0; k < parameters.length; k++) {
    if (options.shouldStop?.()) return out(true);
    const p = parameters[k];
    if (!(p.value > 0)) {
      failures.push(`${p.id}: value ${p.value} is not positive, so d ln p is undefined`);
      continue;
    }
    const at = (f: number) => run(new Map(base).set(p.id, p.value * Math.exp(f * h)));
    const up = at(1);
    const dn = at(-1);
    runs += 2;
    if (!up.ok || !dn.ok) {
      failures.push(`${p.id}: ${!up.ok ? up.message : !dn.ok ? dn.message : ""}`);
      continue;
    }
    metrics.forEach((_, m) => {
      const y0 = nominal.values[m];
      const a = up.values[m];
      const b = dn.values[m];
      // (ln y+ − ln y−) / 2h is exact for power laws; fall back to the linear form across a sign change
      coefficients[m][k] =
        a * b > 0 && a * y0 > 0 ? Math.log(a / b) / (2 * h) : y0 === 0 ? NaN : (a - b) / (2 * h * y0);
    });
    options.onProgress?.(k + 1, parameters.length);
  }
  return out(false);
}
