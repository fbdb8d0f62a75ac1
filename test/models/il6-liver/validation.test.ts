import { beforeAll, describe, expect, it } from "vitest";
import type { LibraryModel, ValidationRow } from "../../../src/models/types.js";
import { validateWith } from "../../../src/models/il6-liver/validation/index.js";
import { bandRow } from "../../../src/models/il6-liver/validation/rows.js";
import { il6Liver } from "./helpers.js";

/** Every row of the part-1 validation report, with the band it is checked against. */
const EXPECTED: Record<string, string> = {
  human_serum_IL6: "2.5-10 pg/mL (about 5)",
  human_serum_sIL6R: "20-80 ng/mL",
  human_serum_sgp130: "40-500 ng/mL (390 by one assay, 43 by another)",
  human_soluble_receptors_free: ">= 0.9",
  human_serum_CRP: "0.5-2 mg/L",
  cells_il6_acts_on_il6r_positive_only: "IL-6R+ >= 10% and IL-6R- <= 1% of the same cell's Hyper-IL-6 response",
  cells_hyper_il6_acts_on_il6r_negative: ">= 0.25 of the hepatocyte response",
  cells_il6_sil6r_activates_il6r_negative: ">= 0.25 of the Hyper-IL-6 response",
  cells_il6_half_max_hepatocyte: "7-70 pM (23 pM, within 3-fold)",
  cells_hyper_il6_potency_ratio: "3-30 (about 10)",
  cells_sgp130fc_window: ">= 10 (a window from the binding equilibria, not hard-coded selectivity)",
  cells_sgp130fc_blocks_classic_at_high_dose: ">= 0.5",
  step_pstat3_peak_time: "10-60 min",
  step_pstat3_cut_by_2h: "<= 0.5",
  step_socs3_ko_prolongs: ">= 1.5",
  tcz_iv_8mgkg_q4w_cmax: "128-238 ug/mL (183 +/- 85.6; +/-30%)",
  tcz_iv_8mgkg_q4w_cmin: "4.9-19.5 ug/mL (9.74 +/- 10.5; 0.5-2x)",
  tcz_sc_162mg_qw_cmin: "14-42 ug/mL (27.9 +/- 14.7; +/-50%)",
  tcz_crp_suppressed: "<= 0.5",
};

describe("il6-liver validation report", () => {
  let rows: ValidationRow[] = [];
  beforeAll(() => {
    rows = il6Liver.validate();
  }, 120_000);

  it("has exactly the part-1 rows, each with observation, source, band, simulated value and unit", () => {
    expect(rows.map((r) => r.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const r of rows) {
      expect(r.observation.length).toBeGreaterThan(10);
      expect(r.source.length).toBeGreaterThan(5);
      expect(r.expected).toBe(EXPECTED[r.id]);
      expect(r.simulated).not.toBe("error");
      expect(r.unit.length).toBeGreaterThan(0);
    }
  });

  for (const id of Object.keys(EXPECTED)) {
    it(`${id} is within its band (${EXPECTED[id]})`, () => {
      const r = rows.find((x) => x.id === id)!;
      expect(r.pass, `${r.observation}: simulated ${r.simulated} ${r.unit}; ${r.note ?? ""}`).toBe(true);
    });
  }

  it("filters by organism", () => {
    expect(il6Liver.validate("mouse").map((r) => r.id)).toEqual(["step_pstat3_peak_time", "step_pstat3_cut_by_2h", "step_socs3_ko_prolongs"]);
    expect(il6Liver.validate("rat")).toEqual([]);
  });

  it("a check that cannot run is a failing row with the reason, and a value outside its band fails", () => {
    const broken: LibraryModel = { ...il6Liver, id: "il6-liver-broken", network: () => ({ ok: false, issues: [{ code: "x", severity: "error", path: "p", message: "no network" }] }) };
    const r = validateWith(broken, "human").find((x) => x.id === "human_baseline")!;
    expect(r.pass).toBe(false);
    expect(r.note).toContain("no network");
    const row = bandRow({ id: "x", organism: "human", observation: "o", source: "s", unit: "pg/mL" }, 11, { lo: 2.5, hi: 10 });
    expect(row).toMatchObject({ pass: false, simulated: 11, expected: "2.5-10 pg/mL" });
    expect(bandRow({ id: "x", organism: "human", observation: "o", source: "s", unit: "1" }, NaN, { lo: 0, hi: 1 }).pass).toBe(false);
  });
});
