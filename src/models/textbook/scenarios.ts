/** Named scenarios of textbook-pk: each runs in the test suite and is listed by `il6sim scenarios`. */
import type { ResolvedScenario, TimelineEntry } from "../../core/scenario/types.js";
import type { NamedScenario } from "../types.js";

/** Output times from start to end every `step` hours (end included). */
export function grid(start: number, end: number, step: number): number[] {
  const n = Math.round((end - start) / step);
  return Array.from({ length: n + 1 }, (_, i) => (i === n ? end : start + i * step));
}

const dose = (at: number, amount: string, unit: string, route: string, drug = "mab"): TimelineEntry => ({
  at,
  intervention: { kind: "dose", drug, amount: { value: Number(amount), unit }, route },
});

const base = (s: Omit<ResolvedScenario, "model" | "genotype" | "parameters">): ResolvedScenario => ({
  model: "textbook-pk",
  genotype: [],
  parameters: {},
  ...s,
});

const OBS = ["plasma_drug_ug_per_mL", "receptor_occupancy_percent", "free_receptor_nM"];

export const SCENARIOS: readonly NamedScenario[] = [
  {
    id: "textbook_iv_10mgkg",
    description: "human, one 10 mg/kg i.v. bolus: target-mediated disposition over 4 weeks",
    mirrors: "Mager & Jusko 2001 (TMDD model structure; values assumed)",
    scenario: base({
      name: "textbook_iv_10mgkg",
      organism: "human",
      end: 672,
      timeline: [dose(0, "10", "mg/kg", "iv")],
      output: { times: grid(0, 672, 4), observables: OBS },
    }),
  },
  {
    id: "textbook_sc_weekly",
    description: "human, 150 mg s.c. weekly for 4 weeks: absorption, accumulation, receptor occupancy",
    mirrors: "Mager & Jusko 2001 (TMDD model structure; values assumed)",
    scenario: base({
      name: "textbook_sc_weekly",
      organism: "human",
      end: 1008,
      timeline: [0, 168, 336, 504].map((t) => dose(t, "150", "mg", "sc")),
      output: { times: grid(0, 1008, 4), observables: [...OBS, "depot_drug_nmol"] },
    }),
  },
  {
    id: "textbook_mouse_resection",
    description: "mouse, 0.5 mg i.p. one day before a 50% tissue resection, then regrowth over 2 weeks",
    mirrors: "textbook example (logistic regrowth; values assumed)",
    scenario: base({
      name: "textbook_mouse_resection",
      organism: "mouse",
      end: 336,
      timeline: [
        dose(-24, "0.5", "mg", "ip"),
        { at: 0, intervention: { kind: "injury", injury: "resection", params: { fraction_removed: 0.5 } } },
      ],
      output: { times: grid(-24, 336, 2), observables: [...OBS, "tissue_mass_percent_of_preop"] },
    }),
  },
];
