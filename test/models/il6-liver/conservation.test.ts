import { describe, expect, it } from "vitest";
import { parseTrusted } from "../../../src/core/expr/index.js";
import { CELLS } from "../../../src/models/il6-liver/compartments.js";
import { gp130Pool, mIL6RPool } from "../../../src/models/il6-liver/receptors.js";
import { compiled, dose, fromSteadyState, grid } from "./helpers.js";

/** Every process that makes or destroys receptors or STAT3, switched off. */
const NO_TURNOVER = {
  k_mIL6R_deg: 0,
  k_mIL6R_shed: 0,
  k_int_ligand: 0,
  k_int_antibody_bound: 0,
  k_gp130_deg: 0,
  k_SOCS3_gp130: 0,
  k_STAT3_turnover: 0,
};

const stat3Amount = (c: string) =>
  `cyt_${c} * (STAT3_${c} + pSTAT3_${c}) + nuc_${c} * (nSTAT3_${c} + npSTAT3_${c})`;

function pools(organism: string) {
  return CELLS.flatMap((cell) => [
    { name: `total mIL-6R, ${cell.label}`, expr: mIL6RPool(cell.id).join(" + ") },
    { name: `total gp130, ${cell.label}`, expr: gp130Pool(cell.id).join(" + ") },
    { name: `total STAT3, ${cell.label}`, expr: stat3Amount(cell.id) },
  ]).map((p) => ({ ...p, organism }));
}

function series(
  organism: string,
  r: ReturnType<typeof fromSteadyState>,
  exprs: string[],
  genotype: string[] = [],
) {
  const f = compiled(organism, genotype).expressions(exprs.map((e) => parseTrusted(e)));
  const out = new Float64Array(exprs.length);
  return r.states.map((y, i) => {
    f(r.times[i], y, r.params[i], out);
    return Array.from(out);
  });
}

describe("il6-liver conservation", () => {
  const stimuli = {
    human: [
      dose(0, "il6", 1, "ug", "iv"),
      dose(0.5, "hyper_il6", 1, "ug", "iv"),
      dose(1, "tocilizumab", 8, "mg/kg", "iv_infusion", 1),
      dose(2, "sgp130fc", 1, "mg", "iv"),
    ],
    mouse: [
      dose(0, "il6", 1, "ug", "iv"),
      dose(0.5, "hyper_il6", 2, "ug", "ip"),
      dose(1, "mr16_1", 0.5, "mg", "ip"),
      dose(2, "ruxolitinib", 60, "mg/kg", "po"),
    ],
  };

  for (const organism of ["human", "mouse"] as const) {
    it(`with turnover switched off, every receptor pool and the STAT3 pool of every ${organism} cell type is conserved under IL-6, Hyper-IL-6, anti-IL-6R and more`, () => {
      const r = fromSteadyState(organism, stimuli[organism], 24, grid(24, 48), {
        overrides: NO_TURNOVER,
        steady: false,
      });
      expect(r.status).toBe("ok");
      const ps = pools(organism);
      const rows = series(
        organism,
        r,
        ps.map((p) => p.expr),
      );
      ps.forEach((p, k) => {
        const v0 = rows[0][k];
        const worst = Math.max(...rows.map((row) => Math.abs(row[k] - v0)));
        expect(worst, p.name).toBeLessThanOrEqual(1e-6 * Math.abs(v0) + 1e-12);
      });
      // and the stimuli did move the receptors between their states
      const active = series(organism, r, ["classic_active_hep + trans_active_hep + hil6_active_hep"]);
      expect(Math.max(...active.map((a) => a[0]))).toBeGreaterThan(0);
    });
  }

  it("with turnover on, STAT3 synthesis equals degradation of every form, so the STAT3 pool of each cell stays constant while it signals", () => {
    const r = fromSteadyState("mouse", stimuli.mouse, 24, grid(24, 48));
    expect(r.status).toBe("ok");
    const rows = series(
      "mouse",
      r,
      CELLS.map((c) => stat3Amount(c.id)),
    );
    CELLS.forEach((c, k) => {
      const v0 = rows[0][k];
      for (const row of rows) expect(Math.abs(row[k] - v0), c.id).toBeLessThanOrEqual(1e-6 * v0);
    });
  });

  it("at the pre-injury steady state receptor synthesis balances every loss (basal turnover, shedding, internalisation, SOCS3)", () => {
    const m = compiled("human");
    const r = fromSteadyState("human", [], 1, [0, 1]);
    const f = m.expressions(pools("human").map((p) => parseTrusted(p.expr)));
    const a = new Float64Array(12);
    const b = new Float64Array(12);
    f(0, r.states[0], r.params[0], a);
    f(1, r.states[1], r.params[1], b);
    for (let k = 0; k < 12; k++)
      expect(Math.abs(b[k] - a[k])).toBeLessThanOrEqual(1e-6 * Math.abs(a[k]) + 1e-12);
  });
});
