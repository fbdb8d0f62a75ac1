/**
 * Acute-phase response driven by hepatocyte nuclear pSTAT3 (design/model.md module 5). Part 1
 * has CRP (human): a normalised CRP transcription activity follows a saturable function of the
 * hepatocyte nuclear pSTAT3 fraction with a lag, and CRP is synthesised per hepatocyte (so it
 * scales with hepatocyte number when that becomes a state) on top of a small IL-6-independent
 * rate, secreted into plasma and cleared with its measured 19 h half-life. Part 2 adds SAA,
 * fibrinogen and haptoglobin the same way.
 */
import { type Ctx, addReaction, addSpecies } from "./context.js";
import { nuclearFraction } from "./jak-stat.js";

export function crp(ctx: Ctx): void {
  const { P } = ctx;
  addSpecies(ctx, "CRP_tx_hep", { in: "cyt_hep", initial: 0, unit: "1", name: "CRP transcription activity (0-1), one hepatocyte" });
  addSpecies(ctx, "CRP_plasma", { in: "plasma", initial: 40, unit: "nM", name: "CRP (as monomer) in plasma" });
  const S = `(${nuclearFraction("hep")})`;
  addReaction(ctx, "crp_induction", [], ["CRP_tx_hep"],
    `cyt_hep * ${P("k_CRP_induction")} * ${S} / (${P("K_CRP")} + ${S})`);
  addReaction(ctx, "crp_tx_decay", ["CRP_tx_hep"], [], `cyt_hep * ${P("k_CRP_induction")} * CRP_tx_hep`);
  addReaction(ctx, "crp_synthesis", [], ["CRP_plasma"],
    `${P("N_hep")} * (${P("k_CRP_const")} + ${P("k_CRP_max")} * CRP_tx_hep)`);
  addReaction(ctx, "clear_CRP", ["CRP_plasma"], [], `${P("k_CRP_clear")} * CRP_plasma * plasma`);
}
