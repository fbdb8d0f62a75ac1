/**
 * Damage models (design/model.md module 6): carbon tetrachloride, acetaminophen, concanavalin A
 * and D-galactosamine/LPS. Mechanisms are lumped to one or two states each; the strengths are
 * order-of-magnitude assumptions set so that the usual mouse doses give the usual pictures
 * (ALT in the thousands of U/L, timing of the ALT peak), written down in each note.
 */
import { type ParamSet, p } from "./types.js";

const A = "assumed";

export const TOXINS: ParamSet = {
  k_injured_death: p(0.1, "1/h", A, "assumed", "hepatocytes committed to necrosis die (and release ALT) over ~10 h"),

  // ---- CCl4 (dose in mL/kg i.p.; zone-3 necrosis after CYP2E1 bioactivation) ----
  ka_ccl4: p(1.0, "1/h", A, "assumed", "i.p. absorption of CCl4"),
  k_ccl4_elim: p(0.15, "1/h", A, "assumed", "CCl4 leaves the body (exhalation, metabolism) with t1/2 ~4-5 h"),
  k_ccl4_necrosis: p(0.3, "kg/(mL*h)", A, "assumed",
    "necrosis commitment per mL/kg of CCl4 metabolised by CYP2E1; 1 mL/kg kills ~30-40% of hepatocytes (ALT peak ~24 h)"),
  k_cyp2e1_inact: p(1.0, "kg/(mL*h)", A, "assumed", "CCl4 radicals inactivate CYP2E1 (suicide inactivation), which limits the damage of large doses"),
  k_cyp2e1_synth: p(0.03, "1/h", A, "assumed", "CYP2E1 activity recovers over ~1-2 days"),

  // ---- acetaminophen (dose in mg/kg i.p.; NAPQI depletes glutathione, then binds proteins) ----
  k_apap_elim: p(1.4, "1/h", A, "assumed", "acetaminophen elimination in mice, t1/2 ~30 min"),
  f_napqi: p(0.12, "1", A, "assumed", "share of acetaminophen oxidised to NAPQI (CYP2E1)"),
  GSH_capacity: p(45, "mg/kg", A, "assumed", "acetaminophen-equivalents of NAPQI that hepatic glutathione can conjugate (~6 umol/g liver)"),
  K_GSH: p(0.2, "1", A, "assumed", "glutathione fraction below which NAPQI binds proteins instead"),
  k_GSH_synth: p(0.15, "1/h", A, "assumed", "glutathione resynthesis, recovery within ~12-24 h"),
  k_adduct_loss: p(0.2, "1/h", A, "assumed", "protein adducts (mitochondrial stress) resolve over hours"),
  k_apap_necrosis: p(0.015, "kg/(mg*h)", A, "assumed", "necrosis commitment per mg/kg of protein-bound NAPQI; 300 mg/kg kills ~30-50% of hepatocytes (ALT ~5,000-15,000 U/L at 12-24 h)"),

  // ---- concanavalin A (dose in mg/kg i.v.; T/NKT-cell activation -> TNF/IFN-gamma apoptosis) ----
  k_cona_elim: p(0.5, "1/h", A, "assumed", "concanavalin A cleared with t1/2 ~1.5 h"),
  k_tcell: p(0.4, "1/h", A, "assumed", "T/NKT-cell activation follows concanavalin A with a ~2 h lag and fades over hours"),
  K_cona: p(10, "mg/kg", A, "assumed", "concanavalin A of half-maximal T-cell activation (15-25 mg/kg is the usual hepatitis dose)"),
  k_cona_apoptosis: p(0.12, "1/h", A, "assumed", "hepatocyte apoptosis at full T-cell activation, before STAT3 protection (IL-6 protects in this model, Mizuhara 1994)"),
  cona_kupffer: p(3, "1", A, "assumed", "Kupffer-cell/IL-6 stimulus at full T-cell activation (serum IL-6 rises steeply after concanavalin A)"),

  // ---- D-galactosamine/LPS (dose = LPS in ug/kg i.p., with D-galactosamine 700 mg/kg) ----
  galn_dose: p(700, "mg/kg", A, "assumed", "D-galactosamine given with the LPS of galn_lps"),
  k_galn_elim: p(0.15, "1/h", A, "assumed", "D-galactosamine's UTP trapping wears off over ~6-12 h"),
  K_galn: p(100, "mg/kg", A, "assumed", "D-galactosamine in the body of half-maximal transcription block"),
  LPS_per_ug_kg: p(0.1, "kg/ug", A, "assumed", "Kupffer-cell endotoxin stimulus per ug/kg of LPS i.p."),
  k_tnf_apoptosis: p(0.15, "1/h", A, "assumed",
    "hepatocyte apoptosis per unit of Kupffer-cell TNF when transcription is blocked (without the block NF-kB survival genes prevent it)"),
};
