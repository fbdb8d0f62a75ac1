/**
 * Quantities with units: a small, tested table (no silent guessing). A unit expression is
 * products and quotients of prefixed base units with integer powers: "ug", "mg/kg", "ng/mL",
 * "1/h", "nmol/L", "U/L", "mL/min/kg", "m^2". Conversion checks dimensions and reports
 * unknown units with a suggestion.
 */
import { type Issue, issue, suggestion } from "./issues.js";

/** Dimension exponents: mass, amount (mol), length, time, enzyme activity (U), cells. */
type Dim = [number, number, number, number, number, number];
const DIM_NAMES = ["mass", "amount", "length", "time", "activity", "cells"] as const;

interface UnitDef {
  readonly factor: number;
  readonly dim: Dim;
}

const BASE: Record<string, UnitDef> = {
  g: { factor: 1, dim: [1, 0, 0, 0, 0, 0] },
  mol: { factor: 1, dim: [0, 1, 0, 0, 0, 0] },
  m: { factor: 1, dim: [0, 0, 1, 0, 0, 0] },
  L: { factor: 1e-3, dim: [0, 0, 3, 0, 0, 0] },
  l: { factor: 1e-3, dim: [0, 0, 3, 0, 0, 0] },
  M: { factor: 1e3, dim: [0, 1, -3, 0, 0, 0] }, // mol/L
  s: { factor: 1 / 3600, dim: [0, 0, 0, 1, 0, 0] }, // time is kept in hours
  sec: { factor: 1 / 3600, dim: [0, 0, 0, 1, 0, 0] },
  min: { factor: 1 / 60, dim: [0, 0, 0, 1, 0, 0] },
  h: { factor: 1, dim: [0, 0, 0, 1, 0, 0] },
  hr: { factor: 1, dim: [0, 0, 0, 1, 0, 0] },
  hour: { factor: 1, dim: [0, 0, 0, 1, 0, 0] },
  d: { factor: 24, dim: [0, 0, 0, 1, 0, 0] },
  day: { factor: 24, dim: [0, 0, 0, 1, 0, 0] },
  week: { factor: 168, dim: [0, 0, 0, 1, 0, 0] },
  wk: { factor: 168, dim: [0, 0, 0, 1, 0, 0] },
  U: { factor: 1, dim: [0, 0, 0, 0, 1, 0] },
  cell: { factor: 1, dim: [0, 0, 0, 0, 0, 1] },
  cells: { factor: 1, dim: [0, 0, 0, 0, 0, 1] },
  "%": { factor: 0.01, dim: [0, 0, 0, 0, 0, 0] },
  "1": { factor: 1, dim: [0, 0, 0, 0, 0, 0] },
};
/** Units that take SI prefixes. */
const PREFIXABLE = new Set(["g", "mol", "m", "L", "l", "M", "s", "U"]);
const PREFIX: Record<string, number> = {
  G: 1e9,
  M: 1e6,
  k: 1e3,
  c: 1e-2,
  d: 1e-1,
  m: 1e-3,
  u: 1e-6,
  µ: 1e-6,
  μ: 1e-6,
  n: 1e-9,
  p: 1e-12,
  f: 1e-15,
};

const KNOWN = [
  ...Object.keys(BASE),
  ...[...PREFIXABLE].flatMap((b) =>
    Object.keys(PREFIX)
      .filter((p) => p !== "µ" && p !== "μ")
      .map((p) => p + b),
  ),
];

function lookup(sym: string): UnitDef | undefined {
  if (BASE[sym]) return BASE[sym];
  for (const [p, f] of Object.entries(PREFIX)) {
    if (sym.startsWith(p) && PREFIXABLE.has(sym.slice(p.length))) {
      const b = BASE[sym.slice(p.length)];
      return { factor: f * b.factor, dim: b.dim };
    }
  }
  return undefined;
}

