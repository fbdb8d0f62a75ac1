/**
 * Absorption from s.c./i.p./oral depots (first order, with bioavailability F applied to the
 * dose when it enters the depot). Defaults for every organism; organism files override.
 */
import { SRC } from "./sources.js";
import { type ParamSet, p } from "./types.js";

const A = "assumed";

export const DEPOT_DEFAULTS: ParamSet = {
  ka_IL6_sc: p(0.5, "1/h", A, "assumed", "small cytokine from a s.c. depot"),
  F_IL6_sc: p(0.6, "1", A, "assumed", "small cytokine, s.c."),
  ka_IL6_ip: p(1.0, "1/h", A, "assumed", "i.p. absorption over hours"),
  F_IL6_ip: p(0.8, "1", A, "assumed", "i.p."),
  ka_HIL6_sc: p(0.3, "1/h", A, "assumed", "s.c."),
  F_HIL6_sc: p(0.6, "1", A, "assumed", "s.c."),
  ka_HIL6_ip: p(0.7, "1/h", A, "assumed", "i.p. peak within ~1-2 h"),
  F_HIL6_ip: p(0.8, "1", A, "assumed", "i.p."),
  ka_sgp130Fc_sc: p(0.02, "1/h", A, "assumed", "Fc fusion, s.c. tmax ~2 d"),
  F_sgp130Fc_sc: p(0.6, "1", A, "assumed", "Fc fusion, s.c."),
  ka_sgp130Fc_ip: p(0.1, "1/h", A, "assumed", "Fc fusion, i.p. peak ~12-24 h"),
  F_sgp130Fc_ip: p(0.8, "1", A, "assumed", "i.p."),
  ka_aIL6R_sc: p(0.04, "1/h", SRC.ohta2013, "assumed", "tmax 2-3 d after s.c. tocilizumab; ka giving tmax ~2.5 d with the antibody's slow elimination"),
  F_aIL6R_sc: p(0.8, "1", SRC.modelMd, "assumed",
    "upper end of the 0.5-0.8 prior; the single-dose AUC ratio 48.8% in healthy subjects (PMID 23547848) underestimates F because target-mediated clearance is less saturated after the smaller s.c. peak"),
  ka_aIL6R_ip: p(0.1, "1/h", A, "assumed", "IgG i.p. in mice, peak ~12-24 h"),
  F_aIL6R_ip: p(0.9, "1", A, "assumed", "IgG i.p."),
  ka_aIL6_sc: p(0.04, "1/h", A, "assumed", "IgG s.c."),
  F_aIL6_sc: p(0.7, "1", A, "assumed", "IgG s.c."),
  ka_aIL6_ip: p(0.1, "1/h", A, "assumed", "IgG i.p."),
  F_aIL6_ip: p(0.9, "1", A, "assumed", "IgG i.p."),
  ka_rux_po: p(2.0, "1/h", SRC.jakafiLabel, "assumed", "tmax 1-2 h after an oral dose"),
  F_rux_po: p(0.95, "1", SRC.jakafiLabel, "measured", "oral bioavailability >= 95%"),
  ka_rux_ip: p(4.0, "1/h", A, "assumed", "small molecule i.p."),
  F_rux_ip: p(0.9, "1", A, "assumed", "i.p."),
  MW_rux: p(306.37, "g/mol", SRC.jakafiLabel, "measured", "free base"),
  fu_rux: p(0.03, "1", SRC.jakafiLabel, "measured", "97% bound to plasma proteins; the unbound concentration inhibits JAK1"),
};
