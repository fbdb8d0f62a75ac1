/**
 * Acute-phase response driven by hepatocyte nuclear pSTAT3 (design/model.md module 5). Every
 * protein is synthesised per hepatocyte (so it scales with the hepatocyte number after an
 * injury), secreted into plasma and cleared with its own half-life.
 *
 * CRP (human) and serum amyloid A (mouse): a normalised transcription activity follows a
 * saturable function of the hepatocyte nuclear pSTAT3 fraction with a lag, on top of a small
 * IL-6-independent rate.
 * Fibrinogen (FGG) and haptoglobin (HP), every organism: Sobotta 2017's target-gene structure
 * (MODEL2307050001) - transcription is a Hill function of the nuclear pSTAT3 import flux
 * (FGG: Ka 1.94 nM/min, n 3.94; HP: Ka 1.99 nM/min, n 2.82), passes a transcriptional delay
 * (FGG 5 steps at 0.12/min, mean 41 min; HP 1 step at 0.0012/min, mean 14 h) into mRNA (decay
 * 0.0077 and 0.0012/min); here mRNA is normalised to 1 at full induction, a constitutive part
 * keeps the healthy plasma level, and D-galactosamine's transcription block stops induction.
 */
import { type Ctx, addReaction, addSpecies } from "./context.js";
import { nuclearFraction } from "./jak-stat.js";

export function crp(ctx: Ctx): void {
  const { P } = ctx;
  addSpecies(ctx, "CRP_tx_hep", {
    in: "cyt_hep",
    initial: 0,
    unit: "1",
    name: "CRP transcription activity (0-1), one hepatocyte",
  });
  addSpecies(ctx, "CRP_plasma", {
    in: "plasma",
    initial: 40,
    unit: "nM",
    name: "CRP (as monomer) in plasma",
  });
  const S = `(${nuclearFraction("hep")})`;
  addReaction(
    ctx,
    "crp_induction",
    [],
    ["CRP_tx_hep"],
    `cyt_hep * ${P("k_CRP_induction")} * ${S} / (${P("K_CRP")} + ${S})`,
  );
  addReaction(ctx, "crp_tx_decay", ["CRP_tx_hep"], [], `cyt_hep * ${P("k_CRP_induction")} * CRP_tx_hep`);
  addReaction(
    ctx,
    "crp_synthesis",
    [],
    ["CRP_plasma"],
    `${P("N_hep")} * (${P("k_CRP_const")} + ${P("k_CRP_max")} * CRP_tx_hep)`,
  );
  addReaction(ctx, "clear_CRP", ["CRP_plasma"], [], `${P("k_CRP_clear")} * CRP_plasma * plasma`);
}

/** Serum amyloid A (mouse), in ug/mL of plasma, as CRP in humans. */
export function saa(ctx: Ctx): void {
  const { P } = ctx;
  addSpecies(ctx, "SAA_tx_hep", {
    in: "tissue",
    amount: true,
    initial: 0,
    unit: "1",
    name: "SAA transcription activity of hepatocytes (0-1)",
  });
  addSpecies(ctx, "SAA_plasma", {
    in: "plasma",
    initial: ctx.set.SAA_baseline.value,
    unit: "ug/mL",
    name: "serum amyloid A in plasma",
  });
  const h = `(stat3_hep / ${P("K_SAA")})^${P("n_SAA")}`;
  addReaction(
    ctx,
    "saa_induction",
    [],
    ["SAA_tx_hep"],
    `${P("k_SAA_induction")} * ((1 - transcription_block) * ${h} / (1 + ${h}) - SAA_tx_hep)`,
    true,
  );
  // synthesis per hepatocyte: (constant + max x activity) x hepatocyte number, per mL of plasma
  const healthy = `${P("k_SAA_clear")} * ${P("SAA_baseline")}`;
  addReaction(
    ctx,
    "saa_synthesis",
    [],
    ["SAA_plasma"],
    `plasma * ${healthy} * hep_cells * (${P("f_SAA_const")} + ${P("SAA_max_fold")} * SAA_tx_hep)`,
  );
  addReaction(ctx, "clear_SAA", ["SAA_plasma"], [], `plasma * ${P("k_SAA_clear")} * SAA_plasma`);
}

interface TargetGene {
  readonly id: "FGG" | "HP";
  readonly protein: string;
  readonly delaySteps: number;
}

const GENES: readonly TargetGene[] = [
  { id: "FGG", protein: "fibrinogen", delaySteps: 5 },
  { id: "HP", protein: "haptoglobin", delaySteps: 1 },
];

/** Fibrinogen and haptoglobin after Sobotta 2017, in mg/mL of plasma. */
export function sobottaTargets(ctx: Ctx): void {
  const { P } = ctx;
  const flux = `max(${P("SOCS3_drive_gain")} * npSTAT3_hep, 0)`; // nuclear pSTAT3 flux, nM/min (as SOCS3)
  for (const g of GENES) {
    const x = g.id;
    const stages = Array.from({ length: g.delaySteps }, (_, i) => `${x}_tx${i + 1}`);
    const t = { in: "tissue", amount: true, unit: "1" } as const;
    for (const s of stages)
      addSpecies(ctx, s, {
        ...t,
        initial: 0,
        name: `${g.protein} (${x}) transcript in the transcriptional delay, normalised`,
      });
    addSpecies(ctx, `${x}_mRNA`, {
      ...t,
      initial: 0,
      name: `${g.protein} (${x}) mRNA of hepatocytes, 1 at full induction`,
    });
    addSpecies(ctx, `${x}_plasma`, {
      in: "plasma",
      initial: ctx.set[`${x}_baseline`].value,
      unit: "mg/mL",
      name: `${g.protein} in plasma`,
    });
    const n = P(`n_${x}`);
    const hill = `${flux}^${n} / (${P(`Ka_${x}`)}^${n} + ${flux}^${n})`;
    const kd = P(`k_${x}_mRNA_deg`);
    // transcription enters the delay at the rate that makes mRNA = basal + induced at steady state
    addReaction(
      ctx,
      `${x.toLowerCase()}_transcription`,
      [],
      [stages[0]],
      `${kd} * (${P(`f_${x}_const`)} + (1 - transcription_block) * ${hill})`,
    );
    const chain = [...stages, `${x}_mRNA`];
    stages.forEach((s, i) =>
      addReaction(
        ctx,
        `${x.toLowerCase()}_delay${i + 1}`,
        [s],
        [chain[i + 1]],
        `${P(`k_${x}_delay`)} * ${s}`,
      ),
    );
    addReaction(ctx, `${x.toLowerCase()}_mrna_decay`, [`${x}_mRNA`], [], `${kd} * ${x}_mRNA`);
    const kc = P(`k_${x}_clear`);
    addReaction(
      ctx,
      `${x.toLowerCase()}_synthesis`,
      [],
      [`${x}_plasma`],
      `plasma * ${kc} * ${P(`${x}_baseline`)} / ${P(`f_${x}_const`)} * hep_cells * ${x}_mRNA`,
    );
    addReaction(ctx, `clear_${x}`, [`${x}_plasma`], [], `plasma * ${kc} * ${x}_plasma`);
  }
}
