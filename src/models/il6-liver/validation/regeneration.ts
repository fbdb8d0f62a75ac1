/**
 * Mouse partial hepatectomy (design/model.md "What the model must reproduce"): 70% PHx time
 * courses, 90% PHx lethality, and the IL-6 interventions and genotypes with published outcomes.
 * Rows that check a calibration target say so in their note.
 */
import { SRC } from "../parameters/sources.js";
import type { LibraryModel, ValidationRow } from "../../types.js";
import { bandRow, ifFailing, sig } from "./rows.js";
import { named, runCache, type Series } from "./series.js";

const OBS = [
  "serum_IL6_pg_per_mL",
  "hepatocyte_pSTAT3_nuclear_fraction",
  "hepatocyte_SOCS3_mRNA_fold",
  "serum_HGF_fold",
  "brdu_labeling_index_percent",
  "cumulative_S_entries_percent_of_preop",
  "liver_mass_percent_of_preop",
  "survival_probability",
  "hepatocyte_number_percent_of_preop",
];

/** Remnant hepatocytes right after a hepatectomy, % of pre-operative. */
const remnant = (s: Series) => s.values("hepatocyte_number_percent_of_preop")[0];

export function mousePhxRows(lib: LibraryModel): ValidationRow[] {
  const get = runCache(lib);
  const phx = (id: string, extra: { genotype?: string[] } = {}) =>
    get(`${id}|${extra.genotype?.join(",") ?? ""}`, () => ({ base: named(id), spec: { observables: OBS, ...extra } }));
  const wt = phx("mouse_phx70");
  const m = { organism: "mouse" };
  const il6 = wt.peak("serum_IL6_pg_per_mL");
  const stat3 = wt.peak("hepatocyte_pSTAT3_nuclear_fraction");
  const hgf = wt.peak("serum_HGF_fold", 0, 6);
  const brdu = wt.peak("brdu_labeling_index_percent");
  const entries = wt.at("cumulative_S_entries_percent_of_preop", 60) / remnant(wt);
  const to95 = wt.reaches("liver_mass_percent_of_preop", 95, 1) / 24;
  const phx90 = phx("mouse_phx90");
  const course = `IL-6 peak ${sig(il6.value)} pg/mL at ${sig(il6.t, 2)} h; nuclear pSTAT3 peak ${sig(stat3.value)} at ${sig(stat3.t, 2)} h; BrdU peak ${sig(brdu.value)}% at ${sig(brdu.t)} h; mass ${sig(wt.at("liver_mass_percent_of_preop", 48))}% at 2 d, ${sig(wt.at("liver_mass_percent_of_preop", 72))}% at 3 d`;
  return [
    bandRow({ ...m, id: "mouse_phx70_il6_peak_time", observation: "serum IL-6 peak time after 70% PHx", source: SRC.cellbiosci2014, unit: "h",
      expected: "2-4.5 h (about 3 h)", note: course }, il6.t, { lo: 2, hi: 4.5 }),
    bandRow({ ...m, id: "mouse_phx70_il6_peak", observation: "serum IL-6 peak after 70% PHx (free IL-6)", source: "design/model.md (order of magnitude; assumed)", unit: "pg/mL",
      expected: "100-1000 pg/mL", note: "calibration target: the IL-6 release per Kupffer cell (k_IL6_kc) is set to it" }, il6.value, { lo: 100, hi: 1000 }),
    bandRow({ ...m, id: "mouse_phx70_pstat3_peak_time", observation: "hepatocyte nuclear pSTAT3 peak time after 70% PHx", source: SRC.wang2010, unit: "h",
      expected: "3-6 h" }, stat3.t, { lo: 3, hi: 6 }),
    bandRow({ ...m, id: "mouse_phx70_socs3_2h", observation: "hepatocyte SOCS3 mRNA 2 h after 70% PHx, fold over the pre-operative liver", source: SRC.campbell2001, unit: "fold",
      expected: "20-80 (40-fold, within 2x)", note: `calibration target: constitutive SOCS3 transcription in vivo (k_SOCS3_tx_basal) is set to it; peak ${sig(wt.peak("hepatocyte_SOCS3_mRNA_fold").value)}-fold at ${sig(wt.peak("hepatocyte_SOCS3_mRNA_fold").t, 2)} h` },
      wt.at("hepatocyte_SOCS3_mRNA_fold", 2), { lo: 20, hi: 80 }),
    bandRow({ ...m, id: "mouse_phx70_hgf_burst", observation: "plasma HGF burst within the first 6 h after 70% PHx (peak fold)", source: `design/model.md; ${SRC.lindroos1991} (rat)`, unit: "fold",
      expected: ">= 3-fold within hours", note: `peak at ${sig(hgf.t, 2)} h` }, hgf.value, { lo: 3, hi: Infinity }),
    bandRow({ ...m, id: "mouse_phx70_dna_synthesis_peak", observation: "DNA synthesis (BrdU labelling index) peak time after 70% PHx", source: "design/model.md (mouse 36-44 h)", unit: "h",
      expected: "36-44 h", note: `peak labelling index ${sig(brdu.value)}%` }, brdu.t, { lo: 36, hi: 44 }),
    bandRow({ ...m, id: "mouse_phx70_s_phase_entry", observation: "S-phase entries per remnant hepatocyte in the first wave (to 60 h) after 70% PHx", source: SRC.marongiu2017, unit: "fraction",
      expected: "0.5-0.85 (about 2/3 of remnant hepatocytes enter S)", note: "the counter counts a second S phase again; by 60 h second cycles have barely begun" }, entries, { lo: 0.5, hi: 0.85 }),
    bandRow({ ...m, id: "mouse_phx70_mass_day7", observation: "liver mass 7 days after 70% PHx", source: SRC.yamada1997, unit: "% of pre-operative",
      expected: "85-105% (restored in 7-10 days)" }, wt.at("liver_mass_percent_of_preop", 168), { lo: 85, hi: 105 }),
    bandRow({ ...m, id: "mouse_phx70_mass_restored", observation: "time for liver mass to reach 95% of pre-operative after 70% PHx", source: SRC.yamada1997, unit: "d",
      expected: "5-10 d" }, to95, { lo: 5, hi: 10 }),
    bandRow({ ...m, id: "mouse_phx70_survival", observation: "survival 14 days after 70% PHx", source: SRC.makino2005, unit: "probability",
      expected: ">= 0.9 (all survive one week)" }, wt.final("survival_probability"), { lo: 0.9, hi: 1 }),
    bandRow({ ...m, id: "mouse_phx90_lethal", observation: "survival 24 h after 90% PHx", source: SRC.makino2005, unit: "probability",
      expected: "<= 0.1 (all die within 24 h)", note: `survival at 7 d ${sig(phx90.final("survival_probability"), 2)}` }, phx90.at("survival_probability", 24), { lo: 0, hi: 0.1 }),
    ...interventionRows(phx, wt),
  ];
}

