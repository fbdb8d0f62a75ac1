/**
 * The drug catalogue users pick from (ids of design/interfaces.md), and what each id means in
 * the network: which species a dose adds to, its molar mass, where it is active, its routes and
 * a ceiling above which a dose is an input error rather than an experiment.
 */
import type { DrugEntry } from "../types.js";

/** Species (base name) a drug dose feeds: a soluble species in plasma, or ruxolitinib's own compartment. */
export type DrugSpecies = "IL6" | "HIL6" | "sgp130Fc" | "aIL6R" | "aIL6" | "rux";

export interface DrugDef extends DrugEntry {
  readonly species: DrugSpecies;
  /** Parameter id of the molar mass (g/mol). */
  readonly mw: string;
  /** Doses above this (per kg body weight) are rejected as absurd. */
  readonly maxMgPerKg: number;
  /** Hint when the drug is used in an organism it does not act in. */
  readonly wrongOrganismHint?: Readonly<Record<string, string>>;
}

const MASS_UNITS = ["ng", "ug", "mg", "g", "ug/kg", "mg/kg"];

export const DRUGS: readonly DrugDef[] = [
  {
    id: "il6",
    name: "IL-6",
    description: "recombinant IL-6 (classic signalling on IL-6R+ cells; trans-signalling with sIL-6R)",
    organisms: ["mouse", "rat", "human"],
    routes: ["iv", "iv_infusion", "sc", "ip"],
    units: MASS_UNITS,
    species: "IL6",
    mw: "MW_IL6",
    maxMgPerKg: 10,
  },
  {
    id: "hyper_il6",
    name: "Hyper-IL-6",
    description:
      "IL-6 fused to sIL-6R: a trans-signalling agonist acting on any gp130+ cell (Fischer 1997; Peters 2000)",
    organisms: ["mouse", "rat", "human"],
    routes: ["iv", "iv_infusion", "sc", "ip"],
    units: MASS_UNITS,
    species: "HIL6",
    mw: "MW_HIL6",
    maxMgPerKg: 10,
  },
  {
    id: "sgp130fc",
    name: "sgp130Fc (olamkicept)",
    description:
      "soluble gp130-Fc: traps IL-6·sIL-6R and Hyper-IL-6 (trans-signalling blocker; at high concentration also classic)",
    organisms: ["mouse", "rat", "human"],
    routes: ["iv", "iv_infusion", "sc", "ip"],
    units: MASS_UNITS,
    species: "sgp130Fc",
    mw: "MW_sgp130Fc",
    maxMgPerKg: 100,
  },
  {
    id: "tocilizumab",
    name: "tocilizumab",
    description: "humanised anti-IL-6R antibody: blocks mIL-6R and sIL-6R (classic and trans); human only",
    organisms: ["human"],
    routes: ["iv", "iv_infusion", "sc"],
    units: MASS_UNITS,
    species: "aIL6R",
    mw: "MW_aIL6R",
    maxMgPerKg: 100,
    wrongOrganismHint: {
      mouse:
        'Tocilizumab does not bind mouse IL-6R (Lokau 2020). Use "mr16_1" (rat anti-mouse IL-6R, e.g. 0.5 mg i.p. weekly).',
      rat: "Tocilizumab does not bind rat IL-6R; no anti-rat IL-6R antibody is catalogued.",
    },
  },
  {
    id: "mr16_1",
    name: "MR16-1",
    description: "rat anti-mouse IL-6R antibody (the mouse surrogate of tocilizumab); mouse only",
    organisms: ["mouse"],
    routes: ["iv", "iv_infusion", "sc", "ip"],
    units: MASS_UNITS,
    species: "aIL6R",
    mw: "MW_aIL6R",
    maxMgPerKg: 200,
    wrongOrganismHint: {
      human: 'MR16-1 binds mouse IL-6R only (Okazaki 2002). Use "tocilizumab" in humans.',
      rat: "MR16-1 does not cross-react with rat IL-6R (Okazaki 2002).",
    },
  },
  {
    id: "anti_il6",
    name: "anti-IL-6 antibody",
    description:
      "neutralising anti-IL-6 antibody (siltuximab-like in humans; a rat anti-mouse IL-6 IgG in mice)",
    organisms: ["mouse", "rat", "human"],
    routes: ["iv", "iv_infusion", "sc", "ip"],
    units: MASS_UNITS,
    species: "aIL6",
    mw: "MW_aIL6",
    maxMgPerKg: 100,
  },
  {
    id: "ruxolitinib",
    name: "ruxolitinib",
    description:
      "JAK1/2 inhibitor; the unbound plasma concentration slows JAK1 activation in every cell type (Sobotta 2017)",
    organisms: ["mouse", "rat", "human"],
    routes: ["po", "ip", "iv", "iv_infusion"],
    units: MASS_UNITS,
    species: "rux",
    mw: "MW_rux",
    maxMgPerKg: 500,
  },
];

/** Depots that exist in the network, by drug species and route. */
export const DEPOT_ROUTES: Readonly<Record<DrugSpecies, readonly string[]>> = {
  IL6: ["sc", "ip"],
  HIL6: ["sc", "ip"],
  sgp130Fc: ["sc", "ip"],
  aIL6R: ["sc", "ip"],
  aIL6: ["sc", "ip"],
  rux: ["po", "ip"],
};

/** Where an i.v. dose or an absorbed dose lands. */
export const plasmaSpecies = (d: DrugSpecies): string => (d === "rux" ? "rux" : `${d}_plasma`);
export const depotSpecies = (d: DrugSpecies, route: string): string => `depot_${route}_${d}`;
