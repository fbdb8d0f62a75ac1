/**
 * The one published-theory check of textbook-pk: at a target-saturating i.v. dose the free
 * drug declines with (almost) the linear half-life, because the receptor pathway is saturated
 * and removes only a zero-order trickle (Mager & Jusko 2001).
 */
import type { ValidationRow } from "../types.js";
import { runScenario } from "../run.js";
import type { LibraryModel } from "../types.js";
import { ORGANISMS } from "./network.js";

export function validatePk(model: LibraryModel): ValidationRow[] {
  const linear = ORGANISMS.human.halfLife;
  const run = runScenario(model, {
    model: model.id,
    organism: "human",
    genotype: [],
    parameters: {},
    end: 480,
    timeline: [
      {
        at: 0,
        intervention: { kind: "dose", drug: "mab", amount: { value: 10, unit: "mg/kg" }, route: "iv" },
      },
    ],
    output: { times: [240, 480], observables: ["plasma_drug_ug_per_mL"] },
  });
  const base = {
    id: "textbook_saturated_half_life",
    organism: "human",
    observation: "apparent half-life of free drug from 240 h to 480 h after 10 mg/kg i.v. (target saturated)",
    source:
      "Mager & Jusko 2001 J Pharmacokinet Pharmacodyn 28:507 (saturated TMDD approaches linear elimination)",
    expected: `${(0.85 * linear).toFixed(0)}-${(1.15 * linear).toFixed(0)} h (linear t½ ${linear} h ± 15%)`,
    unit: "h",
  };
  if (!run.ok || run.result.status !== "ok")
    return [
      {
        ...base,
        simulated: "simulation failed",
        pass: false,
        note: run.ok ? run.result.message : run.issues[0]?.message,
      },
    ];
  const [c1, c2] = run.result.observables.plasma_drug_ug_per_mL;
  const halfLife = (240 * Math.LN2) / Math.log(c1 / c2);
  return [
    {
      ...base,
      simulated: Number(halfLife.toPrecision(4)),
      pass: halfLife >= 0.85 * linear && halfLife <= 1.15 * linear,
      note: "receptor turnover adds a small zero-order elimination, so the apparent half-life is a little shorter",
    },
  ];
}
