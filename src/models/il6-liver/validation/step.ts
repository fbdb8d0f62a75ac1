/**
 * Hepatocyte nuclear pSTAT3 after an IL-6 step (mouse hepatocytes in a well, 40 ng/mL as in
 * Sobotta 2017): a peak within tens of minutes, cut down by ~2 h, prolonged without SOCS3.
 */
import type { ValidationRow } from "../../types.js";
import { bandRow, sig } from "./rows.js";
import { nuclearSeries, stimulate, well } from "./well.js";

const TIMES = Array.from({ length: 49 }, (_, i) => (i * 5) / 60); // 0-4 h every 5 min
const IL6_40NG = 40 / 23; // nM

function course(genotype: string[]): number[] {
  const w = well("mouse", "hep", genotype);
  return nuclearSeries(w, stimulate(w, { IL6: IL6_40NG }, 4, TIMES));
}

export function stepRows(): ValidationRow[] {
  const wt = course([]);
  const ko = course(["hep_SOCS3_KO"]);
  const iPeak = wt.indexOf(Math.max(...wt));
  const i2h = TIMES.findIndex((t) => Math.abs(t - 2) < 1e-9);
  const i1h = TIMES.findIndex((t) => Math.abs(t - 1) < 1e-9);
  const koPeak = Math.max(...ko);
  const shape = (s: number[]) => [0.25, 0.5, 1, 2, 4].map((t) => `${t} h ${sig(s[TIMES.findIndex((x) => Math.abs(x - t) < 1e-9)], 3)}`).join(", ");
  const note = `IL-6 40 ng/mL on mouse hepatocytes; nuclear pSTAT3 fraction WT: ${shape(wt)}; hep_SOCS3_KO: ${shape(ko)}. Ligand-induced internalisation (t1/2 21 min) also ends the signal: without SOCS3 the 2 h value is ${sig(ko[i2h] / koPeak, 2)} of its peak`;
  const h = { organism: "mouse", note };
  return [
    bandRow({ ...h, id: "step_pstat3_peak_time", observation: "hepatocyte nuclear pSTAT3 after an IL-6 step peaks within tens of minutes",
      source: "Sobotta 2017 Front Physiol (primary mouse hepatocytes)", unit: "min", expected: "10-60 min" }, TIMES[iPeak] * 60, { lo: 10, hi: 60 }),
    bandRow({ ...h, id: "step_pstat3_cut_by_2h", observation: "nuclear pSTAT3 at 2 h relative to its peak (cut down as SOCS3 rises)",
      source: "PMID 24082147 (pSTAT3 ends ~2 h after an IL-6-family stimulus); Sobotta 2017", unit: "fraction", expected: "<= 0.5" },
      wt[i2h] / wt[iPeak], { lo: 0, hi: 0.5 }),
    bandRow({ ...h, id: "step_socs3_ko_prolongs", observation: "hepatocyte SOCS3 knockout prolongs nuclear pSTAT3 (KO / WT at 2 h)",
      source: "Riehle 2008 J Exp Med 205:91; Croker 2003 Nat Immunol", unit: "fold", expected: ">= 1.5",
      note: `${note}; KO / WT at 1 h: ${sig(ko[i1h] / wt[i1h], 3)}` }, ko[i2h] / wt[i2h], { lo: 1.5, hi: Infinity }),
  ];
}
