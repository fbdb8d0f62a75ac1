/**
 * The in-vivo network for one organism and genotype, composed from the modules: compartments,
 * hepatocyte fate and liver mass, HGF, injury drivers and toxins, soluble ligands in plasma and
 * liver, drug PK, four liver cell types (receptors + JAK/STAT), endogenous turnover,
 * plasma-liver exchange, survival, and the acute phase.
 */
import { network } from "../../core/network/builder.js";
import type { Network } from "../../core/network/types.js";
import { crp, saa, sobottaTargets } from "./acute-phase.js";
import { fateReactions, fateSpecies } from "./fate.js";
import { hgfReactions, hgfSpecies } from "./hgf.js";
import { injuryReactions, injurySpecies } from "./injury.js";
import { survivalReactions, survivalSpecies } from "./survival.js";
import { toxinReactions, toxinSpecies } from "./toxins.js";
import { cellType } from "./cell.js";
import { bodyCompartments, CELLS } from "./compartments.js";
import { context } from "./context.js";
import { endogenousTurnover, plasmaLiverExchange, solubleLigands } from "./ligands.js";
import { type Organism, type ParamSet } from "./parameters/index.js";
import { drugPk } from "./pk.js";

export const RUX_FREE = "rux_free";

export function buildNetwork(organism: Organism, set: ParamSet): Network {
  return network(
    `il6_liver_${organism}`,
    (n) => {
      // injury activates ADAM17 on hepatocytes and Kupffer cells through the Kupffer-cell TNF signal
      const ctx = context(n, set, RUX_FREE, (P) => `${P("k_shed_ADAM17")} * TNF_kc`);
      bodyCompartments(ctx);
      // cell states first: they make the cell counts (N_hep, ...) that receptors read dynamic
      fateSpecies(ctx);
      hgfSpecies(ctx);
      injurySpecies(ctx);
      toxinSpecies(ctx);
      survivalSpecies(ctx);
      const v = (id: string) => set[id].value;
      const initial = {
        IL6: v("IL6_prod") / (v("k_IL6_clear") * v("V_plasma_ml")),
        sIL6R: v("sIL6R_prod_conc") / v("k_sIL6R_clear"),
        sgp130: v("sgp130_prod_conc") / v("k_sgp130_clear"),
      };
      solubleLigands(ctx, "plasma", initial);
      solubleLigands(ctx, "liver", initial);
      drugPk(ctx);
      for (const cell of CELLS) cellType(ctx, cell, { fluid: "liver", count: `N_${cell.id}` });
      endogenousTurnover(ctx);
      plasmaLiverExchange(ctx);
      fateReactions(ctx);
      hgfReactions(ctx);
      toxinReactions(ctx);
      injuryReactions(ctx);
      survivalReactions(ctx);
      if (organism === "human") crp(ctx);
      if (organism === "mouse") saa(ctx);
      sobottaTargets(ctx);
      // molar masses: observables and dose conversion read them
      for (const id of [
        "MW_IL6",
        "MW_sIL6R",
        "MW_sgp130",
        "MW_HIL6",
        "MW_sgp130Fc",
        "MW_aIL6R",
        "MW_aIL6",
        "MW_rux",
      ])
        ctx.P(id);
      if (organism === "human") ctx.P("MW_CRP");
    },
    `IL-6 classic and trans-signalling in the liver (${organism})`,
  );
}
