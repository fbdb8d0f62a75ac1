/**
 * Injury drivers (design/model.md module 6) in the network: the Kupffer-cell response that
 * makes IL-6 after an injury, the death terms every injury feeds, and ALT.
 *
 * Kupffer cells: a stimulus (portal endotoxin after a hepatectomy, injected LPS, DAMPs from
 * dying hepatocytes, activated T cells after concanavalin A) drives TNF/NF-kB activation
 * (TNF_kc) with a lag, which drives IL-6 transcription (IL6_tx_kc) with a lag; IL-6 is released
 * into the liver fluid by every Kupffer cell (N_kc), so serum IL-6 peaks ~3 h after PHx. TNF_kc
 * also primes hepatocytes without STAT3 (fate.ts) and, when transcription is blocked by
 * D-galactosamine, kills them (toxins.ts).
 *
 * Shared rules: injury_rate (1/h, living hepatocytes committed to necrosis), death_apoptosis
 * (1/h, apoptotic drive before STAT3 protection), transcription_block (0-1), excess_death
 * (fraction of pre-operative hepatocytes dying per hour above basal turnover).
 */
import { type Ctx, addReaction, addSpecies } from "./context.js";
import { HEP_STATES } from "./fate.js";
import { TOXIN_TERMS } from "./toxins.js";

export function injurySpecies(ctx: Ctx): void {
  const t = { in: "tissue", amount: true, unit: "1", initial: 0 } as const;
  addSpecies(ctx, "LPS_liver", {
    ...t,
    name: "endotoxin reaching Kupffer cells (portal after PHx, or injected), normalised",
  });
  addSpecies(ctx, "TNF_kc", { ...t, name: "Kupffer-cell TNF/NF-kB activation, normalised" });
  addSpecies(ctx, "IL6_tx_kc", { ...t, name: "Kupffer-cell IL-6 transcription (0-1)" });
  addSpecies(ctx, "ALT", {
    in: "plasma",
    initial: ctx.set.ALT_baseline.value,
    unit: "U/L",
    name: "serum alanine aminotransferase activity",
  });
}

const rule = (ctx: Ctx, id: string, unit: string, note: string, math: string) => {
  ctx.n.parameter(id, 0, { constant: false, unit, source: "derived", confidence: "derived", note });
  ctx.n.assignmentRule(id, math);
};

export function injuryReactions(ctx: Ctx): void {
  const { P } = ctx;
  const living = HEP_STATES.filter((s) => s !== "hep_injured").join(" + ");
  rule(
    ctx,
    "injury_rate",
    "1/h",
    "rate at which living hepatocytes are committed to necrosis (toxins)",
    TOXIN_TERMS.necrosis(ctx),
  );
  rule(
    ctx,
    "death_apoptosis",
    "1/h",
    "apoptotic drive of toxins (TNF after D-galactosamine, T cells after concanavalin A), before STAT3 protection",
    TOXIN_TERMS.apoptosis(ctx),
  );
  rule(
    ctx,
    "transcription_block",
    "1",
    "hepatocyte transcription blocked by D-galactosamine (0-1)",
    TOXIN_TERMS.transcriptionBlock(ctx),
  );
  rule(
    ctx,
    "excess_death",
    "1/h",
    "hepatocytes dying above basal turnover, fraction of pre-operative per hour",
    `hep_excess_death_rate * (${living}) + ${P("k_injured_death")} * hep_injured`,
  );

  // read by the injury actions (injuries.ts)
  for (const id of ["f_margin", "LPS_phx", "uPA_phx", "galn_dose", "LPS_per_ug_kg"]) P(id);

  // Kupffer cells
  addReaction(ctx, "lps_clearance", ["LPS_liver"], [], `${P("k_LPS_liver")} * LPS_liver`);
  const stimulus = `LPS_liver + ${P("DAMP_per_death")} * excess_death + ${TOXIN_TERMS.kupfferStimulus(ctx)}`;
  addReaction(ctx, "kupffer_activation", [], ["TNF_kc"], `${P("k_TNF_kc")} * (${stimulus} - TNF_kc)`, true);
  addReaction(
    ctx,
    "kupffer_il6_transcription",
    [],
    ["IL6_tx_kc"],
    `${P("k_IL6_tx_kc")} * (TNF_kc / (${P("K_IL6_kc")} + TNF_kc) - IL6_tx_kc)`,
    true,
  );
  addReaction(ctx, "kupffer_il6_release", [], ["IL6_liver"], `${P("k_IL6_kc")} * ${P("N_kc")} * IL6_tx_kc`);

  // ALT: a constant source keeps the healthy level; dying hepatocytes (above basal, apoptotic
  // turnover) release their ALT, a share of which reaches plasma
  const release = `${P("ALT_liver")} * ${P("f_ALT_plasma")} * ${P("liver_mass")} / ${P("V_plasma_ml")} * hep_size * excess_death`;
  addReaction(
    ctx,
    "alt_release",
    [],
    ["ALT"],
    `plasma * (${P("k_ALT")} * ${P("ALT_baseline")} + ${release})`,
  );
  addReaction(ctx, "alt_clearance", ["ALT"], [], `plasma * ${P("k_ALT")} * ALT`);
}
