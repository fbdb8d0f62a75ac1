/** Human (70 kg adult): physiology, receptor numbers, soluble-receptor balance, drug PK, CRP. */
import { SRC } from "./sources.js";
import { type ParamSet, p } from "./types.js";

const A = "assumed";

export const HUMAN: ParamSet = {
  body_weight: p(70, "kg", SRC.modelMd, "assumed", "adult"),
  liver_fraction: p(0.02, "1", SRC.modelMd, "assumed", "liver mass / body weight"),
  hepatic_blood_flow_per_kg: p(20.7, "mL/min/kg", SRC.davies1993, "measured", "liver blood flow"),
  periph_per_kg: p(2900 / 70, "mL/kg", SRC.frey2010, "fitted", "tocilizumab V2 2.9 L per 70 kg"),
  Q_periph: p(200 / 24, "mL/h", SRC.frey2010, "fitted", "tocilizumab intercompartmental clearance 0.2 L/day, used for every antibody and Fc fusion"),
  IL6R_per_cell_hep: p(1200, "1/cell", SRC.castell1990, "measured", "HepG2 (human hepatoma) sites; taken for human hepatocytes (rat hepatocytes: 4,500)"),

  // ---- endogenous ligand and soluble receptors ----
  IL6_prod: p(26.9, "pmol/h", "calibrated to healthy serum IL-6 ~5 pg/mL (Said 2021)", "fitted", "systemic IL-6 production into plasma (all tissues)"),
  k_IL6_clear: p(34.82, "1/h", SRC.dwivedi, "fitted", "kdegIL6: non-hepatic (renal and other) elimination of free plasma IL-6"),
  sIL6R_prod_conc: p(0.06, "nM/h", "calibrated: with k_sIL6R_clear, healthy serum sIL-6R ~50 ng/mL (Narazaki 1993; design/model.md 20-80 ng/mL)", "fitted",
    "sIL-6R from leukocyte shedding and alternative splicing, per volume of plasma (Dwivedi's ksynthsR + CRP-linked shedding give 0.32 nM/h with their 2.3 h half-life)"),
  k_sIL6R_clear: p(0.06, "1/h", SRC.ohta2013, "fitted",
    "t1/2 ~12 h: the sIL-6R half-life that lets total sIL-6R under tocilizumab 162 mg s.c. QW (cleared with the antibody) plateau near the measured 670 ng/mL, 13-fold the baseline; Dwivedi's 0.3/h (t1/2 2.3 h, weakly identified) would give ~70-fold. Also clears IL-6·sIL-6R"),
  sgp130_prod_conc: p(3.9, "nM/h", SRC.dwivedi, "fitted", "ksynthsgp130, per volume of plasma"),
  k_sgp130_clear: p(1.0, "1/h", SRC.dwivedi, "fitted", "kdegsgp130, t1/2 0.7 h; also clears sgp130 complexes"),
  k_HIL6_clear: p(0.35, "1/h", SRC.modelMd, "assumed", "Hyper-IL-6 non-specific clearance, t1/2 ~2 h ('hours')"),

  // ---- anti-IL-6R antibody = tocilizumab ----
  MW_aIL6R: p(148000, "g/mol", SRC.actemraLabel, "measured", "tocilizumab"),
  Kd_aIL6R: p(1.0, "nM", SRC.tczAffinity, "measured", "tocilizumab : IL-6R (mIL-6R and sIL-6R), 0.6-1.4 nM"),
  CL_aIL6R: p(300 / 24, "mL/h", SRC.frey2010, "fitted", "linear clearance 0.3 L/day from the central compartment"),
  Vmax_aIL6R: p((7.5e-3 / 148000) * 1e12 / 24, "pmol/h", SRC.frey2010, "fitted",
    "Michaelis-Menten (target-mediated) elimination Vmax 7.5 mg/day. Frey's Vmax lumps all IL-6R-mediated clearance; the model's liver mIL-6R turnover adds a few percent on top (not subtracted)"),
  Km_aIL6R: p((2.7e-3 / 148000) * 1e9, "nM", SRC.frey2010, "fitted", "Km 2.7 ug/mL"),

  // ---- anti-IL-6 antibody = siltuximab-like ----
  MW_aIL6: p(145000, "g/mol", SRC.siltuximabLabel, "assumed", "chimeric IgG1, ~145-150 kDa"),
  CL_aIL6: p(230 / 24, "mL/h", SRC.siltuximabLabel, "assumed", "0.23 L/day, giving the labelled terminal t1/2 of ~3 weeks over ~7 L"),

  // ---- sgp130Fc = olamkicept ----
  CL_sgp130Fc: p(25, "mL/h", SRC.schreiber2021, "assumed", "t1/2 ~7 d over ~6 L; olamkicept half-life not published"),
  sgp130Fc_tg_conc: p(50, "nM", SRC.rabe2008, "assumed", "order of magnitude of serum sgp130Fc in transgenic mice (~10 ug/mL); drives the sgp130Fc_tg production"),

  // ---- ruxolitinib ----
  V_rux_ml: p(72000, "mL", SRC.jakafiLabel, "measured", "Vss 72 L"),
  CL_rux: p(20000, "mL/h", SRC.jakafiLabel, "measured", "17.7 (women) to 22.1 (men) L/h"),

  // ---- CRP (acute phase, human) ----
  MW_CRP: p(23000, "g/mol", SRC.dwivedi, "measured", "CRP counted as monomers (pentamer 115 kDa), as in Dwivedi 2014 (40 nM = 0.92 mg/L)"),
  k_CRP_clear: p(Math.LN2 / 19, "1/h", SRC.vigushin1993, "measured", "plasma t1/2 ~19 h, the same in health and disease"),
  k_CRP_induction: p(0.25, "1/h", A, "assumed", "CRP transcription follows hepatocyte STAT3 with a ~4 h lag (serum CRP rises 4-6 h after a stimulus)"),
  K_CRP: p(0.0644, "1", "calibrated so that IL-6-driven CRP is ~90% of the healthy baseline (CRP falls under tocilizumab in healthy volunteers, PMID 23547848)", "fitted",
    "hepatocyte nuclear pSTAT3 fraction of half-maximal CRP transcription"),
  k_CRP_max: p(7.93e-6, "pmol/h/cell", A, "assumed", "maximal CRP synthesis per hepatocyte: 300 x the healthy rate (acute-phase CRP up to ~300 mg/L)"),
  k_CRP_const: p(2.64e-9, "pmol/h/cell", "calibrated to healthy CRP ~1 mg/L (Dwivedi 2014)", "fitted", "IL-6-independent CRP synthesis (~10% of the healthy rate)"),
};
