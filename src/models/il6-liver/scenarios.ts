/**
 * Named scenarios, each mirroring a published experiment or label regimen: drugs and IL-6 steps
 * here, hepatectomies and damage models in scenarios-injury.ts.
 */
import type { NamedScenario } from "../types.js";
import { doseAt, scenario } from "./scenario-helpers.js";
import { INJURY_SCENARIOS } from "./scenarios-injury.js";

export { doseAt } from "./scenario-helpers.js";

const WEEK = 168;

const TCZ_OBS = [
  "serum_tocilizumab_ug_per_mL",
  "serum_tocilizumab_total_ug_per_mL",
  "serum_CRP_mg_per_L",
  "serum_IL6_pg_per_mL",
  "serum_total_sIL6R_ng_per_mL",
  "hepatocyte_pSTAT3_nuclear_fraction",
  "hepatocyte_classic_signal",
];
const STEP_OBS = [
  "serum_IL6_pg_per_mL",
  "hepatocyte_pSTAT3_nuclear_fraction",
  "hepatocyte_classic_signal",
  "hepatocyte_trans_signal",
  "hepatocyte_SOCS3_mRNA_fold",
  "kupffer_pSTAT3_nuclear_fraction",
  "hsc_pSTAT3_nuclear_fraction",
];

/** IL-6 step in a mouse: 0.1 ug i.v. over 6 h (plasma IL-6 in the ng/mL range). */
const il6Step = [doseAt(0, "il6", 0.1, "ug", "iv_infusion", 6)];

const DRUG_SCENARIOS: readonly NamedScenario[] = [
  {
    id: "human_baseline",
    description: "healthy adult, one week at steady state",
    mirrors:
      "healthy serum IL-6 ~5 pg/mL (Said 2021), sIL-6R 20-80 ng/mL, sgp130 ~390 ng/mL (Narazaki 1993), CRP ~1 mg/L (Dwivedi 2014)",
    scenario: scenario(
      "human_baseline",
      "human",
      WEEK,
      6,
      [],
      ["serum_IL6_pg_per_mL", "serum_total_sIL6R_ng_per_mL", "serum_sgp130_ng_per_mL", "serum_CRP_mg_per_L"],
    ),
  },
  {
    id: "human_tocilizumab_8mgkg_q4w",
    description: "tocilizumab 8 mg/kg as 1 h i.v. infusions every 4 weeks, 24 weeks",
    mirrors:
      "ACTEMRA label (RA, population PK of Frey 2010): steady-state Cmax 183, Cmin 9.74 ug/mL; CRP normalised while exposed",
    scenario: scenario(
      "human_tocilizumab_8mgkg_q4w",
      "human",
      24 * WEEK,
      12,
      Array.from({ length: 6 }, (_, k) => doseAt(k * 4 * WEEK, "tocilizumab", 8, "mg/kg", "iv_infusion", 1)),
      TCZ_OBS,
    ),
  },
  {
    id: "human_tocilizumab_162mg_sc_weekly",
    description: "tocilizumab 162 mg s.c. every week, 12 weeks",
    mirrors:
      "PMID 23782588 (RA, 162 mg s.c. QW): Cmin 27.9 +/- 14.7 ug/mL, tmax 2-3 d, CRP below the upper limit of normal",
    scenario: scenario(
      "human_tocilizumab_162mg_sc_weekly",
      "human",
      12 * WEEK,
      6,
      Array.from({ length: 12 }, (_, k) => doseAt(k * WEEK, "tocilizumab", 162, "mg", "sc")),
      TCZ_OBS,
    ),
  },
  {
    id: "mouse_il6_step",
    description: "mouse, IL-6 0.1 ug i.v. infused over 6 h (an IL-6 step); hepatocyte pSTAT3 and SOCS3",
    mirrors:
      "IL-6 injection induces hepatic STAT3 and SOCS3 (Campbell 2001 JCI); pSTAT3 ends ~2 h after an IL-6-family stimulus as SOCS3 rises (PMID 24082147)",
    scenario: scenario("mouse_il6_step", "mouse", 12, 0.1, il6Step, STEP_OBS),
  },
  {
    id: "mouse_il6_step_hep_socs3_ko",
    description: "as mouse_il6_step in hepatocyte-specific SOCS3 knockout mice",
    mirrors: "Riehle 2008 J Exp Med: without hepatocyte SOCS3, STAT3 phosphorylation is prolonged",
    scenario: scenario("mouse_il6_step_hep_socs3_ko", "mouse", 12, 0.1, il6Step, STEP_OBS, ["hep_SOCS3_KO"]),
  },
  {
    id: "mouse_hyper_il6_2ug_ip",
    description: "mouse, Hyper-IL-6 2 ug i.p.; STAT3 in hepatocytes and in IL-6R-negative LSEC and HSC",
    mirrors:
      "Hyper-IL-6 1-5 ug/mouse i.p. (Peters 2000 Gastroenterology; design/model.md), active on gp130+ IL-6R- cells (Chebath 1997)",
    scenario: scenario(
      "mouse_hyper_il6_2ug_ip",
      "mouse",
      48,
      0.25,
      [doseAt(0, "hyper_il6", 2, "ug", "ip")],
      [
        "serum_hyper_il6_ug_per_mL",
        "hepatocyte_pSTAT3_nuclear_fraction",
        "lsec_pSTAT3_nuclear_fraction",
        "hsc_pSTAT3_nuclear_fraction",
        "hepatocyte_hyper_il6_signal",
        "hsc_hyper_il6_signal",
        "hepatocyte_SOCS3_mRNA_fold",
      ],
    ),
  },
  {
    id: "mouse_sgp130fc_100ug_ip",
    description: "mouse, sgp130Fc 100 ug i.p.; serum level and trans-signalling at baseline",
    mirrors: "sgp130Fc 10-100 ug/mouse i.p. (design/model.md; Rabe 2008)",
    scenario: scenario(
      "mouse_sgp130fc_100ug_ip",
      "mouse",
      WEEK,
      2,
      [doseAt(0, "sgp130fc", 100, "ug", "ip")],
      [
        "serum_sgp130fc_ug_per_mL",
        "serum_IL6_sIL6R_pM",
        "hepatocyte_trans_signal",
        "hsc_trans_signal",
        "hepatocyte_classic_signal",
      ],
    ),
  },
  {
    id: "mouse_mr16_1_0p5mg_ip_weekly",
    description: "mouse, MR16-1 0.5 mg i.p. weekly for 4 weeks",
    mirrors: "Mihara 1998 Clin Exp Immunol (MR16-1 0.5 mg i.p. weekly)",
    scenario: scenario(
      "mouse_mr16_1_0p5mg_ip_weekly",
      "mouse",
      4 * WEEK,
      6,
      Array.from({ length: 4 }, (_, k) => doseAt(k * WEEK, "mr16_1", 0.5, "mg", "ip")),
      [
        "serum_mr16_1_ug_per_mL",
        "serum_IL6_pg_per_mL",
        "serum_total_sIL6R_ng_per_mL",
        "hepatocyte_classic_signal",
        "hepatocyte_mIL6R_per_cell",
      ],
    ),
  },
];

export const SCENARIOS: readonly NamedScenario[] = [...DRUG_SCENARIOS, ...INJURY_SCENARIOS];
