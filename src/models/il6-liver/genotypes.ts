/**
 * Genotypes users name (ids of design/interfaces.md), each as parameter changes applied before
 * the network is built, so the network's declared values say what the genotype is.
 */
import { type Issue, issue, suggestion } from "../../core/issues.js";
import type { CatalogEntry } from "../types.js";
import type { ParamSet, ParamSpec } from "./parameters/index.js";

export interface GenotypeDef extends CatalogEntry {
  readonly set: Readonly<Record<string, number>>;
}

const ALL_CELLS = ["hep", "kc", "lsec", "hsc"];
const noMembraneIL6R = Object.fromEntries(ALL_CELLS.map((c) => [`IL6R_per_cell_${c}`, 0]));

export const GENOTYPES: readonly GenotypeDef[] = [
  {
    id: "IL6_KO",
    description:
      "IL-6 knockout: no endogenous IL-6 production, systemic or by Kupffer cells after injury (doses of IL-6 still act)",
    set: { IL6_prod_switch: 0, k_IL6_kc: 0 },
  },
  {
    id: "IL6R_KO",
    description: "global IL-6R knockout: no membrane IL-6R on any cell and no sIL-6R",
    set: { ...noMembraneIL6R, sIL6R_prod_switch: 0 },
  },
  {
    id: "hep_IL6R_KO",
    description: "hepatocyte-specific IL-6R knockout (Alb-Cre)",
    set: { IL6R_per_cell_hep: 0 },
  },
  { id: "hep_gp130_KO", description: "hepatocyte-specific gp130 knockout", set: { gp130_per_cell_hep: 0 } },
  { id: "hep_STAT3_KO", description: "hepatocyte-specific STAT3 knockout", set: { STAT3_expression_hep: 0 } },
  {
    id: "hep_SOCS3_KO",
    description: "hepatocyte-specific SOCS3 knockout: no SOCS3 translation in hepatocytes (Riehle 2008)",
    set: { SOCS3_expression_hep: 0 },
  },
  {
    id: "sgp130Fc_tg",
    description: "sgp130Fc-transgenic: continuous liver production of sgp130Fc (Rabe 2008)",
    set: { sgp130Fc_tg_on: 1 },
  },
  {
    id: "trans_only",
    description:
      "trans-signalling only: every IL-6R is made as soluble receptor (the cells that would carry mIL-6R secrete it as sIL-6R; Fazel Modares 2019)",
    set: Object.fromEntries(ALL_CELLS.map((c) => [`IL6R_soluble_only_${c}`, 1])),
  },
];

/** Parameter overrides of a list of genotypes, or issues naming unknown ids. */
export function genotypeOverrides(
  ids: readonly string[],
  set: ParamSet,
): { ok: true; overrides: Record<string, ParamSpec> } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const overrides: Record<string, ParamSpec> = {};
  ids.forEach((id, k) => {
    const g = GENOTYPES.find((x) => x.id === id);
    if (!g) {
      issues.push(
        issue("unknown-id", `genotype[${k}]`, `Unknown genotype "${id}".`, {
          hint: suggestion(
            id,
            GENOTYPES.map((x) => x.id),
            "genotype",
          ),
        }),
      );
      return;
    }
    for (const [pid, value] of Object.entries(g.set)) {
      const base = overrides[pid] ?? set[pid];
      overrides[pid] = {
        ...base,
        value,
        note: `${base.note ?? ""}; set to ${value} by genotype ${id}`.replace(/^; /, ""),
      };
    }
  });
  return issues.length ? { ok: false, issues } : { ok: true, overrides };
}
