/**
 * Ligands and soluble receptors in a fluid (plasma, the liver extracellular fluid, or a culture
 * medium): IL-6, sIL-6R, sgp130 and the drugs that bind them, with every binding equilibrium of
 * design/model.md module 1. Antibodies bind one target each (valency not represented).
 * `endogenousTurnover` adds the systemic production and non-hepatic clearance in plasma;
 * `plasmaLiverExchange` joins plasma and the liver extracellular fluid.
 */
import { type Ctx, addReaction, addSpecies, massActionIn } from "./context.js";

/** Species that live in every fluid, by base name (id = base_fluid). */
export const SOLUBLE = [
  "IL6",
  "sIL6R",
  "sgp130",
  "IL6_sIL6R",
  "IL6_sIL6R_sgp130",
  "HIL6",
  "HIL6_sgp130",
  "sgp130Fc",
  "IL6_sIL6R_sgp130Fc",
  "HIL6_sgp130Fc",
  "aIL6R",
  "aIL6R_sIL6R",
  "aIL6",
  "aIL6_IL6",
] as const;
export type SolubleBase = (typeof SOLUBLE)[number];

const NAMES: Record<SolubleBase, string> = {
  IL6: "free IL-6",
  sIL6R: "free soluble IL-6R",
  sgp130: "free soluble gp130",
  IL6_sIL6R: "IL-6·sIL-6R (trans-signalling ligand)",
  IL6_sIL6R_sgp130: "IL-6·sIL-6R·sgp130",
  HIL6: "free Hyper-IL-6",
  HIL6_sgp130: "Hyper-IL-6·sgp130",
  sgp130Fc: "free sgp130Fc",
  IL6_sIL6R_sgp130Fc: "IL-6·sIL-6R·sgp130Fc",
  HIL6_sgp130Fc: "Hyper-IL-6·sgp130Fc",
  aIL6R: "free anti-IL-6R antibody (tocilizumab / MR16-1)",
  aIL6R_sIL6R: "anti-IL-6R antibody·sIL-6R",
  aIL6: "free anti-IL-6 antibody",
  aIL6_IL6: "anti-IL-6 antibody·IL-6",
};

/** The 14 soluble species in `fluid` with their binding reactions; initial values in nM. */
export function solubleLigands(
  ctx: Ctx,
  fluid: string,
  initial: Partial<Record<SolubleBase, number>> = {},
): void {
  const s = (b: SolubleBase) => `${b}_${fluid}`;
  for (const b of SOLUBLE)
    addSpecies(ctx, s(b), {
      in: fluid,
      initial: initial[b] ?? 0,
      unit: "nM",
      name: `${NAMES[b]} (${fluid})`,
    });
  const bind = (id: string, a: SolubleBase, b: SolubleBase, c: SolubleBase, kon: string, koff: string) =>
    massActionIn(ctx, `${id}_${fluid}`, fluid, [s(a), s(b)], [s(c)], kon, koff);
  bind("il6_binds_sil6r", "IL6", "sIL6R", "IL6_sIL6R", "kon_IL6_IL6R", "koff_IL6_sIL6R");
  bind("sgp130_traps_il6_sil6r", "IL6_sIL6R", "sgp130", "IL6_sIL6R_sgp130", "kon_gp130", "koff_gp130");
  bind("sgp130_traps_hil6", "HIL6", "sgp130", "HIL6_sgp130", "kon_gp130", "koff_gp130");
  bind("sgp130fc_traps_il6_sil6r", "IL6_sIL6R", "sgp130Fc", "IL6_sIL6R_sgp130Fc", "kon_gp130", "koff_gp130");
  bind("sgp130fc_traps_hil6", "HIL6", "sgp130Fc", "HIL6_sgp130Fc", "kon_gp130", "koff_gp130");
  bind("aIL6R_binds_sil6r", "aIL6R", "sIL6R", "aIL6R_sIL6R", "kon_aIL6R", "koff_aIL6R");
  bind("aIL6_binds_il6", "aIL6", "IL6", "aIL6_IL6", "kon_aIL6", "koff_aIL6");
}

/** Systemic production of IL-6, sIL-6R, sgp130 into plasma and their non-hepatic clearance. */
export function endogenousTurnover(ctx: Ctx): void {
  const { P } = ctx;
  addReaction(ctx, "il6_production", [], ["IL6_plasma"], `${P("IL6_prod")} * ${P("IL6_prod_switch")}`);
  addReaction(
    ctx,
    "sil6r_production",
    [],
    ["sIL6R_plasma"],
    `${P("sIL6R_prod_conc")} * ${P("sIL6R_prod_switch")} * plasma`,
  );
  addReaction(ctx, "sgp130_production", [], ["sgp130_plasma"], `${P("sgp130_prod_conc")} * plasma`);
  const clear = (b: SolubleBase, k: string) =>
    addReaction(ctx, `clear_${b}`, [`${b}_plasma`], [], `${P(k)} * ${b}_plasma * plasma`);
  clear("IL6", "k_IL6_clear");
  clear("sIL6R", "k_sIL6R_clear");
  clear("IL6_sIL6R", "k_sIL6R_clear");
  clear("sgp130", "k_sgp130_clear");
  clear("IL6_sIL6R_sgp130", "k_sgp130_clear");
  clear("HIL6_sgp130", "k_sgp130_clear");
  clear("HIL6", "k_HIL6_clear");
}

/** Flow-limited exchange of every soluble species between plasma and the liver extracellular fluid. */
export function plasmaLiverExchange(ctx: Ctx): void {
  const Q = ctx.P("Q_liver");
  for (const b of SOLUBLE)
    addReaction(
      ctx,
      `exchange_${b}`,
      [`${b}_plasma`],
      [`${b}_liver`],
      `${Q} * (${b}_plasma - ${b}_liver)`,
      true,
    );
}
