/**
 * Body and liver physiology as formulas over a few organism inputs (body weight, liver fraction,
 * hepatic blood flow). Pre-operative cell numbers are parameters; the numbers now (N_hep, ...)
 * follow the cell states of fate.ts, which is why every membrane receptor amount is written as
 * per-cell number x cell count.
 */
import { SRC } from "./sources.js";
import { type ParamSet, derived, p } from "./types.js";

const A = "assumed";

export const PHYSIOLOGY: ParamSet = {
  plasma_per_kg: p(40, "mL/kg", SRC.modelMd, "assumed", "plasma volume"),
  ecf_per_g_liver: p(0.2, "mL/g", SRC.modelMd, "assumed", "liver extracellular fluid (space of Disse and interstitium) facing the liver cells"),
  hepatocytes_per_g: p(1.2e8, "1/g", SRC.modelMd, "assumed", "hepatocytes per g liver"),
  frac_hep: p(0.6, "1", SRC.modelMd, "assumed", "share of liver cells by number"),
  frac_lsec: p(0.175, "1", SRC.modelMd, "assumed", "share of liver cells by number (15-20%)"),
  frac_kc: p(0.1, "1", SRC.modelMd, "assumed", "share of liver cells by number"),
  frac_hsc: p(0.065, "1", SRC.modelMd, "assumed", "share of liver cells by number (5-8%)"),
  hematocrit: p(0.45, "1", A, "assumed", "plasma flow = (1 - hematocrit) x blood flow"),
  liver_mass: derived("body_weight * 1000 * liver_fraction", "g", "liver mass"),
  V_plasma_ml: derived("plasma_per_kg * body_weight", "mL", "plasma volume"),
  V_liver_ml: derived("ecf_per_g_liver * liver_mass", "mL", "liver extracellular volume"),
  V_periph_ml: derived("periph_per_kg * body_weight", "mL", "peripheral (tissue) volume for antibodies and Fc fusions"),
  N_hep_preop: derived("hepatocytes_per_g * liver_mass", "cells", "pre-operative hepatocytes"),
  N_kc_preop: derived("N_hep_preop * frac_kc / frac_hep", "cells", "pre-operative Kupffer cells"),
  N_lsec_preop: derived("N_hep_preop * frac_lsec / frac_hep", "cells", "pre-operative sinusoidal endothelial cells"),
  N_hsc_preop: derived("N_hep_preop * frac_hsc / frac_hep", "cells", "pre-operative stellate cells"),
  // the counts now: in the network these are assignment rules over the cell states (fate.ts);
  // here they give the pre-injury values that size the receptor pools
  N_hep: derived("N_hep_preop", "cells", "hepatocytes now (pre-operative number x hepatocyte states)"),
  N_kc: derived("N_kc_preop", "cells", "Kupffer cells now (pre-operative number x npc)"),
  N_lsec: derived("N_lsec_preop", "cells", "sinusoidal endothelial cells now (pre-operative number x npc)"),
  N_hsc: derived("N_hsc_preop", "cells", "stellate cells now (pre-operative number x npc)"),
  Q_liver: derived(
    "hepatic_blood_flow_per_kg * body_weight * (1 - hematocrit) * 60",
    "mL/h",
    "hepatic plasma flow; the liver extracellular fluid exchanges with plasma at this flow (fenestrated sinusoids pass IgG-sized proteins)",
  ),
};
