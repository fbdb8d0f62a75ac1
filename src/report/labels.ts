/** How units and observables read on axes: "ug/mL" -> "µg/mL", "1" -> "fraction" or "fold". */

export function prettyUnit(unit: string): string {
  return unit.replace(/\bu(g|L|M|mol)\b/g, "µ$1").replace(/\*/g, "·");
}

export function axisUnit(id: string, unit: string): string {
  if (unit !== "1" && unit !== "") return prettyUnit(unit);
  if (id.endsWith("_fold")) return "fold over baseline";
  if (id.endsWith("_fraction")) return "fraction";
  if (id.endsWith("_probability")) return "probability";
  return unit === "" ? "model units" : "dimensionless";
}

export function capitalise(s: string): string {
  // "free IL-6" -> "Free IL-6", but "sIL-6R ..." and "pSTAT3 ..." keep their case
  const first = s.split(/\s/)[0];
  return /^[a-z]+$/.test(first) ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Evenly spaced "nice" time ticks (hours: multiples of 1, 2, 6, 12, 24, 48, 168 ...). */
export function timeTicks(start: number, end: number, timeUnit: string, maxTicks = 7): number[] {
  const span = end - start;
  if (!(span > 0)) return [start];
  const hourSteps = [0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 672, 1344, 2688, 8760];
  const generic = [1, 2, 5]
    .flatMap((m) => [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((e) => m * 10 ** e))
    .sort((a, b) => a - b);
  const named: Record<string, number[]> = {
    h: hourSteps,
    d: [0.25, 0.5, 1, 2, 3, 7, 14, 28, 56, 91, 182, 365],
    week: [1, 2, 4, 8, 13, 26, 52, 104, 260],
  };
  const steps = named[timeUnit] ?? generic;
  const step = steps.find((s) => span / s <= maxTicks - 1) ?? span / (maxTicks - 1);
  const out: number[] = [];
  for (let k = Math.ceil(start / step - 1e-9); k * step <= end + 1e-9 * Math.max(1, Math.abs(end)); k++)
    out.push(Number((k * step).toPrecision(12)));
  return out;
}

/** Log scale when the positive values span at least two decades and few values are ≤ 0. */
export function wantsLog(values: readonly number[]): boolean {
  const finite = values.filter(Number.isFinite);
  const pos = finite.filter((v) => v > 0);
  if (pos.length < 2 || pos.length < 0.8 * finite.length) return false;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of pos) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi / lo >= 100;
}

/** Powers of ten covering the positive values (log-axis ticks and grid). */
export function decadeTicks(values: readonly number[]): number[] {
  const pos = values.filter((v) => Number.isFinite(v) && v > 0);
  if (pos.length === 0) return [];
  const lo = Math.floor(Math.log10(pos.reduce((a, b) => Math.min(a, b))) + 1e-9);
  const hi = Math.ceil(Math.log10(pos.reduce((a, b) => Math.max(a, b))) - 1e-9);
  const every = Math.max(1, Math.ceil((hi - lo) / 6));
  const out: number[] = [];
  for (let k = lo; k <= hi; k += every) out.push(Number((10 ** k).toPrecision(1)));
  return out;
}

/**
 * The unit a time axis reads best in, for model time in hours: hours up to three days, days up
 * to ten weeks, weeks beyond. `factor` divides model time into it.
 */
export function displayTime(span: number, timeUnit: string): { unit: string; factor: number } {
  if (timeUnit !== "h") return { unit: timeUnit, factor: 1 };
  if (span <= 72) return { unit: "h", factor: 1 };
  if (span <= 70 * 24) return { unit: "d", factor: 24 };
  return { unit: "week", factor: 168 };
}

/** Word-wrap a title into at most `lines` lines of about `width` characters (ellipsis beyond). */
export function wrapTitle(text: string, width: number, lines = 2): string[] {
  const words = text.split(/\s+/);
  const out: string[] = [];
  let cur = "";
  for (const w of words) {
    if (cur && (cur + " " + w).length > width) {
      out.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) out.push(cur);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  const last = kept[lines - 1];
  kept[lines - 1] = `${last.length < width ? last : last.slice(0, width - 1).trimEnd()}…`;
  return kept;
}
