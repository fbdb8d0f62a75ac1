/**
 * What the scenario builder edits, and the scenario file object it becomes (the same format as
 * scenario files: "number unit" strings). Reading a named scenario back keeps what the builder
 * has no control for (set entries, explicit output times) untouched, so nothing is lost.
 */
import type { ModelCatalogue, ScenarioFile } from "../api";

export interface DoseRow {
  drug: string;
  amount: number;
  unit: string;
  route: string;
  at: number;
  /** Hours, for iv_infusion. */
  duration: number;
}

export interface InjuryChoice {
  id: string;
  at: number;
  params: Record<string, number>;
}

export interface Override {
  id: string;
  value: number;
}

export interface BuilderState {
  model: string;
  name: string;
  organism: string;
  end: number;
  endUnit: "h" | "d";
  injury: InjuryChoice | null;
  doses: DoseRow[];
  genotype: string[];
  overrides: Override[];
  observables: string[];
  /** Output step ("0.5 h"); empty: the model's default. */
  every: string;
  /** Timeline entries the builder does not edit (set, unknown), kept as they were. */
  otherEntries: ScenarioFile[];
  /** Explicit output times, kept when no step is given. */
  times?: unknown[];
  /** Top-level fields the builder does not edit (solver, steady_state_start, description), kept. */
  extra: ScenarioFile;
}

const EDITED = ["model", "name", "organism", "end", "genotype", "parameters", "timeline", "output", "start"];

export function blankState(m: ModelCatalogue, organism?: string): BuilderState {
  return {
    model: m.id,
    name: "my_scenario",
    organism: organism ?? m.organisms[0],
    end: 48,
    endUnit: "h",
    injury: null,
    doses: [],
    genotype: [],
    overrides: [],
    observables: [...m.default_observables],
    every: "",
    otherEntries: [],
    extra: {},
  };
}

/** "2.5 ug" -> [2.5, "ug"]; a bare number has unit "". */
export function splitQuantity(q: unknown): [number, string] {
  if (typeof q === "number") return [q, ""];
  const m = /^\s*([-+]?[\d.]+(?:e[-+]?\d+)?)\s*(.*)$/i.exec(String(q ?? ""));
  return m ? [Number(m[1]), m[2].trim()] : [NaN, String(q)];
}

/** Hours from "30 min", "2 d", "1 week", "12 h". */
export function hours(q: unknown): number {
  const [v, u] = splitQuantity(q);
  const f: Record<string, number> = {
    "": 1,
    h: 1,
    hr: 1,
    hour: 1,
    hours: 1,
    min: 1 / 60,
    s: 1 / 3600,
    d: 24,
    day: 24,
    days: 24,
    week: 168,
    weeks: 168,
    w: 168,
  };
  return v * (f[u] ?? 1);
}

const num = (x: number) => Number(x.toPrecision(10));

export function toScenario(s: BuilderState, m: ModelCatalogue): ScenarioFile {
  const timeline: ScenarioFile[] = [];
  for (const d of s.doses)
    timeline.push({
      at: `${num(d.at)} h`,
      dose: {
        drug: d.drug,
        amount: `${num(d.amount)} ${d.unit}`,
        route: d.route,
        ...(d.route === "iv_infusion" ? { duration: `${num(d.duration)} h` } : {}),
      },
    });
  if (s.injury) {
    const inj = m.injuries.find((i) => i.id === s.injury!.id);
    const params = Object.fromEntries(
      (inj?.params ?? []).map((p) => {
        const v = s.injury!.params[p.name] ?? p.min;
        return [p.name, p.unit === "1" || p.unit === "" ? v : `${num(v)} ${p.unit}`];
      }),
    );
    timeline.push({ at: `${num(s.injury.at)} h`, [s.injury.id]: params });
  }
  timeline.push(...s.otherEntries);
  timeline.sort((a, b) => hours(a.at) - hours(b.at));
  const output: Record<string, unknown> = { observables: s.observables };
  if (s.every.trim()) output.every = s.every.trim();
  else if (s.times) output.times = s.times;
  return {
    ...s.extra,
    model: s.model,
    name: s.name.trim() || "scenario",
    organism: s.organism,
    end: `${num(s.end)} ${s.endUnit}`,
    genotype: s.genotype,
    parameters: Object.fromEntries(s.overrides.filter((o) => o.id).map((o) => [o.id, o.value])),
    timeline,
    output,
  };
}

/** A scenario file object (a named scenario, a stored run) into the builder. */
export function fromScenario(f: ScenarioFile, m: ModelCatalogue): BuilderState {
  const s = blankState(m, typeof f.organism === "string" ? f.organism : undefined);
  s.name = typeof f.name === "string" ? f.name : s.name;
  const endH = hours(f.end);
  s.endUnit = endH > 72 && endH % 24 === 0 ? "d" : "h";
  s.end = s.endUnit === "d" ? endH / 24 : endH;
  s.genotype = Array.isArray(f.genotype)
    ? (f.genotype as string[])
    : typeof f.genotype === "string"
      ? [f.genotype]
      : [];
  const params = (f.parameters ?? {}) as Record<string, number>;
  s.overrides = Object.entries(params).map(([id, value]) => ({ id, value: Number(value) }));
  const injuries = new Set(m.injuries.map((i) => i.id));
  for (const e of (Array.isArray(f.timeline) ? f.timeline : []) as ScenarioFile[]) {
    const at = hours(e.at);
    const dose = e.dose as Record<string, unknown> | undefined;
    const injuryKey = Object.keys(e).find((k) => injuries.has(k));
    if (dose) {
      const [amount, unit] = splitQuantity(dose.amount);
      s.doses.push({
        drug: String(dose.drug),
        amount,
        unit,
        route: String(dose.route ?? "iv"),
        at,
        duration: hours(dose.duration ?? "1 h"),
      });
    } else if (injuryKey && !s.injury) {
      const raw = (e[injuryKey] ?? {}) as Record<string, unknown>;
      s.injury = {
        id: injuryKey,
        at,
        params: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, splitQuantity(v)[0]])),
      };
    } else s.otherEntries.push(e);
  }
  const out = (f.output ?? {}) as Record<string, unknown>;
  if (Array.isArray(out.observables)) s.observables = out.observables as string[];
  s.every = typeof out.every === "string" || typeof out.every === "number" ? String(out.every) : "";
  if (Array.isArray(out.times)) s.times = out.times;
  s.extra = Object.fromEntries(Object.entries(f).filter(([k]) => !EDITED.includes(k)));
  return s;
}
