/**
 * Injury drivers shared by every organism (design/model.md module 6): the Kupffer-cell response
 * (endotoxin/TNF -> NF-kB -> IL-6 release), the hepatectomy pulse, surgical-margin injury and
 * ALT. Toxin doses (CCl4, acetaminophen, concanavalin A, D-galactosamine/LPS) are in
 * `toxins.ts`. Organism files override the IL-6 release per Kupffer cell (calibrated).
 */
import { SRC } from "./sources.js";
import { type ParamSet, p } from "./types.js";

const A = "assumed";

export const INJURY: ParamSet = {
  // ---- Kupffer cells: endotoxin/DAMP -> TNF/NF-kB activation -> IL-6 transcription -> release ----
  k_LPS_liver: p(0.7, "1/h", A, "assumed", "portal endotoxin (and injected LPS) reaching Kupffer cells is cleared with t1/2 ~1 h"),
  LPS_phx: p(1, "1", A, "assumed",
    "portal endotoxin load per Kupffer cell after a hepatectomy, x f/(1 - f) for a fraction f removed: the same portal inflow meets (1 - f) of the Kupffer cells"),
  k_TNF_kc: p(0.5, "1/h", A, "assumed", "Kupffer-cell TNF/NF-kB activation follows its stimuli with a ~1 h lag (TNF peaks ~1 h after PHx)"),
  DAMP_per_death: p(20, "h", A, "assumed", "Kupffer-cell stimulus per unit of excess hepatocyte death rate (DAMPs from dying hepatocytes)"),
  k_IL6_tx_kc: p(0.5, "1/h", A, "assumed", "Kupffer-cell IL-6 transcription follows TNF/NF-kB with a ~1 h lag, so serum IL-6 peaks ~3 h after PHx"),
  K_IL6_kc: p(2, "1", A, "assumed", "Kupffer-cell activation of half-maximal IL-6 release (large LPS doses saturate it)"),
  k_IL6_kc: p(2.2e-7, "pmol/h/cell", SRC.cellbiosci2014, "fitted", "maximal IL-6 release per Kupffer cell (organism files calibrate it)"),

  k_shed_ADAM17: p(0.1, "1/h", SRC.peters2000, "assumed",
    "induced (ADAM17) shedding of free mIL-6R on hepatocytes and Kupffer cells per unit of Kupffer-cell TNF activation: sIL-6R rises during regeneration (Peters 2000) and PHx-induced shedding enables trans-signalling (Fazel Modares 2019)"),

  // ---- surgery ----
  f_margin: p(0.01, "1", A, "assumed", "fraction of remnant hepatocytes lost at the resection margin (ischaemia, cautery); source of the ALT rise after PHx"),
  k_margin: p(0.3, "1/h", A, "assumed", "injured margin hepatocytes die over ~3 h"),

  // ---- ALT ----
  ALT_baseline: p(35, "U/L", A, "assumed", "healthy serum ALT (mouse, rat ~30-40 U/L; human 10-40 U/L)"),
  ALT_liver: p(90000, "U/L", SRC.exeterAlt, "measured", "ALT activity of liver tissue, ~3000 x serum (per litre of liver, ~1 g/mL)"),
  f_ALT_plasma: p(0.5, "1", A, "assumed", "share of released ALT that reaches plasma (the rest in the interstitium / degraded locally)"),
  k_ALT: p(Math.LN2 / 8, "1/h", A, "assumed", "serum ALT elimination in rodents, t1/2 ~8 h (serum ALT falls >10-fold within 1-2 days after an acute injury; humans 47 h)"),
};
