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
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Evenly spaced "nice" time ticks (hours: multiples of 1, 2, 6, 12, 24, 48, 168 ...). */
export function timeTicks(start: number, end: number, timeUnit: string, maxTicks = 7): number[] {
  const span = end - start;
  if (!(span > 0)) return [start];
  const hourSteps = [0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 672, 1344, 2688, 8760];
  const generic = [1, 2, 5]
    .flatMap((m) => [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((e) => m * 10 ** e))
    .sort((a, b) => a - b);
  const steps = timeUnit === "h" ? hourSteps : generic;
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