export interface ParsedUnit {
  /** Multiply a value in this unit by factor to get base units (g, mol, m, h, U, cells). */
  readonly factor: number;
  readonly dim: Dim;
}

export type UnitResult = { ok: true; unit: ParsedUnit } | { ok: false; issue: Issue };

export function parseUnit(text: string, path = "unit"): UnitResult {
  const src = text.trim();
  if (src === "" || src === "1" || src === "dimensionless")
    return { ok: true, unit: { factor: 1, dim: [0, 0, 0, 0, 0, 0] } };
  let factor = 1;
  const dim: Dim = [0, 0, 0, 0, 0, 0];
  // split on * . / keeping the operator; the first term is multiplied
  const parts = src.split(/([*/·])/);
  let sign = 1;
  for (const raw of parts) {
    const part = raw.trim();
    if (part === "*" || part === "·") {
      sign = 1;
      continue;
    }
    if (part === "/") {
      sign = -1;
      continue;
    }
    const m = /^([^\s^]+?)(?:\^(-?\d+))?$/.exec(part);
    const def = m ? lookup(m[1]) : undefined;
    if (!m || !def) {
      const name = m ? m[1] : part;
      return {
        ok: false,
        issue: issue("unknown-unit", path, `Unknown unit "${name}" in "${text}".`, {
          hint: suggestion(name, KNOWN, "unit"),
        }),
      };
    }
    const power = sign * (m[2] !== undefined ? Number(m[2]) : 1);
    factor *= Math.pow(def.factor, power);
    for (let k = 0; k < 6; k++) dim[k] += def.dim[k] * power;
  }
  return { ok: true, unit: { factor, dim } };
}

function dimText(d: Dim): string {
  const parts = d.flatMap((e, k) => (e === 0 ? [] : [e === 1 ? DIM_NAMES[k] : `${DIM_NAMES[k]}^${e}`]));
  return parts.length ? parts.join("·") : "dimensionless";
}

/** Convert a value from one unit to another, or an issue if the dimensions differ. */
export function convert(
  value: number,
  from: string,
  to: string,
  path = "unit",
): { ok: true; value: number } | { ok: false; issue: Issue } {
  const a = parseUnit(from, path);
  if (!a.ok) return a;
  const b = parseUnit(to, path);
  if (!b.ok) return b;
  if (a.unit.dim.some((e, k) => e !== b.unit.dim[k])) {
    return {
      ok: false,
      issue: issue(
        "wrong-unit",
        path,
        `"${from}" (${dimText(a.unit.dim)}) cannot be converted to "${to}" (${dimText(b.unit.dim)}).`,
      ),
    };
  }
  return { ok: true, value: (value * a.unit.factor) / b.unit.factor };
}

/** Same dimensions? (e.g. is "mg/kg" a dose per body weight, is "ug" a mass). */
export function sameDimension(a: string, b: string): boolean {
  const x = parseUnit(a);
  const y = parseUnit(b);
  return x.ok && y.ok && x.unit.dim.every((e, k) => e === y.unit.dim[k]);
}

export interface Quantity {
  readonly value: number;
  readonly unit: string;
}

/** "2 ug", "8 mg/kg", "-1 h", "1.5e3 pg/mL" -> Quantity, or an issue naming what is allowed. */
export function parseQuantity(
  text: string,
  path = "quantity",
): { ok: true; quantity: Quantity } | { ok: false; issue: Issue } {
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/.exec(text);
  if (!m) {
    return {
      ok: false,
      issue: issue("bad-quantity", path, `"${text}" is not a quantity.`, {
        hint: 'Write a number and a unit, e.g. "2 ug", "8 mg/kg", "30 min".',
      }),
    };
  }
  const unit = m[2] === "" ? "1" : m[2];
  const u = parseUnit(unit, path);
  if (!u.ok) return u;
  return { ok: true, quantity: { value: Number(m[1]), unit } };
}
