/**
 * Running named scenarios for validation rows and reading their series: the value at a time,
 * the peak and its time (refined by a parabola through the top three points), the first time a
 * level is crossed, and the integral.
 */
import type { ResolvedScenario, TimelineEntry } from "../../../core/scenario/types.js";
import { runScenario } from "../../run.js";
import type { LibraryModel } from "../../types.js";
import { SCENARIOS } from "../scenarios.js";

export interface Series {
  readonly t: readonly number[];
  readonly status: string;
  values(id: string): readonly number[];
  at(id: string, t: number): number;
  peak(id: string, from?: number, to?: number): { value: number; t: number };
  /** First time the series reaches `level` from below (linear interpolation), NaN if never. */
  reaches(id: string, level: number, from?: number): number;
  final(id: string): number;
}

export interface RunSpec {
  readonly observables: readonly string[];
  readonly times?: readonly number[];
  readonly parameters?: Readonly<Record<string, number>>;
  readonly genotype?: readonly string[];
  /** Replaces the scenario's timeline. */
  readonly timeline?: readonly TimelineEntry[];
  readonly end?: number;
}

export function named(id: string): ResolvedScenario {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(`il6sim internal error: no named scenario "${id}"`);
  return s.scenario;
}

/** Hourly to 72 h, then every 2 h. */
export const denseTimes = (end: number): number[] => {
  const out: number[] = [];
  for (let t = 0; t <= end + 1e-9; t += t < 72 ? (t < 12 ? 0.25 : 1) : 2) out.push(Math.round(t * 100) / 100);
  return out;
};

export function run(lib: LibraryModel, base: ResolvedScenario, spec: RunSpec): Series {
  const end = spec.end ?? base.end;
  const sc: ResolvedScenario = {
    ...base,
    end,
    parameters: { ...base.parameters, ...(spec.parameters ?? {}) },
    genotype: spec.genotype ?? base.genotype,
    timeline: spec.timeline ?? base.timeline,
    output: { times: spec.times ?? denseTimes(end), observables: spec.observables },
  };
  const r = runScenario(lib, sc);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  const res = r.result;
  if (res.status !== "ok") throw new Error(`${base.name ?? "scenario"}: ${res.message}`);
  const t = res.t;
  const values = (id: string) => {
    const v = res.observables[id];
    if (!v) throw new Error(`il6sim internal error: observable "${id}" was not simulated`);
    return v;
  };
  const index = (x: number) => {
    const i = t.findIndex((u) => Math.abs(u - x) < 1e-9);
    if (i < 0) throw new Error(`il6sim internal error: no output at t = ${x}`);
    return i;
  };
  return {
    t,
    status: res.status,
    values,
    at: (id, x) => values(id)[index(x)],
    final: (id) => values(id)[t.length - 1],
    peak(id, from = -Infinity, to = Infinity) {
      const v = values(id);
      let k = -1;
      for (let i = 0; i < t.length; i++) if (t[i] >= from && t[i] <= to && (k < 0 || v[i] > v[k])) k = i;
      if (k <= 0 || k >= t.length - 1) return { value: v[k], t: t[k] };
      // parabola through the top three points
      const [t0, t1, t2] = [t[k - 1], t[k], t[k + 1]];
      const [y0, y1, y2] = [v[k - 1], v[k], v[k + 1]];
      const d = (t0 - t1) * (t0 - t2) * (t1 - t2);
      const a = (t2 * (y1 - y0) + t1 * (y0 - y2) + t0 * (y2 - y1)) / d;
      const b = (t2 * t2 * (y0 - y1) + t1 * t1 * (y2 - y0) + t0 * t0 * (y1 - y2)) / d;
      const tv = a < 0 ? -b / (2 * a) : t1;
      return { value: v[k], t: tv >= t0 && tv <= t2 ? tv : t1 };
    },
    reaches(id, level, from = -Infinity) {
      const v = values(id);
      for (let i = 1; i < t.length; i++)
        if (t[i] >= from && v[i - 1] < level && v[i] >= level) return t[i - 1] + ((level - v[i - 1]) / (v[i] - v[i - 1])) * (t[i] - t[i - 1]);
      return NaN;
    },
  };
}

/** A cache of runs for one validate() call, keyed by a label. */
export function runCache(lib: LibraryModel): (key: string, make: () => { base: ResolvedScenario; spec: RunSpec }) => Series {
  const cache = new Map<string, Series>();
  return (key, make) => {
    const hit = cache.get(key);
    if (hit) return hit;
    const { base, spec } = make();
    const s = run(lib, base, spec);
    cache.set(key, s);
    return s;
  };
}
