/**
 * Named scenarios of part 2: hepatectomies (mouse 70% and 90%, rat 2/3, with Hyper-IL-6,
 * sgp130Fc, anti-IL-6 and genotypes) and the damage models, each with the experiment it mirrors.
 */
import type { TimelineEntry } from "../../core/scenario/types.js";
import type { NamedScenario } from "../types.js";
import { SRC } from "./parameters/sources.js";
import { doseAt, scenario } from "./scenario-helpers.js";

const DAY = 24;

export function injuryAt(
  at: number,
  injury: string,
  params: Record<string, number | { value: number; unit: string }>,
): TimelineEntry {
  return { at, intervention: { kind: "injury", injury, params } };
}

const phx = (f: number, at = 0) => injuryAt(at, "partial_hepatectomy", { fraction_removed: f });

/** What a regeneration experiment reads. */
export const PHX_OBS = [
  "liver_mass_percent_of_preop",
  "survival_probability",
  "brdu_labeling_index_percent",
  "mitotic_index_percent",
  "serum_IL6_pg_per_mL",
  "hepatocyte_pSTAT3_nuclear_fraction",
  "hepatocyte_SOCS3_mRNA_fold",
  "serum_HGF_fold",
  "hepatocyte_size_fold",
  "serum_ALT_U_per_L",
];
const MOUSE_PHX_OBS = [...PHX_OBS, "serum_SAA_ug_per_mL", "hsc_pSTAT3_nuclear_fraction"];
const DAMAGE_OBS = [
  "serum_ALT_U_per_L",
  "liver_mass_percent_of_preop",
  "survival_probability",
  "serum_IL6_pg_per_mL",
  "hepatocyte_pSTAT3_nuclear_fraction",
  "hepatocyte_death_rate_per_h",
  "brdu_labeling_index_percent",
  "serum_SAA_ug_per_mL",
];

const mousePhx = (
  id: string,
  description: string,
  mirrors: string,
  timeline: TimelineEntry[],
  genotype: string[] = [],
  end = 14 * DAY,
): NamedScenario => ({
  id,
  description,
  mirrors,
  scenario: scenario(id, "mouse", end, 1, timeline, MOUSE_PHX_OBS, genotype),
});

const damage = (
  id: string,
  description: string,
  mirrors: string,
  timeline: TimelineEntry[],
  genotype: string[] = [],
): NamedScenario => ({
  id,
  description,
  mirrors,
  scenario: scenario(id, "mouse", 7 * DAY, 1, timeline, DAMAGE_OBS, genotype),
});

