/**
 * Hepatocyte growth factor (design/model.md module 4). One systemic pool, as fold of its
 * pre-injury level (plasma HGF exchanges with the liver within minutes):
 *   production  = basal extrahepatic production, raised with the load per liver mass (Cook's
 *                 k_GF x M/N), + hepatic stellate cells, raised by their gp130/STAT3 activity
 *                 (IL-6 trans-signalling or Hyper-IL-6: Fazel Modares 2019) with a lag;
 *   release     = matrix-bound HGF of the remnant, freed by matrix-protease (uPA/plasmin)
 *                 activity that jumps at a hepatectomy and follows hepatocyte necrosis;
 *   clearance   = t1/2 4 min, 70% by the liver in proportion to liver mass (Liu 1992, Kato 1999),
 *                 so a smaller liver clears less: part of the hepatostat.
 * States: HGF, HGF_matrix (store, in units of the plasma pool), uPA_trigger and uPA
 * (matrix-protease activity, following its trigger with a lag), HGF_tx_hsc (stellate-cell HGF induction, 0-1).
 */
import { type Ctx, addReaction, addSpecies } from "./context.js";
import { LIVER_MASS } from "./fate.js";
import { nuclearFraction } from "./jak-stat.js";

export function hgfSpecies(ctx: Ctx): void {
  const t = { in: "tissue", amount: true, unit: "1" } as const;
  addSpecies(ctx, "HGF", {
    ...t,
    initial: 1,
    name: "HGF in plasma and liver fluid, fold of the pre-injury level",
  });
  addSpecies(ctx, "HGF_matrix", {
    ...t,
    initial: ctx.set.HGF_store.value,
    name: "matrix-bound HGF in the liver, in units of the plasma HGF pool",
  });
  addSpecies(ctx, "uPA_trigger", {
    ...t,
    initial: 0,
    name: "matrix-protease trigger of an injury, normalised",
  });
  addSpecies(ctx, "uPA", {
    ...t,
    initial: 0,
    name: "matrix-protease (uPA/plasmin) activity after injury, normalised",
  });
  addSpecies(ctx, "HGF_tx_hsc", {
    ...t,
    initial: 0,
    name: "stellate-cell HGF induction by gp130/STAT3 (0-1)",
  });
}

export function hgfReactions(ctx: Ctx): void {
  const { n, P } = ctx;
  const W = LIVER_MASS;
  const k = P("k_HGF_clear");
  n.parameter("stat3_hsc", 0, {
    constant: false,
    unit: "1",
    source: "derived",
    confidence: "derived",
    note: "stellate-cell nuclear pSTAT3 fraction (trans-signalling and Hyper-IL-6: HSC carry no mIL-6R)",
  });
  n.assignmentRule("stat3_hsc", `min(max(${nuclearFraction("hsc")}, 0), 1)`);

  addReaction(
    ctx,
    "hsc_hgf_induction",
    [],
    ["HGF_tx_hsc"],
    `${P("k_HGF_hsc_tx")} * (stat3_hsc / (${P("K_HGF_hsc")} + stat3_hsc) - HGF_tx_hsc)`,
    true,
  );
  const fh = P("f_HGF_hsc");
  addReaction(
    ctx,
    "hgf_production_extrahepatic",
    [],
    ["HGF"],
    `${k} * (1 - ${fh}) * (1 + ${P("k_HGF_load")} * ${P("M")} * (1 / liver_mass_floored - 1))`,
  );
  addReaction(
    ctx,
    "hgf_production_hsc",
    [],
    ["HGF"],
    `${k} * ${fh} * npc * (1 + ${P("g_HGF_hsc")} * HGF_tx_hsc)`,
  );
  addReaction(
    ctx,
    "hgf_clearance",
    ["HGF"],
    [],
    `${k} * (${P("f_HGF_liver")} * ${W} + 1 - ${P("f_HGF_liver")}) * HGF`,
  );
  addReaction(ctx, "hgf_matrix_release", ["HGF_matrix"], ["HGF"], `${P("k_HGF_release")} * uPA * HGF_matrix`);
  addReaction(
    ctx,
    "hgf_matrix_refill",
    [],
    ["HGF_matrix"],
    `${P("k_HGF_refill")} * (${P("HGF_store")} * npc - HGF_matrix)`,
    true,
  );
  addReaction(
    ctx,
    "protease_trigger_from_necrosis",
    [],
    ["uPA_trigger"],
    `${P("k_uPA_trigger")} * ${P("uPA_per_death")} * excess_death`,
  );
  addReaction(ctx, "protease_trigger_decay", ["uPA_trigger"], [], `${P("k_uPA_trigger")} * uPA_trigger`);
  addReaction(ctx, "protease_activity", [], ["uPA"], `${P("k_uPA")} * (uPA_trigger - uPA)`, true);
}
