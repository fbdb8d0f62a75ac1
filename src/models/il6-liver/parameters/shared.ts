/**
 * Values shared by mouse, rat and human: binding kinetics, receptor turnover, the Sobotta 2017
 * JAK1/STAT3/SOCS3 rates (converted from per minute to per hour), molecular masses and cell
 * geometry. Organism files add physiology, receptor numbers, production/clearance and drug PK.
 */
import { SRC } from "./sources.js";
import { type ParamSet, derived, p, perMin } from "./types.js";

const A = "assumed";

export const SHARED: ParamSet = {
  // ---- constants and molecular masses (g/mol) ----
  avogadro_per_pmol: p(6.02214076e11, "1/pmol", SRC.si, "measured", "molecules per pmol"),
  MW_IL6: p(23000, "g/mol", SRC.modelMd, "measured", "glycosylated IL-6 21-28 kDa; 1 pg/mL = 0.043 pM"),
  MW_sIL6R: p(50000, "g/mol", SRC.modelMd, "measured", "1 ng/mL = 20 pM"),
  MW_sgp130: p(100000, "g/mol", SRC.modelMd, "measured", "1 ng/mL = 10 pM"),
  MW_HIL6: p(57000, "g/mol", A, "assumed", "IL-6 fused to sIL-6R domains by a linker; order of magnitude"),
  MW_sgp130Fc: p(200000, "g/mol", A, "assumed", "dimeric gp130(D1-D6)-Fc fusion; order of magnitude"),

  // ---- IL-6 : IL-6R ----
  kon_IL6_IL6R: p(36, "1/(nM*h)", A, "assumed",
    "1e7 /M/s, a typical protein association rate. Dwivedi's soluble-phase 0.384 /nM/h makes hepatic IL-6 uptake ~100-fold slower than the 1.5 min rat half-life with 41% of a dose in the liver at 15 min (Eur J Clin Invest 1990;20:366) and puts the half-max of hepatocytes far above 23 pM (Chebath 1997)"),
  Kd_IL6_sIL6R: p(5, "nM", SRC.dwivedi, "fitted", "kRLOff/kRLOn = 1.92/0.384; SPR 20 nM (Ward 1995)"),
  koff_IL6_sIL6R: derived("kon_IL6_IL6R * Kd_IL6_sIL6R", "1/h", "kon x Kd"),
  Kd_IL6_mIL6R: p(0.5, "nM", SRC.zohlnhofer1992, "measured", "low-affinity IL-6 binding by gp80 on HepG2 (0.5-2.5 nM also Coulie 1989)"),
  koff_IL6_mIL6R: derived("kon_IL6_IL6R * Kd_IL6_mIL6R", "1/h", "kon x Kd"),

  // ---- gp130 site: IL-6·IL-6R, Hyper-IL-6, sgp130, sgp130Fc all use it ----
  kon_gp130: p(20.52, "1/(nM*h)", SRC.dwivedi, "fitted",
    "5.7e6 /M/s (kgp130On); used for IL-6·sIL-6R and Hyper-IL-6 binding membrane gp130, sgp130 and sgp130Fc, and (per-cell volume) for IL-6·mIL-6R recruiting gp130 in the membrane"),
  koff_gp130: p(1.026, "1/h", SRC.dwivedi, "fitted", "kgp130Off; Kd 50 pM"),

  // ---- antibodies ----
  kon_aIL6R: p(3.6, "1/(nM*h)", A, "assumed", "1e6 /M/s, typical IgG association rate"),
  koff_aIL6R: derived("kon_aIL6R * Kd_aIL6R", "1/h", "kon x Kd"),
  kon_aIL6: p(1000, "1/(nM*h)", SRC.dwivedi, "fitted", "kIL6AbBind (anti-IL-6 antibody)"),
  koff_aIL6: p(2.5, "1/h", SRC.dwivedi, "fitted", "kIL6AbUnbind; Kd 2.5 pM"),

  // ---- membrane receptor turnover ----
  k_mIL6R_deg: p(0.1561, "1/h", SRC.dwivedi, "fitted", "kRintBasal: constitutive internalisation of free mIL-6R"),
  k_mIL6R_shed: p(0.0054, "1/h", SRC.dwivedi, "assumed",
    "constitutive (ADAM10) shedding of free mIL-6R into sIL-6R; the number is Dwivedi's kRShedding, which in their SBML multiplies serum CRP (a CRP-linked sIL-6R source, folded into sIL6R_prod_conc here), so its use as a membrane shedding rate is an assumption"),
  k_int_ligand: p(1.96, "1/h", SRC.dwivedi, "fitted",
    "kRint: ligand-induced internalisation and degradation of IL-6·mIL-6R and of every ligand-bound gp130 complex (t1/2 21 min; Zohlnhöfer 1992 measured 15-30 min, no recycling)"),
  k_int_antibody_bound: p(0.1561, "1/h", A, "assumed", "antibody-bound mIL-6R leaves the surface at the basal receptor turnover rate"),
  k_gp130_deg: p(perMin(0.00380769), "1/h", SRC.sobotta, "fitted", "gp130_deg 0.0038/min; t1/2 3 h (Thiel 1998, Dittrich 1994)"),

  // ---- cell geometry and receptor numbers that do not depend on the organism ----
  V_cyt_hep: p(12.67, "pL", SRC.sobotta, "fitted", "cytoplasm of a cultured primary mouse hepatocyte (compartment cyt)"),
  V_nuc_hep: p(0.5, "pL", SRC.sobotta, "fitted", "nucleus (compartment nuc)"),
  V_cyt_kc: p(1.0, "pL", A, "assumed", "macrophage cytoplasm, order of magnitude"),
  V_nuc_kc: p(0.15, "pL", A, "assumed", "order of magnitude"),
  V_cyt_lsec: p(1.0, "pL", A, "assumed", "order of magnitude"),
  V_nuc_lsec: p(0.15, "pL", A, "assumed", "order of magnitude"),
  V_cyt_hsc: p(1.0, "pL", A, "assumed", "order of magnitude"),
  V_nuc_hsc: p(0.15, "pL", A, "assumed", "order of magnitude"),
  gp130_per_cell_hep: p(4300, "1/cell", SRC.sobotta, "fitted", "0.555 nM JAK1-gp130 in 12.67 pL; synthesis balances basal turnover at this number"),
  gp130_per_cell_kc: p(2000, "1/cell", A, "assumed", "not published; design/model.md prior 1,000-5,000"),
  gp130_per_cell_lsec: p(2000, "1/cell", A, "assumed", "not published; design/model.md prior 1,000-5,000"),
  gp130_per_cell_hsc: p(2000, "1/cell", A, "assumed", "not published; design/model.md prior 1,000-5,000"),
  IL6R_per_cell_kc: p(300, "1/cell", SRC.hansen2020, "assumed", "upper end of the leukocyte range, taken for Kupffer cells"),
  IL6R_per_cell_lsec: p(0, "1/cell", SRC.modelMd, "assumed", "LSEC mIL-6R ~ 0"),
  IL6R_per_cell_hsc: p(0, "1/cell", SRC.modelMd, "assumed", "HSC mIL-6R low or absent; 0 so HSC respond to trans-signalling only"),

  // ---- JAK1 / gp130 activation (Sobotta 2017; per complex) ----
  k_JAK1_ligand: p(perMin(0.009075951 * 40 / 7.91984491), "1/h", SRC.sobotta, "derived",
    "jak1_act_il6 x 40 ng/mL / scale_pgp130 = 0.0458/min: Sobotta's activation rate at the 40 ng/mL stimulus, at which receptors are near-saturated, taken per ligand-bound complex"),
  k_JAK1_basal: p(0, "1/h", SRC.sobotta, "assumed",
    "Sobotta fitted 5.4e-4/min ligand-independent activation in cultured hepatocytes; set to 0 here and attributed to serum/autocrine gp130 ligands in culture. With it, basal hepatocyte STAT3 activity (and CRP) would not depend on IL-6, contradicting the CRP fall under tocilizumab in healthy volunteers (PMID 23547848)"),
  k_gp130_phos: p(perMin(0.536999686), "1/h", SRC.sobotta, "fitted", "gp130_act_jak1 0.537/min"),
  k_JAK1_dephos: p(perMin(0.0781686413), "1/h", SRC.sobotta, "fitted", "jak1_gp130_dea 0.0782/min"),
  k_SOCS3_gp130: p(perMin(0.0193431053), "1/(nM*h)", SRC.sobotta, "fitted", "socs3_assoc: SOCS3-mediated degradation of gp130 complexes, consuming SOCS3"),
  k_rux_inh: p(0.00602314687, "1/nM", SRC.sobotta, "fitted", "jak1_inh_ruxolitinib: JAK1 steps divided by (1 + k x free ruxolitinib)"),

  // ---- STAT3 (Sobotta 2017) ----
  k_STAT3_phos: p(perMin(0.411551347 * 7.91984491), "1/(nM*h)", SRC.sobotta, "fitted", "stat3_act_gp130 x scale_pgp130 (per active complex concentration in the cytoplasm)"),
  K_SOCS3_inh: p(0.618867946, "1/nM", SRC.sobotta, "fitted", "stat3_inh_socs3: phosphorylation divided by (1 + K x SOCS3)"),
  k_STAT3_import: p(perMin(0.0593610692), "1/h", SRC.sobotta, "fitted", "stat3_imp 0.0594/min"),
  f_pSTAT3_import: p(4.97118592, "1", SRC.sobotta, "fitted", "pSTAT3 is imported (1 + f) times faster"),
  k_STAT3_export: p(perMin(1.97083306), "1/h", SRC.sobotta, "fitted", "stat3_exp 1.97/min"),
  k_npSTAT3_dephos: p(60, "1/h", A, "assumed",
    "nuclear pSTAT3 dephosphorylation (1/min). Sobotta imports and dephosphorylates in one step; a fast explicit step keeps their dynamics and gives a nuclear pSTAT3 pool"),
  k_STAT3_turnover: p(Math.LN2 / 24, "1/h", A, "assumed", "STAT3 protein t1/2 ~24 h, same for all forms, so signalling does not change the pool"),
  STAT3_total_conc: p(30.8, "nM", SRC.sobotta, "fitted", "~235,000 molecules per hepatocyte / 12.67 pL cytoplasm; the same concentration is assumed in every cell type"),

  // ---- SOCS3 (Sobotta 2017; mRNA in Sobotta's qPCR-scaled units) ----
  k_SOCS3_tx: p(perMin(0.00170007562), "nM/h", SRC.sobotta, "fitted",
    "socs3rna_pro: transcription = k x (gain x npSTAT3)^n, i.e. Sobotta's (nuclear pSTAT3 import flux per min)^n with the flux = k_npSTAT3_dephos x npSTAT3 at quasi-steady state"),
  n_SOCS3: p(1.71329655, "1", SRC.sobotta, "fitted", "socs3rna_hill"),
  SOCS3_drive_gain: derived("k_npSTAT3_dephos / 60", "1/min", "turns nuclear pSTAT3 (nM) into Sobotta's drive, a nuclear flux in nM/min"),
  k_SOCS3_tx_basal: p(0.12, "nM/h", SRC.campbell2001, "fitted",
    "constitutive SOCS3 transcription in the quiescent liver, in Sobotta's scaled units; calibrated so that hepatocyte SOCS3 mRNA is ~40-fold 2 h after a mouse 70% PHx (Campbell 2001). Cultured hepatocytes (the in-vitro well) keep Sobotta's fitted basal transcription, 3.2 nM/h (0.0533 nM/min): isolation and culture raise basal SOCS3, so the same value cannot serve both"),
  k_SOCS3_delay: p(perMin(0.303942466), "1/h", SRC.sobotta, "fitted", "socs3rna_delay: 5-step transcriptional delay, mean ~16.5 min"),
  k_SOCS3_mRNA_deg: p(perMin(0.303904944), "1/h", SRC.sobotta, "fitted", "socs3rna_des"),
  k_SOCS3_translation: p(perMin(1.69780340), "1/h", SRC.sobotta, "fitted", "socs3_pro (per scaled mRNA)"),
  k_SOCS3_deg: p(perMin(0.448649427), "1/h", SRC.sobotta, "fitted", "socs3_des"),
};

/** Cell-type switches that genotypes change (1 = wild type). */
export const CELL_SWITCHES: ParamSet = Object.fromEntries(
  (["hep", "kc", "lsec", "hsc"] as const).flatMap((c) => [
    [`SOCS3_expression_${c}`, p(1, "1", A, "assumed", `SOCS3 translation multiplier in ${c} (0 = knockout)`)],
    [`STAT3_expression_${c}`, p(1, "1", A, "assumed", `STAT3 pool multiplier in ${c} (0 = knockout)`)],
    [`IL6R_soluble_only_${c}`, p(0, "1", A, "assumed", `1 when ${c} make IL-6R only as a secreted soluble receptor (trans_only genotype): the receptors they would put in the membrane go to sIL-6R`)],
  ]),
);