export const INJURY_SCENARIOS: readonly NamedScenario[] = [
  mousePhx(
    "mouse_phx70",
    "mouse, 70% partial hepatectomy, 14 days",
    `C57BL/6 70% PHx (Higgins-Anderson): serum IL-6 peak ~3 h (${SRC.cellbiosci2014}); hepatic pSTAT3 peak 3-6 h (Wang 2010); SOCS3 mRNA ~40-fold at 2 h (${SRC.campbell2001}); DNA synthesis peak 36-44 h; mass restored in 7-10 days (Yamada 1997); all survive (${SRC.makino2005})`,
    [phx(0.7)],
  ),
  mousePhx(
    "mouse_phx90",
    "mouse, 90% partial hepatectomy (extended), 7 days",
    `extended hepatectomy: every mouse dies within ~1 day (${SRC.makino2005})`,
    [phx(0.9)],
    [],
    7 * DAY,
  ),
  mousePhx(
    "mouse_phx70_hyper_il6",
    "mouse, Hyper-IL-6 2 ug i.p. 1 h before a 70% partial hepatectomy",
    `${SRC.peters2000}: Hyper-IL-6 brings hepatocyte proliferation forward and speeds liver-weight recovery (dose from the 1-5 ug/mouse range of design/model.md)`,
    [doseAt(-1, "hyper_il6", 2, "ug", "ip"), phx(0.7)],
  ),
  mousePhx(
    "mouse_phx70_sgp130fc",
    "mouse, sgp130Fc 100 ug i.p. 1 day before a 70% partial hepatectomy (trans-signalling blocked)",
    `${SRC.fazel2019}: blocking IL-6 trans-signalling with sgp130Fc lowers hepatocyte STAT3 activation, proliferation and survival after PHx (dose from the 10-100 ug/mouse range)`,
    [doseAt(-DAY, "sgp130fc", 100, "ug", "ip"), phx(0.7)],
  ),
  mousePhx(
    "mouse_phx70_anti_il6",
    "mouse, anti-IL-6 antibody 0.5 mg i.p. 1 day before a 70% partial hepatectomy (classic and trans blocked)",
    `${SRC.fazel2019}: global IL-6 blockade with an anti-IL-6 antibody lowers survival and hepatocyte proliferation after PHx`,
    [doseAt(-DAY, "anti_il6", 0.5, "mg", "ip"), phx(0.7)],
  ),
  mousePhx(
    "mouse_phx70_il6_ko",
    "IL-6 knockout mouse, 70% partial hepatectomy",
    `${SRC.cressman1996}; ${SRC.cellbiosci2014}`,
    [phx(0.7)],
    ["IL6_KO"],
  ),
  mousePhx(
    "mouse_phx70_trans_only",
    "trans-signalling-only mouse (all IL-6R as sIL-6R), 70% partial hepatectomy",
    `${SRC.fazel2019}: survival and regeneration of IL-6 trans-signalling mice are indistinguishable from controls`,
    [phx(0.7)],
    ["trans_only"],
  ),
  mousePhx(
    "mouse_phx70_hep_stat3_ko",
    "hepatocyte STAT3 knockout mouse, 70% partial hepatectomy",
    "Li 2002 J Biol Chem 277:28411 (hepatocyte DNA synthesis at 40 h ~1/3 of control); Haga 2005 J Hepatol 43:799 (liver mass still recovers, by hypertrophy)",
    [phx(0.7)],
    ["hep_STAT3_KO"],
  ),
  {
    id: "rat_phx67",
    description: "rat, 2/3 partial hepatectomy, 7 days (the ultrasound liver-volume experiment)",
    mirrors: `${SRC.barnhart}: liver volume / pre-operative 0.30 (0.3 h), 0.41 (10 h), 0.50 (24 h), 0.64 (48 h), 0.78 (72 h), 0.96 (168 h) in chow-fed controls; plasma HGF 17-fold at 2 h (${SRC.lindroos1991}); DNA synthesis peak ~24 h (${SRC.zieve1985})`,
    scenario: scenario("rat_phx67", "rat", 7 * DAY, 1, [phx(2 / 3)], PHX_OBS),
  },
  damage(
    "mouse_ccl4_1mlkg",
    "mouse, CCl4 1 mL/kg i.p.",
    "acute CCl4 hepatotoxicity: zone-3 necrosis, serum ALT in the thousands of U/L peaking at ~1 day, regeneration (DNA synthesis) at 2 days",
    [injuryAt(0, "ccl4", { dose: { value: 1, unit: "mL/kg" } })],
  ),
  damage(
    "mouse_apap_300mgkg",
    "mouse, acetaminophen 300 mg/kg i.p.",
    "acetaminophen overdose: glutathione depletion within 1-2 h, necrosis and ALT ~5,000-15,000 U/L at 6-24 h",
    [injuryAt(0, "acetaminophen", { dose: { value: 300, unit: "mg/kg" } })],
  ),
  damage(
    "mouse_cona_20mgkg",
    "mouse, concanavalin A 20 mg/kg i.v.",
    "T-cell hepatitis: serum IL-6 rises within hours, ALT peaks at 8-24 h; IL-6 protects (Mizuhara 1994 J Exp Med)",
    [injuryAt(0, "concanavalin_a", { dose: { value: 20, unit: "mg/kg" } })],
  ),
  damage(
    "mouse_galn_lps",
    "mouse, D-galactosamine 700 mg/kg + LPS 20 ug/kg i.p.",
    "fulminant TNF-mediated hepatocyte apoptosis within 6-8 h, usually lethal",
    [injuryAt(0, "galn_lps", { dose: { value: 20, unit: "ug/kg" } })],
  ),
  damage(
    "mouse_galn_lps_hyper_il6",
    "mouse, Hyper-IL-6 2 ug i.p. 2 h before D-galactosamine/LPS",
    "Galun 2000 FASEB J: Hyper-IL-6 reverses D-galactosamine liver failure (rats); here as pre-treatment in the mouse model",
    [doseAt(-2, "hyper_il6", 2, "ug", "ip"), injuryAt(0, "galn_lps", { dose: { value: 20, unit: "ug/kg" } })],
  ),
];
