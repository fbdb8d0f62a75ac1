import { describe, expect, it } from "vitest";
import { parseTrusted } from "../../../src/core/expr/index.js";
import type { TimelineEntry } from "../../../src/core/scenario/types.js";
import { HEP_STATES } from "../../../src/models/il6-liver/fate.js";
import { compiled, fromSteadyState, grid, il6Liver, run } from "./helpers.js";

const phx = (f: number, at = 0): TimelineEntry => ({
  at,
  intervention: { kind: "injury", injury: "partial_hepatectomy", params: { fraction_removed: f } },
});
const named = (id: string) => il6Liver.scenarios.find((s) => s.id === id)!.scenario;

describe("il6-liver hepatocyte fate and regeneration", () => {
  it("the hepatocyte number changes only by division and basal renewal (+1) and death (-1): every other reaction moves cells between states", () => {
    const net = compiled("mouse").network;
    const states = new Set(HEP_STATES);
    const changing = net.reactions.flatMap((r) => {
      const count = (side: typeof r.reactants) =>
        side.filter((x) => states.has(x.species)).reduce((s, x) => s + x.stoichiometry, 0);
      const net = count(r.products) - count(r.reactants);
      return net === 0 ? [] : [[r.id, net] as const];
    });
    expect(changing.filter(([, d]) => d > 0)).toEqual([
      ["basal_renewal", 1],
      ["hepatocyte_division", 1],
    ]);
    for (const [id, d] of changing.filter(([, d]) => d < 0)) {
      expect(d).toBe(-1);
      expect(id).toMatch(/^(death_|basal_death_|necrosis_)/);
    }
  });

  it("mass balance over a 70% PHx: the change of the hepatocyte number equals divisions (and basal renewal) minus deaths, integrated", () => {
    const m = compiled("mouse");
    const times = grid(120, 2400);
    const r = fromSteadyState("mouse", [phx(0.7)], 120, times);
    expect(r.status).toBe("ok");
    const deaths = m.network.reactions
      .filter((x) => /^(death_|basal_death_|necrosis_)/.test(x.id))
      .map((x) => x.id);
    const f = m.expressions([
      parseTrusted("hep_cells"),
      parseTrusted("hepatocyte_division + basal_renewal"),
      parseTrusted(deaths.join(" + ")),
    ]);
    const out = new Float64Array(3);
    const rows = r.states.map((y, i) => {
      f(r.times[i], y, r.params[i], out);
      return Array.from(out);
    });
    let integral = 0;
    for (let i = 1; i < rows.length; i++)
      integral +=
        0.5 * (rows[i][1] - rows[i][2] + rows[i - 1][1] - rows[i - 1][2]) * (r.times[i] - r.times[i - 1]);
    const change = rows[rows.length - 1][0] - rows[0][0];
    expect(change).toBeGreaterThan(0.3); // the liver regrew
    expect(Math.abs(change - integral)).toBeLessThan(2e-3 * change);
  });

  it("a zero-fraction hepatectomy changes nothing", () => {
    const times = grid(72, 72);
    const a = fromSteadyState("mouse", [phx(0)], 72, times);
    const b = fromSteadyState("mouse", [], 72, times);
    expect(a.status).toBe("ok");
    a.states.forEach((y, i) =>
      y.forEach((v, k) =>
        expect(
          Math.abs(v - b.states[i][k]),
          `${a.model.system.stateIds[k]} at ${times[i]} h`,
        ).toBeLessThanOrEqual(1e-12 * Math.abs(v) + 1e-15),
      ),
    );
  });

  it("before any injury the liver is at its steady state: 100% mass, survival 1, normal ALT, no excess death", () => {
    const r = run({ ...named("mouse_phx70"), timeline: [], end: 168 });
    for (const [id, v] of [
      ["liver_mass_percent_of_preop", 100],
      ["survival_probability", 1],
      ["serum_ALT_U_per_L", 35],
      ["serum_HGF_fold", 1],
    ] as const)
      for (const x of r.observables[id]) expect(x, id).toBeCloseTo(v, 6);
  });

  it("a hepatectomy removes its fraction of the cells, the liver fluid and the receptors, and leaves concentrations in the liver fluid as they were", () => {
    const m = compiled("mouse");
    const before = fromSteadyState("mouse", [], 1e-9, [0]);
    const after = fromSteadyState("mouse", [phx(0.7)], 1e-9, [1e-9]);
    const read = (ids: string[], y: Float64Array, p: Float64Array) => {
      const out = new Float64Array(ids.length);
      m.expressions(ids.map((s) => parseTrusted(s)))(0, y, p, out);
      return out;
    };
    const ids = [
      "hep_cells + 0",
      "liver_mass_rel",
      "liver",
      "N_kc",
      "mIL6R_hep + 0",
      "gp130_lsec + 0",
      "IL6_liver",
      "sIL6R_liver",
    ];
    const [b, a] = [
      read(ids, before.states[0], before.params[0]),
      read(ids, after.states[0], after.params[0]),
    ];
    for (let k = 0; k < 6; k++) expect(a[k] / b[k], ids[k]).toBeCloseTo(0.3, 6);
    for (let k = 6; k < 8; k++) expect(a[k] / b[k], ids[k]).toBeCloseTo(1, 6);
  });

  it("a 70% hepatectomy is survived and the mass restored; a 90% hepatectomy is lethal within a day", () => {
    const r70 = run(named("mouse_phx70"));
    const r90 = run(named("mouse_phx90"));
    const at = (r: typeof r70, id: string, t: number) => r.observables[id][r.t.indexOf(t)];
    expect(at(r70, "survival_probability", 336)).toBeGreaterThan(0.9);
    expect(at(r70, "liver_mass_percent_of_preop", 240)).toBeGreaterThan(95);
    expect(at(r90, "survival_probability", 24)).toBeLessThan(0.1);
    expect(at(r90, "liver_mass_percent_of_preop", 48)).toBeLessThan(10);
  });

  it("Hyper-IL-6 before PHx brings the proliferation peak forward and raises liver mass at 3 days", () => {
    const c = run(named("mouse_phx70"));
    const h = run(named("mouse_phx70_hyper_il6"));
    const peakT = (r: typeof c) => {
      const v = r.observables.brdu_labeling_index_percent;
      return r.t[v.indexOf(Math.max(...v))];
    };
    expect(peakT(h)).toBeLessThan(peakT(c));
    const at72 = (r: typeof c) => r.observables.liver_mass_percent_of_preop[r.t.indexOf(72)];
    expect(at72(h)).toBeGreaterThan(at72(c));
  });

  it("an IL-6 knockout makes no Kupffer-cell IL-6 after PHx and blunts DNA synthesis", () => {
    const wt = run(named("mouse_phx70"));
    const ko = run(named("mouse_phx70_il6_ko"));
    expect(Math.max(...ko.observables.serum_IL6_pg_per_mL)).toBeLessThan(1e-6);
    const at40 = (r: typeof wt) => r.observables.brdu_labeling_index_percent[r.t.indexOf(40)];
    expect(at40(ko)).toBeLessThan(0.5 * at40(wt));
  });

  it("damage models raise ALT and recover (CCl4, acetaminophen, concanavalin A); D-galactosamine/LPS is lethal and Hyper-IL-6 rescues some of it", () => {
    const peak = (id: string) => Math.max(...run(named(id)).observables.serum_ALT_U_per_L);
    for (const id of ["mouse_ccl4_1mlkg", "mouse_apap_300mgkg", "mouse_cona_20mgkg"]) {
      expect(peak(id), id).toBeGreaterThan(1000);
      const r = run(named(id));
      expect(r.observables.survival_probability.at(-1), id).toBeGreaterThan(0.9);
      expect(r.observables.liver_mass_percent_of_preop.at(-1), id).toBeGreaterThan(95);
    }
    const galn = run(named("mouse_galn_lps")).observables.survival_probability.at(-1)!;
    const rescued = run(named("mouse_galn_lps_hyper_il6")).observables.survival_probability.at(-1)!;
    expect(galn).toBeLessThan(0.05);
    expect(rescued).toBeGreaterThan(galn + 0.1);
  });
});
