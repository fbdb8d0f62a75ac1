/**
 * Acute-phase proteins other than CRP (CRP is in human.ts): serum amyloid A (mouse), fibrinogen
 * and haptoglobin (Sobotta 2017's target genes). Transcription constants are Sobotta's (per
 * minute converted to per hour); plasma levels, induction folds and half-lives are literature
 * orders of magnitude, marked as such.
 */
import { SRC } from "./sources.js";
import { type ParamSet, p, perMin } from "./types.js";

const A = "assumed";
const SOBOTTA = SRC.sobotta;

export const ACUTE_PHASE: ParamSet = {
  // ---- fibrinogen gamma (FGG) ----
  Ka_FGG: p(0.0394632991318074 * 49.1555791548272, "nM/min", SOBOTTA, "fitted", "nuclear pSTAT3 import flux of half-maximal FGG transcription (0.0395 x fggrna_ka)"),
  n_FGG: p(3.93695191003628, "1", SOBOTTA, "fitted", "fggrna_hill"),
  k_FGG_delay: p(perMin(0.120779262192917), "1/h", SOBOTTA, "fitted", "fggrna_delay: 5-step transcriptional delay, mean 41 min"),
  k_FGG_mRNA_deg: p(perMin(0.00770737484858441), "1/h", SOBOTTA, "fitted", "fggrna_des: FGG mRNA t1/2 1.5 h"),
  f_FGG_const: p(0.5, "1", A, "assumed", "constitutive FGG transcription relative to full induction: plasma fibrinogen rises ~2-3-fold in the acute phase"),
  FGG_baseline: p(2.5, "mg/mL", A, "assumed", "healthy plasma fibrinogen (mouse, rat and human 2-4 mg/mL)"),
  k_FGG_clear: p(Math.LN2 / 48, "1/h", A, "assumed", "plasma fibrinogen t1/2 ~2 days (human 3-5 days, rodents shorter)"),

  // ---- haptoglobin (HP) ----
  Ka_HP: p(0.0394632991318074 * 50.46991542693637, "nM/min", SOBOTTA, "fitted", "nuclear pSTAT3 import flux of half-maximal HP transcription (0.0395 x hprna_ka)"),
  n_HP: p(2.816310716994441, "1", SOBOTTA, "fitted", "hprna_hill"),
  k_HP_delay: p(perMin(0.001184548779388), "1/h", SOBOTTA, "fitted", "hprna_delay: 1-step transcriptional delay, mean 14 h"),
  k_HP_mRNA_deg: p(perMin(0.001198322667931), "1/h", SOBOTTA, "fitted", "hprna_des: HP mRNA t1/2 9.6 h"),
  f_HP_const: p(0.15, "1", A, "assumed", "constitutive HP transcription relative to full induction: plasma haptoglobin rises several-fold in the acute phase"),
  HP_baseline: p(0.5, "mg/mL", A, "assumed", "healthy plasma haptoglobin (rodents 0.1-1, human 0.3-2 mg/mL)"),
  k_HP_clear: p(Math.LN2 / 72, "1/h", A, "assumed", "plasma haptoglobin t1/2 ~3 days (free haptoglobin, human 3.5-5 days)"),
};

/** Serum amyloid A, mouse only. */
export const SAA: ParamSet = {
  SAA_baseline: p(3, "ug/mL", "Benson 1977 J Clin Invest; design/model.md module 5", "assumed", "healthy mouse serum SAA 1-5 ug/mL"),
  k_SAA_clear: p(Math.LN2 / 6, "1/h", A, "assumed", "plasma SAA t1/2 ~6 h (it rises by 3 h and peaks 12-18 h after a single stimulus, Benson 1977)"),
  k_SAA_induction: p(0.25, "1/h", A, "assumed", "SAA transcription follows hepatocyte STAT3 with a ~4 h lag (as CRP)"),
  K_SAA: p(0.02, "1", A, "assumed", "hepatocyte nuclear pSTAT3 fraction of half-maximal SAA transcription"),
  n_SAA: p(2, "1", A, "assumed", "Hill coefficient: basal STAT3 activity induces almost no SAA"),
  SAA_max_fold: p(1000, "1", A, "assumed", "maximal SAA synthesis relative to the healthy rate (mouse SAA rises 500-1000-fold after an inflammatory stimulus)"),
  f_SAA_const: p(1, "1", A, "assumed", "IL-6-independent SAA synthesis relative to the healthy rate (the induced part is negligible at baseline)"),
};
