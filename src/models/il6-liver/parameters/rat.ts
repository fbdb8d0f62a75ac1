/** Rat (300 g): physiology and receptor numbers for the rat partial-hepatectomy data of part 2. */
import { SRC } from "./sources.js";
import { type ParamSet, p } from "./types.js";

const A = "assumed";
const allo = (humanMlPerH: number) => humanMlPerH * Math.pow(0.3 / 70, 0.75);

export const RAT: ParamSet = {
  body_weight: p(0.3, "kg", SRC.modelMd, "assumed", "adult rat"),
  liver_fraction: p(0.037, "1", SRC.modelMd, "assumed", "3.5-4% of body weight"),
  hepatic_blood_flow_per_kg: p(55.2, "mL/min/kg", SRC.davies1993, "measured", "liver blood flow"),
  periph_per_kg: p(2900 / 70, "mL/kg", SRC.frey2010, "assumed", "human tocilizumab V2 per kg"),
  Q_periph: p(allo(200 / 24), "mL/h", SRC.frey2010, "assumed", "human 0.2 L/day scaled by body weight^0.75"),
  IL6R_per_cell_hep: p(4500, "1/cell", SRC.castell1990, "measured", "isolated rat hepatocytes, apparent Kd 39 pM at 4 C"),

  IL6_prod: p(0.026, "pmol/h", "calibrated to a low basal serum IL-6 of ~2 pg/mL (as the mouse)", "fitted", "systemic IL-6 production into plasma"),
  k_IL6_clear: p(16.3, "1/h", SRC.castell1990, "derived", "total t1/2 1.5 min (27.7/h) of which 41% is hepatic uptake: 16.3/h non-hepatic"),
  sIL6R_prod_conc: p(0.004, "nM/h", SRC.suzuki1993, "assumed", "as the mouse"),
  k_sIL6R_clear: p(0.06, "1/h", SRC.ohta2013, "assumed", "human value (fitted to sIL-6R accumulation under tocilizumab)"),
  sgp130_prod_conc: p(3.9, "nM/h", SRC.dwivedi, "assumed", "human value per volume of plasma"),
  k_sgp130_clear: p(1.0, "1/h", SRC.dwivedi, "assumed", "human value"),
  k_HIL6_clear: p(0.35, "1/h", SRC.modelMd, "assumed", "Hyper-IL-6 t1/2 'hours'"),

  MW_aIL6R: p(150000, "g/mol", A, "assumed", "no anti-rat IL-6R antibody is catalogued (tocilizumab and MR16-1 do not bind rat IL-6R)"),
  Kd_aIL6R: p(1.0, "nM", A, "assumed", "placeholder for a hypothetical anti-rat IL-6R antibody"),
  CL_aIL6R: p(allo(12.5), "mL/h", A, "assumed", "tocilizumab linear clearance scaled by body weight^0.75"),
  Vmax_aIL6R: p(0, "pmol/h", A, "assumed", "no lumped target-mediated pathway"),
  Km_aIL6R: p(18, "nM", A, "assumed", "unused while Vmax is 0"),
  MW_aIL6: p(150000, "g/mol", A, "assumed", "IgG"),
  CL_aIL6: p(allo(9.58), "mL/h", A, "assumed", "siltuximab clearance scaled by body weight^0.75"),
  CL_sgp130Fc: p(allo(25), "mL/h", A, "assumed", "human value scaled by body weight^0.75"),
  sgp130Fc_tg_conc: p(50, "nM", SRC.rabe2008, "assumed", "as the mouse"),

  // ---- regeneration (part 2) ----
  T_G1: p(14, "h", SRC.zieve1985, "fitted", "late G1 of the rat, shorter than the mouse's: DNA synthesis peaks ~24 h after a rat 2/3 PHx (mouse 36-44 h)"),
  theta_cd: p(0.11 / 20.8, "1", SRC.tuczek, "assumed", "critical liver mass / M for the rat: theta_cd x M = 0.11 puts 50% survival near a 16% remnant, inside the measured 10-18% critical remnant (Cook's 0.009 gives 0.19)"),

  V_rux_ml: p(72000 * (0.3 / 70), "mL", SRC.jakafiLabel, "assumed", "human Vss per kg"),
  CL_rux: p(allo(20000), "mL/h", SRC.jakafiLabel, "assumed", "human clearance scaled by body weight^0.75"),
};
