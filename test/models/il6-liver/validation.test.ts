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
  cells_il6_acts_on_il6r_positive_only:
    "IL-6R+ >= 10% and IL-6R- <= 1% of the same cell's Hyper-IL-6 response",
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
  mouse_phx70_il6_peak_time: "2-4.5 h (about 3 h)",
  mouse_phx70_il6_peak: "100-1000 pg/mL",
  mouse_phx70_pstat3_peak_time: "3-6 h",
  mouse_phx70_socs3_2h: "20-80 (40-fold, within 2x)",
  mouse_phx70_hgf_burst: ">= 3-fold within hours",
  mouse_phx70_dna_synthesis_peak: "36-44 h",
  mouse_phx70_s_phase_entry: "0.5-0.85 (about 2/3 of remnant hepatocytes enter S)",
  mouse_phx70_mass_day7: "85-105% (restored in 7-10 days)",
  mouse_phx70_mass_restored: "5-10 d",
  mouse_phx70_survival: ">= 0.9 (all survive one week)",
  mouse_phx90_lethal: "<= 0.1 (all die within 24 h)",
  mouse_phx70_hyper_il6_earlier: "> 0 h (earlier onset)",
  mouse_phx70_hyper_il6_faster_mass: "> 0 (faster recovery)",
  mouse_phx70_sgp130fc_less_proliferation: "<= 0.8 (a clear decrease)",
  mouse_phx70_trans_only_like_wt: "0.75-1.33 (indistinguishable)",
  mouse_phx70_il6_ko_blunted: "<= 0.5 (blunted)",
  mouse_phx70_hep_stat3_ko_dna: "0.15-0.6 (about 1/3)",
  mouse_phx70_hep_stat3_ko_mass: ">= 0.85 (almost equal)",
  mouse_phx70_hep_socs3_ko_more_proliferation: ">= 1.05 (enhanced)",
  rat_volume_pooled_rmse: "<= 0.080 (pooled logistic; no shared curve can go below the per-time mean, 0.079)",
  rat_volume_per_animal_rmse: "< 0.062 (the per-animal logistic; the published model 0.102)",
  rat_early_phase_10h: "0.36-0.46 (data mean 0.41 +/- 0.05)",
  rat_hgf_2h: "8.5-34 (17-fold, within 2x)",
  rat_dna_synthesis_peak: "20-28 h (about 24 h)",
  rat_hypertrophy: "1.13-1.40 (249 / 198 um2 = 1.26)",
  rat_s_phase_entry: "0.5-0.85 (about 2/3 enter S)",
  rat_phx82_survives: ">= 0.5 (the critical remnant is below 18%)",
  rat_phx90_fails: "< 0.5 (the critical remnant is above 10%)",
};

/**
 * Rows the model cannot pass, each with the reason (the report says the same in the row's note
 * and in docs/models/il6-liver-validation.md). Their tests are expected to fail: if one starts
 * passing, the test fails and this list must be updated.
 */
const KNOWN_FAILURES: Record<string, string> = {
  mouse_phx70_sgp130fc_less_proliferation:
    "with 4,500 mIL-6R per hepatocyte and ~8 ng/mL mouse sIL-6R, classic signalling carries ~90% of hepatocyte gp130 activity after PHx; sgp130Fc removes only the trans part",
  mouse_phx70_hep_socs3_ko_more_proliferation:
    "divisions are set by the size-gated hepatostat (cells divide after they grow); SOCS3 loss prolongs STAT3 and priming but not growth, and SOCS3's inhibition of EGF/HGF-ERK signalling (Riehle 2008) is not in the model",
};

describe("il6-liver validation report", () => {
  let rows: ValidationRow[] = [];
  beforeAll(() => {
    rows = il6Liver.validate();
  }, 300_000);

  it("has exactly the expected rows, each with observation, source, band, simulated value and unit", () => {
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
    const check = () => {
      const r = rows.find((x) => x.id === id)!;
      expect(r.pass, `${r.observation}: simulated ${r.simulated} ${r.unit}; ${r.note ?? ""}`).toBe(true);
    };
    if (KNOWN_FAILURES[id])
      it.fails(`${id} is outside its band (${EXPECTED[id]}), a known failure: ${KNOWN_FAILURES[id]}`, check);
    else it(`${id} is within its band (${EXPECTED[id]})`, check);
  }

  it("filters by organism", () => {
    expect(rows.filter((r) => r.organism === "rat").map((r) => r.id)).toEqual(
      Object.keys(EXPECTED).filter((id) => id.startsWith("rat_")),
    );
    expect(il6Liver.validate("rat").map((r) => r.id)).toEqual(
      rows.filter((r) => r.organism === "rat").map((r) => r.id),
    );
  });

  it("a check that cannot run is a failing row with the reason, and a value outside its band fails", () => {
    const broken: LibraryModel = {
      ...il6Liver,
      id: "il6-liver-broken",
      network: () => ({
        ok: false,
        issues: [{ code: "x", severity: "error", path: "p", message: "no network" }],
      }),
    };
    const r = validateWith(broken, "human").find((x) => x.id === "human_baseline")!;
    expect(r.pass).toBe(false);
    expect(r.note).toContain("no network");
    const row = bandRow({ id: "x", organism: "human", observation: "o", source: "s", unit: "pg/mL" }, 11, {
      lo: 2.5,
      hi: 10,
    });
    expect(row).toMatchObject({ pass: false, simulated: 11, expected: "2.5-10 pg/mL" });
    expect(
      bandRow({ id: "x", organism: "human", observation: "o", source: "s", unit: "1" }, NaN, { lo: 0, hi: 1 })
        .pass,
    ).toBe(false);
  });
});
