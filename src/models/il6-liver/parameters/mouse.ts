/** Mouse (C57BL/6, 25 g): physiology, receptor numbers, soluble-receptor balance, drug PK. */
import { SRC } from "./sources.js";
import { type ParamSet, p } from "./types.js";

const A = "assumed";
/** Allometric scaling of a human clearance (mL/h) to 25 g with exponent 0.75. */
const allo = (humanMlPerH: number) => humanMlPerH * Math.pow(0.025 / 70, 0.75);

export const MOUSE: ParamSet = {
  body_weight: p(0.025, "kg", SRC.modelMd, "assumed", "C57BL/6 adult"),
  liver_fraction: p(0.05, "1", SRC.modelMd, "assumed", "liver mass / body weight"),
  hepatic_blood_flow_per_kg: p(90, "mL/min/kg", SRC.davies1993, "measured", "liver blood flow"),
  periph_per_kg: p(2900 / 70, "mL/kg", SRC.frey2010, "assumed", "human tocilizumab V2 per kg"),
  Q_periph: p(allo(200 / 24), "mL/h", SRC.frey2010, "assumed", "human 0.2 L/day scaled by body weight^0.75"),
  IL6R_per_cell_hep: p(4500, "1/cell", SRC.castell1990, "assumed", "rat hepatocyte value (4,500 sites, Kd 39 pM at 4 C)"),

  IL6_prod: p(0.0025, "pmol/h", "calibrated to a low basal serum IL-6 of ~2 pg/mL (design/model.md: 'mouse basal low')", "fitted", "systemic IL-6 production into plasma"),
  k_IL6_clear: p(16.3, "1/h", SRC.castell1990, "assumed",
    "rat value: total t1/2 1.5 min (27.7/h) of which 41% is hepatic uptake, leaving 16.3/h non-hepatic; taken for the mouse"),
  sIL6R_prod_conc: p(0.004, "nM/h", SRC.suzuki1993, "assumed", "one fifth of the human rate per volume: mouse serum sIL-6R is low (no splice variant)"),
  k_sIL6R_clear: p(0.06, "1/h", SRC.ohta2013, "assumed", "human value (fitted to sIL-6R accumulation under tocilizumab)"),
  sgp130_prod_conc: p(3.9, "nM/h", SRC.dwivedi, "assumed", "human value per volume of plasma"),
  k_sgp130_clear: p(1.0, "1/h", SRC.dwivedi, "assumed", "human value"),
  k_HIL6_clear: p(0.35, "1/h", SRC.modelMd, "assumed", "Hyper-IL-6 t1/2 'hours'"),

  // ---- anti-IL-6R antibody = MR16-1 (rat IgG1 anti-mouse IL-6R) ----
  MW_aIL6R: p(150000, "g/mol", A, "assumed", "rat IgG1"),
  Kd_aIL6R: p(1.0, "nM", SRC.okazaki2002, "assumed", "MR16-1 affinity not given as a number; taken as tocilizumab's"),
  CL_aIL6R: p(0.0166, "mL/h", A, "assumed", "non-specific IgG clearance giving t1/2 ~4 d in a mouse (rat IgG, before anti-drug antibodies)"),
  Vmax_aIL6R: p(0, "pmol/h", A, "assumed", "no lumped target-mediated pathway: only the liver mIL-6R sink is represented"),
  Km_aIL6R: p(18, "nM", A, "assumed", "unused while Vmax is 0"),
  MW_aIL6: p(150000, "g/mol", A, "assumed", "rat IgG anti-mouse IL-6"),
  CL_aIL6: p(0.0166, "mL/h", A, "assumed", "as MR16-1"),
  CL_sgp130Fc: p(0.033, "mL/h", A, "assumed", "Fc fusion t1/2 ~2 d in a mouse ('days')"),
  sgp130Fc_tg_conc: p(50, "nM", SRC.rabe2008, "assumed", "order of magnitude of serum sgp130Fc in transgenic mice (~10 ug/mL)"),

  // ---- regeneration (part 2) ----
  theta_cd: p(7e-3, "1", SRC.makino2005, "assumed",
    "critical liver mass / M for the mouse: the critical remnant theta_cd x M = 0.15 lies between the 10% remnant that kills every mouse and the 30% remnant that every mouse survives (Cook's rat value 0.009 gives 0.19)"),

  V_rux_ml: p(72000 * (0.025 / 70), "mL", SRC.jakafiLabel, "assumed", "human Vss per kg"),
  CL_rux: p(allo(20000), "mL/h", SRC.jakafiLabel, "assumed", "human clearance scaled by body weight^0.75 (t1/2 ~20 min)"),
};