function interventionRows(phx: (id: string, extra?: { genotype?: string[] }) => Series, wt: Series): ValidationRow[] {
  const m = { organism: "mouse" };
  const brdu = (s: Series) => s.peak("brdu_labeling_index_percent");
  const at40 = (s: Series) => s.at("brdu_labeling_index_percent", 40);
  const mass = (s: Series, t: number) => s.at("liver_mass_percent_of_preop", t);
  const hil6 = phx("mouse_phx70_hyper_il6");
  const fc = phx("mouse_phx70_sgp130fc");
  const trans = phx("mouse_phx70_trans_only");
  const ko = phx("mouse_phx70_il6_ko");
  const stat3 = phx("mouse_phx70_hep_stat3_ko");
  const socs3 = phx("mouse_phx70", { genotype: ["hep_SOCS3_KO"] });
  const cmp = (s: Series, what: string) => `${what}: BrdU peak ${sig(brdu(s).value)}% at ${sig(brdu(s).t)} h, mass ${sig(mass(s, 72))}% at 3 d and ${sig(mass(s, 168))}% at 7 d; control: ${sig(brdu(wt).value)}% at ${sig(brdu(wt).t)} h, ${sig(mass(wt, 72))}% and ${sig(mass(wt, 168))}%`;
  return [
    bandRow({ ...m, id: "mouse_phx70_hyper_il6_earlier", observation: "Hyper-IL-6 before 70% PHx brings the proliferation peak forward (control peak time - Hyper-IL-6 peak time)", source: SRC.peters2000, unit: "h",
      expected: "> 0 h (earlier onset)", note: cmp(hil6, "Hyper-IL-6") }, brdu(wt).t - brdu(hil6).t, { lo: 0.5, hi: 48 }),
    bandRow({ ...m, id: "mouse_phx70_hyper_il6_faster_mass", observation: "Hyper-IL-6 before 70% PHx speeds liver-mass recovery (mass at 3 d, Hyper-IL-6 - control)", source: SRC.peters2000, unit: "percentage points",
      expected: "> 0 (faster recovery)", note: cmp(hil6, "Hyper-IL-6") }, mass(hil6, 72) - mass(wt, 72), { lo: 0.5, hi: 100 }),
    ifFailing(bandRow({ ...m, id: "mouse_phx70_sgp130fc_less_proliferation", observation: "sgp130Fc before 70% PHx lowers hepatocyte proliferation (BrdU peak, sgp130Fc / control)", source: SRC.fazel2019, unit: "ratio",
      expected: "<= 0.8 (a clear decrease)", note: cmp(fc, "sgp130Fc") }, brdu(fc).value / brdu(wt).value, { lo: 0, hi: 0.8 }),
    "hepatocytes carry 4,500 mIL-6R (the rat binding-site count) and mouse serum sIL-6R is ~8 ng/mL, so after PHx classic signalling carries ~90% of hepatocyte gp130 activity and sgp130Fc removes only the trans part; the HSC-HGF route it blocks adds HGF where HGF is already near saturation. What would fix it: hepatocyte surface IL-6R and liver-fluid sIL-6R measured in the first hours after a mouse PHx (if ADAM17 sheds most mIL-6R, trans-signalling takes over, as Fazel Modares 2019 argue), and whether stellate-cell HGF is rate-limiting for the restriction point"),
    bandRow({ ...m, id: "mouse_phx70_trans_only_like_wt", observation: "trans-signalling-only mice regenerate like controls after 70% PHx (BrdU peak, trans-only / control)", source: SRC.fazel2019, unit: "ratio",
      expected: "0.75-1.33 (indistinguishable)", note: cmp(trans, "trans-only") }, brdu(trans).value / brdu(wt).value, { lo: 0.75, hi: 1.33 }),
    bandRow({ ...m, id: "mouse_phx70_il6_ko_blunted", observation: "IL-6 knockout: hepatocyte DNA synthesis 40 h after 70% PHx, knockout / control", source: SRC.cressman1996, unit: "ratio",
      expected: "<= 0.5 (blunted)", note: cmp(ko, "IL-6 KO") }, at40(ko) / at40(wt), { lo: 0, hi: 0.5 }),
    bandRow({ ...m, id: "mouse_phx70_hep_stat3_ko_dna", observation: "hepatocyte STAT3 knockout: DNA synthesis 40 h after 70% PHx, knockout / control", source: "Li 2002 J Biol Chem 277:28411", unit: "ratio",
      expected: "0.15-0.6 (about 1/3)", note: cmp(stat3, "hep STAT3 KO") }, at40(stat3) / at40(wt), { lo: 0.15, hi: 0.6 }),
    bandRow({ ...m, id: "mouse_phx70_hep_stat3_ko_mass", observation: "hepatocyte STAT3 knockout: liver mass 7 days after 70% PHx, knockout / control (hypertrophy compensates)", source: "Haga 2005 J Hepatol 43:799", unit: "ratio",
      expected: ">= 0.85 (almost equal)", note: cmp(stat3, "hep STAT3 KO") }, mass(stat3, 168) / mass(wt, 168), { lo: 0.85, hi: 1.2 }),
    ifFailing(bandRow({ ...m, id: "mouse_phx70_hep_socs3_ko_more_proliferation", observation: "hepatocyte SOCS3 knockout: enhanced DNA replication after PHx (BrdU peak, knockout / control)", source: SRC.riehle2008, unit: "ratio",
      expected: ">= 1.05 (enhanced)", note: cmp(socs3, "hep SOCS3 KO") }, brdu(socs3).value / brdu(wt).value, { lo: 1.05, hi: 10 }),
    "in the model the number of divisions is set by the size-gated hepatostat (hepatocytes divide after they have grown), so prolonged STAT3 raises priming but primed cells wait for growth; Riehle 2008 tie the enhancement also to stronger ERK signalling after EGF/HGF, and SOCS3 acts only on gp130 here. What would fix it: SOCS3 inhibition of the growth-factor (Met/EGFR) route, or a STAT3 effect on hepatocyte growth, with data to size it"),
  ];
}
