/**
 * Unit strings as people write them on networks ("nM", "1/h", "nM/h", "pg/mL") -> SBML unit
 * definitions. A unit that is already an SBML unit id (an imported unitDefinition, or a base
 * unit kind) is used as it is; one we cannot parse is left out, with a warning.
 */
import type { UnitDefinition } from "../../../core/network/types.js";

type Unit = UnitDefinition["units"][number];

export const BASE_KINDS = new Set([
  "ampere",
  "avogadro",
  "becquerel",
  "candela",
  "coulomb",
  "dimensionless",
  "farad",
  "gram",
  "gray",
  "henry",
  "hertz",
  "item",
  "joule",
  "katal",
  "kelvin",
  "kilogram",
  "litre",
  "lumen",
  "lux",
  "metre",
  "mole",
  "newton",
  "ohm",
  "pascal",
  "radian",
  "second",
  "siemens",
  "sievert",
  "steradian",
  "tesla",
  "volt",
  "watt",
  "weber",
]);

const PREFIX: Record<string, number> = { p: -12, n: -9, u: -6, µ: -6, m: -3, c: -2, k: 3 };
const ATOMS: Record<string, Unit[]> = {
  M: [u("mole"), u("litre", -1)],
  mol: [u("mole")],
  L: [u("litre")],
  l: [u("litre")],
  g: [u("gram")],
  s: [u("second")],
  sec: [u("second")],
  min: [u("second", 1, 0, 60)],
  h: [u("second", 1, 0, 3600)],
  hr: [u("second", 1, 0, 3600)],
  d: [u("second", 1, 0, 86400)],
  day: [u("second", 1, 0, 86400)],
  wk: [u("second", 1, 0, 604800)],
  cell: [u("item")],
  cells: [u("item")],
  item: [u("item")],
  molecules: [u("item")],
  "1": [],
  dimensionless: [],
  au: [],
  "%": [u("dimensionless", 1, 0, 0.01)],
};

function u(kind: string, exponent = 1, scale = 0, multiplier = 1): Unit {
  return { kind, exponent, scale, multiplier };
}

function atom(token: string): Unit[] | undefined {
  const direct = ATOMS[token];
  if (direct) return direct;
  if (BASE_KINDS.has(token)) return [u(token)];
  const scale = PREFIX[token[0]];
  const rest = ATOMS[token.slice(1)];
  if (scale !== undefined && rest && ["M", "mol", "L", "l", "g", "s"].includes(token.slice(1)))
    return rest.map((x, i) => (i === 0 ? { ...x, scale: x.scale + scale } : x));
  return undefined;
}

/** Parse "nM/h", "1/(nM*h)", "L^2", "mg/kg" into SBML units, or undefined. */
export function parseUnit(text: string): Unit[] | undefined {
  const tokens = text.replace(/\s+/g, "").match(/\(|\)|\*|\/|\.|\^-?\d+|[^()*/.^]+/g);
  if (!tokens) return undefined;
  let pos = 0;
  const power = (us: Unit[], k: number) => us.map((x) => ({ ...x, exponent: x.exponent * k }));
  const factor = (): Unit[] | undefined => {
    const t = tokens[pos++];
    let base: Unit[] | undefined;
    if (t === "(") {
      base = product();
      if (tokens[pos++] !== ")") return undefined;
    } else if (t !== undefined) base = atom(t);
    if (!base) return undefined;
    const next = tokens[pos];
    if (next?.startsWith("^")) {
      pos++;
      base = power(base, Number(next.slice(1)));
    }
    return base;
  };
  const product = (): Unit[] | undefined => {
    let acc = factor();
    while (acc && (tokens[pos] === "*" || tokens[pos] === "/" || tokens[pos] === ".")) {
      const op = tokens[pos++];
      const f = factor();
      if (!f) return undefined;
      acc = [...acc, ...(op === "/" ? power(f, -1) : f)];
    }
    return acc;
  };
  const out = product();
  return out && pos === tokens.length ? out : undefined;
}

/** A valid SBML id for a unit string: "nM/h" -> "nM_per_h". */
export function unitId(text: string): string {
  const id = text
    .replace(/\s+/g, "")
    .replace(/\//g, "_per_")
    .replace(/\^-?(\d+)/g, "$1")
    .replace(/%/g, "percent")
    .replace(/µ/g, "u")
    .replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(id) ? id : `u_${id}`;
}

/** SBML Level 2's predefined unit ids, which Level 3 no longer has. */
const L2_BUILTIN: Record<string, Unit[]> = {
  substance: [u("mole")],
  volume: [u("litre")],
  area: [u("metre", 2)],
  length: [u("metre")],
  time: [u("second")],
};

/** Collects the unit definitions an export needs. */
export class UnitTable {
  readonly definitions = new Map<string, UnitDefinition>();
  readonly unknown = new Set<string>();

  constructor(existing: readonly UnitDefinition[] = []) {
    for (const d of existing) this.definitions.set(d.id, d);
  }

  /** The SBML unit id to write for a unit string, or undefined (and noted) if it cannot be written. */
  ref(text: string | undefined): string | undefined {
    if (text === undefined || text === "") return undefined;
    if (this.definitions.has(text) || BASE_KINDS.has(text)) return text;
    const builtin = L2_BUILTIN[text];
    if (builtin) {
      this.definitions.set(text, { id: text, units: builtin });
      return text;
    }
    const units = parseUnit(text);
    if (!units) {
      this.unknown.add(text);
      return undefined;
    }
    if (units.length === 0) return "dimensionless";
    const id = unitId(text);
    if (!this.definitions.has(id)) this.definitions.set(id, { id, name: text, units });
    return id;
  }

  /** The substance part of a concentration unit ("nM" -> "nmol"), for species' substanceUnits. */
  substanceRef(text: string | undefined): string | undefined {
    if (text === undefined || this.definitions.has(text) || BASE_KINDS.has(text) || L2_BUILTIN[text])
      return this.ref(text);
    const units = parseUnit(text);
    if (!units) return this.ref(text);
    const volume = units.find((x) => x.kind === "litre" && x.exponent === -1);
    if (!volume) return this.ref(text);
    const substance = units.filter((x) => x !== volume);
    const id = `${unitId(text)}_amount`;
    if (!this.definitions.has(id))
      this.definitions.set(id, { id, name: `${text} x litre`, units: substance });
    return id;
  }
}
