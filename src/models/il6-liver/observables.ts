/**
 * What users read, with units in the ids (design/interfaces.md). Concentrations inside the model
 * are nM; nM x molar mass (g/mol) = pg/mL, / 1000 = ng/mL, / 1e6 = ug/mL = mg/L.
 */
import { parseTrusted } from "../../core/expr/index.js";
import type { ObservableDef } from "../types.js";
import { CELLS } from "./compartments.js";
import { activeComplexes, nuclearFraction } from "./jak-stat.js";
import { G2, HEP_STATES, S, shareOf } from "./fate.js";
import { gp130Species, JAK_STATES, type Route } from "./receptors.js";

const obs = (
  id: string,
  unit: string,
  expr: string,
  description: string,
  extra: { relativeTo?: "start"; organisms?: string[] } = {},
): ObservableDef => ({ id, unit, expr: parseTrusted(expr), description, ...extra });

const plasmaSum = (bases: string[]) => `(${bases.map((b) => `${b}_plasma`).join(" + ")})`;
const perCell = (ids: string[], c: string) => `(${ids.join(" + ")}) * avogadro_per_pmol / N_${c}`;

function cellObservables(): ObservableDef[] {
  return CELLS.flatMap((cell) => {
    const c = cell.id;
    const route = (r: Route) => gp130Species(r, "_active", c);
    return [
      obs(
        `${cell.name}_pSTAT3_nuclear_fraction`,
        "1",
        nuclearFraction(c),
        `nuclear pSTAT3 / total STAT3 in ${cell.label}`,
      ),
      obs(
        `${cell.name}_pSTAT3_fraction`,
        "1",
        `(cyt_${c} * pSTAT3_${c} + nuc_${c} * npSTAT3_${c}) / (cyt_${c} * (STAT3_${c} + pSTAT3_${c}) + nuc_${c} * (nSTAT3_${c} + npSTAT3_${c}) + 1e-6)`,
        `all phosphorylated STAT3 (cytoplasm + nucleus) / total STAT3 in ${cell.label}, as a pSTAT3/STAT3 blot reads it`,
      ),
      obs(
        `${cell.name}_classic_signal`,
        "1/cell",
        perCell([route("classic")], c),
        `active classic complexes (IL-6·mIL-6R·gp130, JAK1 active) per cell, ${cell.label}`,
      ),
      obs(
        `${cell.name}_trans_signal`,
        "1/cell",
        perCell([route("trans")], c),
        `active trans complexes (IL-6·sIL-6R·gp130, JAK1 active) per cell, ${cell.label}`,
      ),
      obs(
        `${cell.name}_hyper_il6_signal`,
        "1/cell",
        perCell([route("hil6")], c),
        `active Hyper-IL-6·gp130 complexes per cell, ${cell.label}`,
      ),
      obs(
        `${cell.name}_total_active_gp130`,
        "1/cell",
        perCell(activeComplexes(c), c),
        `all active gp130 complexes per cell (classic + trans + Hyper-IL-6 + basal), ${cell.label}`,
      ),
      obs(
        `${cell.name}_mIL6R_per_cell`,
        "1/cell",
        perCell([`mIL6R_${c}`], c),
        `free membrane IL-6R per cell, ${cell.label}`,
      ),
      obs(
        `${cell.name}_gp130_per_cell`,
        "1/cell",
        perCell(
          (["gp130", "classic", "trans", "hil6"] as Route[]).flatMap((r) =>
            JAK_STATES.map((s) => gp130Species(r, s, c)),
          ),
          c,
        ),
        `total gp130 per cell (free and in complexes), ${cell.label}`,
      ),
    ];
  });
}

