/**
 * The four damage models (design/model.md module 6), each a dose (per kg body weight) feeding
 * one or two lumped states, and the terms they contribute to the shared death rules of
 * injury.ts:
 *   CCl4            ccl4_depot -> ccl4 (body): metabolised by CYP2E1, commits hepatocytes to
 *                   necrosis and inactivates CYP2E1 (which limits large doses)
 *   acetaminophen   apap -> NAPQI, conjugated by glutathione (GSH, 0-1); once GSH is low NAPQI
 *                   binds proteins (apap_adducts), which commits hepatocytes to necrosis
 *   concanavalin A  cona -> T/NKT-cell activation (tcell): apoptosis (protected by STAT3) and a
 *                   Kupffer-cell stimulus (IL-6)
 *   D-galN/LPS      galn blocks hepatocyte transcription (no protective programme); the LPS goes
 *                   to Kupffer cells, whose TNF then kills hepatocytes
 * Necrosis does not depend on STAT3 here; apoptosis does (fate.ts).
 */
import { type Ctx, addReaction, addSpecies } from "./context.js";

export function toxinSpecies(ctx: Ctx): void {
  const t = (id: string, unit: string, name: string, initial = 0) =>
    addSpecies(ctx, id, { in: "tissue", amount: true, initial, unit, name });
  t("ccl4_depot", "mL/kg", "CCl4 in the i.p. depot");
  t("ccl4", "mL/kg", "CCl4 in the body");
  t("CYP2E1", "1", "hepatocyte CYP2E1 activity (bioactivates CCl4 and acetaminophen), fraction of normal", 1);
  t("apap", "mg/kg", "acetaminophen in the body");
  t("GSH", "1", "hepatic glutathione, fraction of normal", 1);
  t("apap_adducts", "mg/kg", "NAPQI bound to proteins (acetaminophen-equivalents)");
  t("cona", "mg/kg", "concanavalin A in the body");
  t("tcell", "1", "T/NKT-cell activation in the liver (0-1)");
  t("galn", "mg/kg", "D-galactosamine in the body (UTP trapping)");
}

export const TOXIN_TERMS = {
  necrosis: (ctx: Ctx): string =>
    `${ctx.P("k_ccl4_necrosis")} * ccl4 * CYP2E1 + ${ctx.P("k_apap_necrosis")} * apap_adducts`,
  apoptosis: (ctx: Ctx): string =>
    `${ctx.P("k_cona_apoptosis")} * tcell + ${ctx.P("k_tnf_apoptosis")} * TNF_kc * transcription_block`,
  transcriptionBlock: (ctx: Ctx): string => `galn / (${ctx.P("K_galn")} + galn)`,
  kupfferStimulus: (ctx: Ctx): string => `${ctx.P("cona_kupffer")} * tcell`,
};

export function toxinReactions(ctx: Ctx): void {
  const { P } = ctx;
  // CCl4
  addReaction(ctx, "ccl4_absorption", ["ccl4_depot"], ["ccl4"], `${P("ka_ccl4")} * ccl4_depot`);
  addReaction(ctx, "ccl4_elimination", ["ccl4"], [], `${P("k_ccl4_elim")} * ccl4`);
  addReaction(ctx, "cyp2e1_inactivation", ["CYP2E1"], [], `${P("k_cyp2e1_inact")} * ccl4 * CYP2E1`);
  addReaction(ctx, "cyp2e1_synthesis", [], ["CYP2E1"], `${P("k_cyp2e1_synth")} * (1 - CYP2E1)`, true);
  // acetaminophen
  const napqi = `${P("f_napqi")} * ${P("k_apap_elim")} * apap * CYP2E1`;
  const free = `GSH / (${P("K_GSH")} + GSH)`;
  addReaction(ctx, "apap_elimination", ["apap"], [], `${P("k_apap_elim")} * apap`);
  addReaction(ctx, "gsh_conjugation", ["GSH"], [], `${napqi} * ${free} / ${P("GSH_capacity")}`);
  addReaction(ctx, "gsh_synthesis", [], ["GSH"], `${P("k_GSH_synth")} * (1 - GSH)`, true);
  addReaction(ctx, "napqi_binds_protein", [], ["apap_adducts"], `${napqi} * (1 - ${free})`);
  addReaction(ctx, "adduct_loss", ["apap_adducts"], [], `${P("k_adduct_loss")} * apap_adducts`);
  // concanavalin A
  addReaction(ctx, "cona_elimination", ["cona"], [], `${P("k_cona_elim")} * cona`);
  addReaction(
    ctx,
    "tcell_activation",
    [],
    ["tcell"],
    `${P("k_tcell")} * (cona / (${P("K_cona")} + cona) - tcell)`,
    true,
  );
  // D-galactosamine (its LPS is put on Kupffer cells by the dose action)
  addReaction(ctx, "galn_elimination", ["galn"], [], `${P("k_galn_elim")} * galn`);
}
