/**
 * The parameter set of an organism (shared values, physiology, depot defaults, the organism's own
 * values, genotype switches) with derived values computed, and `declare`, which modules use to
 * put exactly the parameters they need into a network (derived ones as initial assignments, so
 * an override of an input propagates).
 */
import { evaluate, parseExpr, symbols } from "../../../core/expr/index.js";
import type { NetworkBuilder } from "../../../core/network/builder.js";
import { ACUTE_PHASE, SAA } from "./acute-phase.js";
import { HUMAN } from "./human.js";
import { INJURY } from "./injury.js";
import { REGENERATION } from "./regeneration.js";
import { TOXINS } from "./toxins.js";
import { MOUSE } from "./mouse.js";
import { PHYSIOLOGY } from "./physiology.js";
import { DEPOT_DEFAULTS } from "./pk-defaults.js";
import { RAT } from "./rat.js";
import { CELL_SWITCHES, SHARED } from "./shared.js";
import { type ParamSet, type ParamSpec, p } from "./types.js";

export type { ParamSet, ParamSpec } from "./types.js";

export const ORGANISMS = ["mouse", "rat", "human"] as const;
export type Organism = (typeof ORGANISMS)[number];

const INPUT = "scenario input";

/** Switches set by genotypes and doses (0 in the wild type without treatment). */
export const SWITCHES: ParamSet = {
  sgp130Fc_tg_on: p(0, "1", INPUT, "assumed", "1 in the sgp130Fc-transgenic genotype: continuous liver production of sgp130Fc"),
  IL6_prod_switch: p(1, "1", INPUT, "assumed", "0 in IL-6 knockout"),
  sIL6R_prod_switch: p(1, "1", INPUT, "assumed", "0 in global IL-6R knockout (no splice-variant or leukocyte sIL-6R)"),
  infusion_IL6: p(0, "pmol/h", INPUT, "assumed", "i.v. infusion rate, switched on and off by dose actions"),
  infusion_HIL6: p(0, "pmol/h", INPUT, "assumed", "i.v. infusion rate, switched on and off by dose actions"),
  infusion_sgp130Fc: p(0, "pmol/h", INPUT, "assumed", "i.v. infusion rate, switched on and off by dose actions"),
  infusion_aIL6R: p(0, "pmol/h", INPUT, "assumed", "i.v. infusion rate, switched on and off by dose actions"),
  infusion_aIL6: p(0, "pmol/h", INPUT, "assumed", "i.v. infusion rate, switched on and off by dose actions"),
  infusion_rux: p(0, "pmol/h", INPUT, "assumed", "i.v. infusion rate, switched on and off by dose actions"),
};

const OWN: Record<Organism, ParamSet> = { mouse: MOUSE, rat: RAT, human: HUMAN };

/** The set without overrides, per organism: dose actions ask for it on every run (0.9 ms each). */
const BASE = new Map<Organism, ParamSet>();

/** Every parameter of an organism, derived values evaluated (read-only: the base set is shared). */
export function parameterSet(organism: Organism, overrides: ParamSet = {}): ParamSet {
  const plain = Object.keys(overrides).length === 0;
  const hit = plain ? BASE.get(organism) : undefined;
  if (hit) return hit;
  const set = resolveSet({
    ...SHARED, ...CELL_SWITCHES, ...SWITCHES, ...PHYSIOLOGY, ...DEPOT_DEFAULTS, ...REGENERATION, ...INJURY, ...TOXINS, ...ACUTE_PHASE,
    ...(organism === "mouse" ? SAA : {}),
    ...OWN[organism], ...overrides,
  });
  if (plain) BASE.set(organism, Object.freeze(set));
  return set;
}

/** Fill in the value of every derived parameter from its formula. */
export function resolveSet(set: ParamSet): ParamSet {
  const out: Record<string, ParamSpec> = {};
  const busy = new Set<string>();
  const value = (id: string): number => {
    const done = out[id];
    if (done) return done.value;
    const spec = set[id];
    if (!spec) throw new Error(`il6sim internal error: parameter "${id}" is not in the set`);
    if (!spec.formula) {
      out[id] = spec;
      return spec.value;
    }
    if (busy.has(id)) throw new Error(`il6sim internal error: parameter "${id}" depends on itself`);
    busy.add(id);
    const v = evaluate(parseFormula(spec.formula), { value, time: 0 });
    busy.delete(id);
    out[id] = { ...spec, value: v };
    return v;
  };
  for (const id of Object.keys(set)) value(id);
  return out;
}

function parseFormula(f: string) {
  const r = parseExpr(f, "formula");
  if (!r.ok) throw new Error(`il6sim internal error: bad formula "${f}"`);
  return r.expr;
}

/** The ids a derived parameter's formula uses. */
export function formulaInputs(spec: ParamSpec): string[] {
  return spec.formula ? [...symbols(parseFormula(spec.formula))] : [];
}

/**
 * `P(id)` declares parameter `id` of the set in the network once (and, for a derived one, its
 * inputs and its initial assignment) and returns the id, so formulas can be written with it.
 */
export function declare(n: NetworkBuilder, set: ParamSet): (id: string) => string {
  const P = (id: string): string => {
    if (n.has(id)) return id;
    const spec = set[id];
    if (!spec) throw new Error(`il6sim internal error: parameter "${id}" is not in the set`);
    n.parameter(id, spec.value, {
      unit: spec.unit,
      source: spec.source,
      confidence: spec.confidence,
      ...(spec.note !== undefined ? { note: spec.note } : {}),
    });
    if (spec.formula) {
      for (const dep of formulaInputs(spec)) P(dep);
      n.initialAssignment(id, spec.formula);
    }
    return id;
  };
  return P;
}