export const OBSERVABLES: readonly ObservableDef[] = [
  obs("serum_IL6_pg_per_mL", "pg/mL", "IL6_plasma * MW_IL6", "free IL-6 in plasma"),
  obs(
    "serum_total_IL6_pg_per_mL",
    "pg/mL",
    `${plasmaSum(["IL6", "IL6_sIL6R", "IL6_sIL6R_sgp130", "IL6_sIL6R_sgp130Fc", "aIL6_IL6"])} * MW_IL6`,
    "IL-6 free plus in all complexes",
  ),
  obs("serum_sIL6R_ng_per_mL", "ng/mL", "sIL6R_plasma * MW_sIL6R / 1000", "free sIL-6R"),
  obs(
    "serum_total_sIL6R_ng_per_mL",
    "ng/mL",
    `${plasmaSum(["sIL6R", "IL6_sIL6R", "IL6_sIL6R_sgp130", "IL6_sIL6R_sgp130Fc", "aIL6R_sIL6R"])} * MW_sIL6R / 1000`,
    "sIL-6R free plus in all complexes, antibody complexes included (total sIL-6R ELISA)",
  ),
  obs("serum_sgp130_ng_per_mL", "ng/mL", "sgp130_plasma * MW_sgp130 / 1000", "free endogenous sgp130"),
  obs(
    "serum_IL6_sIL6R_pM",
    "pM",
    "IL6_sIL6R_plasma * 1000",
    "the IL-6·sIL-6R complex (the trans-signalling ligand)",
  ),
  ...cellObservables(),
  obs(
    "hepatocyte_SOCS3_mRNA_fold",
    "1",
    "SOCS3_mRNA_hep",
    "hepatocyte SOCS3 mRNA, fold over the value at the scenario start",
    { relativeTo: "start" },
  ),
  obs("serum_CRP_mg_per_L", "mg/L", "CRP_plasma * MW_CRP / 1e6", "C-reactive protein", {
    organisms: ["human"],
  }),
  obs("serum_tocilizumab_ug_per_mL", "ug/mL", "aIL6R_plasma * MW_aIL6R / 1e6", "free tocilizumab in plasma", {
    organisms: ["human"],
  }),
  obs(
    "serum_tocilizumab_total_ug_per_mL",
    "ug/mL",
    "(aIL6R_plasma + aIL6R_sIL6R_plasma) * MW_aIL6R / 1e6",
    "tocilizumab free plus bound to sIL-6R (a bivalent antibody with one free arm is still captured by an sIL-6R ELISA)",
    { organisms: ["human"] },
  ),
  obs("serum_mr16_1_ug_per_mL", "ug/mL", "aIL6R_plasma * MW_aIL6R / 1e6", "free MR16-1 in plasma", {
    organisms: ["mouse"],
  }),
  obs("serum_sgp130fc_ug_per_mL", "ug/mL", "sgp130Fc_plasma * MW_sgp130Fc / 1e6", "free sgp130Fc in plasma"),
  obs("serum_hyper_il6_ug_per_mL", "ug/mL", "HIL6_plasma * MW_HIL6 / 1e6", "free Hyper-IL-6 in plasma"),
  obs(
    "serum_anti_il6_ug_per_mL",
    "ug/mL",
    "aIL6_plasma * MW_aIL6 / 1e6",
    "free anti-IL-6 antibody in plasma",
  ),
  obs(
    "serum_ruxolitinib_ng_per_mL",
    "ng/mL",
    "rux * MW_rux / 1000",
    "total ruxolitinib in plasma (unbound = fu_rux x total)",
  ),
  ...regenerationObservables(),
];

