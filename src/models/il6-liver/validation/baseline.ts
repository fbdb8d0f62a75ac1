/** Healthy human steady state (design/model.md calibration targets). */
import { parseTrusted } from "../../../core/expr/index.js";
import { compiledFor } from "../../run.js";
import { steadyState } from "../../../core/solve/index.js";
import type { LibraryModel, ValidationRow } from "../../types.js";
import { bandRow, sig } from "./rows.js";

const SERUM = "Said 2021 (IL-6); Narazaki 1993 and Mitsuyama 2006 (sIL-6R, sgp130), as compiled in design/model.md";

export function baselineRows(lib: LibraryModel): ValidationRow[] {
  const c = compiledFor(lib, "human", []);
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join("; "));
  const m = c.model;
  const init = m.initial({});
  const ss = steadyState(m.system, init.p, init.y0, {});
  if (ss.status !== "ok") throw new Error(`no human steady state: ${ss.message}`);
  const value = (id: string) => {
    const def = lib.observables.find((o) => o.id === id)!;
    return evalAt(def.expr);
  };
  const out = new Float64Array(1);
  const evalAt = (e: ReturnType<typeof parseTrusted>) => {
    m.expressions([e])(0, ss.y, init.p, out);
    return out[0];
  };
  const freeR = evalAt(parseTrusted("sIL6R_plasma / (sIL6R_plasma + IL6_sIL6R_plasma + IL6_sIL6R_sgp130_plasma + aIL6R_sIL6R_plasma)"));
  const freeG = evalAt(parseTrusted("sgp130_plasma / (sgp130_plasma + IL6_sIL6R_sgp130_plasma + HIL6_sgp130_plasma)"));
  const h = { organism: "human" };
  return [
    bandRow({ ...h, id: "human_serum_IL6", observation: "healthy serum IL-6 (free)", source: SERUM, unit: "pg/mL",
      expected: "2.5-10 pg/mL (about 5)", note: "calibration target: IL6_prod is fitted to it" }, value("serum_IL6_pg_per_mL"), { lo: 2.5, hi: 10 }),
    bandRow({ ...h, id: "human_serum_sIL6R", observation: "healthy serum sIL-6R (total, as an ELISA reads it)", source: SERUM, unit: "ng/mL",
      note: "calibration target: sIL6R_prod_conc is fitted to ~50 ng/mL" }, value("serum_total_sIL6R_ng_per_mL"), { lo: 20, hi: 80 }),
    bandRow({ ...h, id: "human_serum_sgp130", observation: "healthy serum sgp130", source: SERUM, unit: "ng/mL",
      expected: "40-500 ng/mL (390 by one assay, 43 by another)", note: "production and clearance from Dwivedi 2014, not fitted here" },
      value("serum_sgp130_ng_per_mL"), { lo: 40, hi: 500 }),
    bandRow({ ...h, id: "human_soluble_receptors_free", observation: "most soluble receptors are free (smaller of the free fractions of sIL-6R and sgp130)",
      source: "design/model.md (healthy steady state)", unit: "fraction", expected: ">= 0.9",
      note: `free sIL-6R ${sig(freeR, 4)}, free sgp130 ${sig(freeG, 4)}` }, Math.min(freeR, freeG), { lo: 0.9, hi: 1 }),
    bandRow({ ...h, id: "human_serum_CRP", observation: "healthy serum CRP", source: "Dwivedi 2014 CPT Pharmacometrics Syst Pharmacol (healthy ~1 mg/L)", unit: "mg/L",
      note: "calibration target: K_CRP and k_CRP_const are fitted to it" }, value("serum_CRP_mg_per_L"), { lo: 0.5, hi: 2 }),
  ];
}
