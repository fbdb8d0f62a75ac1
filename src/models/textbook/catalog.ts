/** What users of textbook-pk pick from by id: drugs, genotypes, injuries, observables. */
import { parseTrusted } from "../../core/expr/index.js";
import type { CatalogEntry, DrugEntry, InjuryEntry, ObservableDef } from "../types.js";

const ROUTES = ["iv", "iv_infusion", "sc", "ip"];
const UNITS = ["ug", "mg", "mg/kg", "ug/kg", "nmol"];

export const DRUGS: readonly DrugEntry[] = [
  {
    id: "mab",
    name: "textbook antibody",
    description: "IgG (150 kDa) against the receptor, cross-reactive in human and mouse",
    organisms: ["human", "mouse"],
    routes: ROUTES,
    units: UNITS,
  },
  {
    id: "mab_h",
    name: "humanised antibody",
    description: "IgG (150 kDa) that binds the human receptor only",
    organisms: ["human"],
    routes: ROUTES,
    units: UNITS,
  },
];

export const GENOTYPES: readonly CatalogEntry[] = [
  { id: "R_KO", description: "receptor knockout: no receptor is made, so no target-mediated disposition" },
];

export const INJURIES: readonly InjuryEntry[] = [
  {
    id: "resection",
    description: "removes a fraction of the tissue and its receptors; the tissue regrows logistically",
    params: [
      {
        name: "fraction_removed",
        unit: "1",
        min: 0,
        max: 1,
        description: "fraction of the tissue removed, in (0, 1)",
      },
    ],
  },
];

export const OBSERVABLES: readonly ObservableDef[] = [
  {
    id: "plasma_drug_ug_per_mL",
    description: "free drug in plasma",
    unit: "ug/mL",
    expr: parseTrusted("D * MW_kDa / 1000"),
  },
  {
    id: "receptor_occupancy_percent",
    description: "receptors bound by drug",
    unit: "%",
    expr: parseTrusted("100 * DR / max(R + DR, 1e-12)"),
  },
  {
    id: "free_receptor_nM",
    description: "free receptor",
    unit: "nM",
    expr: parseTrusted("R"),
  },
  {
    id: "tissue_mass_percent_of_preop",
    description: "tissue mass as % of the pre-operative mass",
    unit: "%",
    expr: parseTrusted("100 * tissue"),
  },
  {
    id: "depot_drug_nmol",
    description: "drug in the s.c./i.p. depot",
    unit: "nmol",
    expr: parseTrusted("depot"),
  },
];