/** Part 2: liver mass, hepatocyte fate, HGF, survival, damage and acute phase. */
function regenerationObservables(): ObservableDef[] {
  const living = HEP_STATES.filter((s) => s !== "hep_injured");
  return [
    obs(
      "liver_mass_percent_of_preop",
      "%",
      "100 * liver_mass_rel",
      "liver mass as % of the pre-operative mass (hepatocyte number x size; the liver fluid and non-parenchymal cells follow it)",
    ),
    obs(
      "hepatocyte_number_percent_of_preop",
      "%",
      `100 * hep_cells`,
      "hepatocyte number as % of the pre-operative number",
    ),
    obs(
      "hepatocyte_size_fold",
      "1",
      "hep_size",
      "hepatocyte size (volume) relative to before injury: hypertrophy (mass / number; meaningless once the liver has failed)",
    ),
    obs(
      "brdu_labeling_index_percent",
      "%",
      `100 * ${shareOf(S)}`,
      "% of hepatocyte nuclei in S phase (what a 1-2 h BrdU pulse labels)",
    ),
    obs("mitotic_index_percent", "%", `100 * hep_M / hep_cells`, "% of hepatocytes in mitosis"),
    obs(
      "cycling_hepatocytes_percent",
      "%",
      `100 * ${shareOf(living.filter((s) => s !== "hep_Q" && s !== "hep_P"))}`,
      "% of hepatocytes past the G1 restriction point (late G1, S, G2, M): what Ki-67/PCNA-type cycle markers stain, roughly",
    ),
    obs(
      "primed_hepatocytes_percent",
      "%",
      `100 * hep_P / hep_cells`,
      "% of hepatocytes primed (G0 -> G1, before the restriction point)",
    ),
    obs(
      "G2_M_hepatocytes_percent",
      "%",
      `100 * ${shareOf([...G2, "hep_M"])}`,
      "% of hepatocytes in G2 or mitosis",
    ),
    obs(
      "cumulative_S_entries_percent_of_preop",
      "%",
      "100 * S_entries",
      "S-phase entries since the injury (second cycles counted again), as % of the pre-operative hepatocyte number",
    ),
    obs(
      "survival_probability",
      "1",
      "exp(-hazard_cum)",
      "exp(-integral of the liver-failure hazard), which rises as liver mass falls below the critical remnant",
    ),
    obs("serum_HGF_fold", "1", "HGF", "plasma HGF, fold over the pre-injury value", { relativeTo: "start" }),
    obs(
      "hepatocyte_antiapoptotic_programme",
      "1",
      "hep_prot",
      "STAT3-driven anti-apoptotic programme in hepatocytes (Bcl-xL, Mcl-1, FLIP), 0-1",
    ),
    obs(
      "hepatocyte_death_rate_per_h",
      "1/h",
      `(hep_excess_death_rate * (${living.join(" + ")}) + k_injured_death * hep_injured) / hep_cells`,
      "hepatocytes dying per hour above basal turnover, as a fraction of hepatocytes",
    ),
    obs("kupffer_TNF_activation", "1", "TNF_kc", "Kupffer-cell TNF/NF-kB activation (normalised)"),
    obs("serum_ALT_U_per_L", "U/L", "ALT", "alanine aminotransferase"),
    obs("serum_SAA_ug_per_mL", "ug/mL", "SAA_plasma", "serum amyloid A", { organisms: ["mouse"] }),
    obs("plasma_fibrinogen_mg_per_mL", "mg/mL", "FGG_plasma", "plasma fibrinogen"),
    obs("serum_haptoglobin_mg_per_mL", "mg/mL", "HP_plasma", "serum haptoglobin"),
    obs(
      "hepatocyte_FGG_mRNA_fold",
      "1",
      "FGG_mRNA",
      "hepatocyte fibrinogen-gamma mRNA, fold over the value at the scenario start",
      { relativeTo: "start" },
    ),
    obs(
      "hepatocyte_HP_mRNA_fold",
      "1",
      "HP_mRNA",
      "hepatocyte haptoglobin mRNA, fold over the value at the scenario start",
      { relativeTo: "start" },
    ),
  ];
}

export const DEFAULT_OBSERVABLES: readonly string[] = [
  "serum_IL6_pg_per_mL",
  "serum_total_sIL6R_ng_per_mL",
  "hepatocyte_pSTAT3_nuclear_fraction",
  "hepatocyte_classic_signal",
  "hepatocyte_trans_signal",
  "hsc_trans_signal",
  "hepatocyte_SOCS3_mRNA_fold",
];
