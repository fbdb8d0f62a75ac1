/**
 * Tocilizumab exposure in humans against the label and PMID 23782588, and CRP suppression while
 * the drug is present. Concentrations are total serum tocilizumab (free + sIL-6R-bound), as an
 * sIL-6R-capture ELISA reads a bivalent antibody; the free drug is reported in the notes.
 */
import type { ResolvedScenario } from "../../../core/scenario/types.js";
import { runScenario } from "../../run.js";
import type { LibraryModel, ValidationRow } from "../../types.js";
import { SCENARIOS } from "../scenarios.js";
import { bandRow, sig } from "./rows.js";

const OBS = ["serum_tocilizumab_total_ug_per_mL", "serum_tocilizumab_ug_per_mL", "serum_CRP_mg_per_L"];

function run(lib: LibraryModel, id: string) {
  const named = SCENARIOS.find((s) => s.id === id)!.scenario;
  const times = Array.from({ length: Math.round(named.end) + 1 }, (_, i) => i);
  const sc: ResolvedScenario = { ...named, output: { times, observables: OBS } };
  const r = runScenario(lib, sc);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  if (r.result.status !== "ok") throw new Error(`${id}: ${r.result.message}`);
  const o = r.result.observables;
  const at = (k: string, t: number) => o[k][r.result.t.indexOf(t)];
  const maxOver = (k: string, a: number, b: number) => Math.max(...o[k].filter((_, i) => r.result.t[i] >= a && r.result.t[i] <= b));
  return { at, maxOver };
}

export function tocilizumabRows(lib: LibraryModel): ValidationRow[] {
  const W = 168;
  const iv = run(lib, "human_tocilizumab_8mgkg_q4w");
  const sc = run(lib, "human_tocilizumab_162mg_sc_weekly");
  const cmax = iv.maxOver("serum_tocilizumab_total_ug_per_mL", 20 * W, 20 * W + 24);
  const cmin = iv.at("serum_tocilizumab_total_ug_per_mL", 24 * W);
  const scMin = sc.at("serum_tocilizumab_total_ug_per_mL", 12 * W);
  const scMax = sc.maxOver("serum_tocilizumab_total_ug_per_mL", 11 * W, 12 * W);
  const crp0 = iv.at("serum_CRP_mg_per_L", 0);
  const crpMax = iv.maxOver("serum_CRP_mg_per_L", 20 * W + 48, 24 * W);
  const label = "ACTEMRA (tocilizumab) US label, clinical pharmacology (RA population PK, Frey 2010)";
  const h = { organism: "human", unit: "ug/mL" };
  return [
    bandRow({ ...h, id: "tcz_iv_8mgkg_q4w_cmax", observation: "tocilizumab 8 mg/kg i.v. q4w, steady-state Cmax (6th dose)", source: label,
      expected: "128-238 ug/mL (183 +/- 85.6; +/-30%)", note: `free drug ${sig(iv.maxOver("serum_tocilizumab_ug_per_mL", 20 * W, 20 * W + 24))} ug/mL` },
      cmax, { lo: 128, hi: 238 }),
    bandRow({ ...h, id: "tcz_iv_8mgkg_q4w_cmin", observation: "tocilizumab 8 mg/kg i.v. q4w, steady-state Cmin (week 24)", source: label,
      expected: "4.9-19.5 ug/mL (9.74 +/- 10.5; 0.5-2x)",
      note: `free drug ${sig(iv.at("serum_tocilizumab_ug_per_mL", 24 * W))} ug/mL; Frey 2010's typical-patient parameters alone give ~5.8 ug/mL (the label mean is over a skewed population)` },
      cmin, { lo: 4.9, hi: 19.5 }),
    bandRow({ ...h, id: "tcz_sc_162mg_qw_cmin", observation: "tocilizumab 162 mg s.c. weekly, Cmin after the 12th dose", source: "PMID 23782588 (Int J Clin Pharmacol Ther 2013;51:620)",
      expected: "14-42 ug/mL (27.9 +/- 14.7; +/-50%)", note: `Cmax in week 12 ${sig(scMax)} ug/mL (measured 39.4 +/- 18.1); free drug at trough ${sig(sc.at("serum_tocilizumab_ug_per_mL", 12 * W))} ug/mL` },
      scMin, { lo: 14, hi: 42 }),
    bandRow({ organism: "human", id: "tcz_crp_suppressed", observation: "CRP is suppressed while tocilizumab is present (highest CRP from 2 days after the 6th q4w dose to the next, relative to baseline)",
      source: `${label} (CRP normalised from week 2); PMID 23547848 (CRP falls in healthy subjects)`, unit: "fraction", expected: "<= 0.5",
      note: `baseline ${sig(crp0)} mg/L, highest in the interval ${sig(crpMax)} mg/L` }, crpMax / crp0, { lo: 0, hi: 0.5 }),
  ];
}
