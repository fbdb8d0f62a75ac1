/**
 * One responding cell type: its two single-cell compartments, membrane receptors facing a fluid,
 * and intracellular JAK1/STAT3/SOCS3. The same function builds hepatocytes, Kupffer cells, LSEC
 * and HSC in the liver, and a cell type in an in-vitro well.
 */
import { cellCompartments, type CellType } from "./compartments.js";
import type { Ctx } from "./context.js";
import { jakStatReactions, jakStatSpecies } from "./jak-stat.js";
import { type ReceptorPlacement, receptorReactions, receptorSpecies } from "./receptors.js";

export function cellType(ctx: Ctx, cell: CellType, where: ReceptorPlacement): void {
  cellCompartments(ctx, cell);
  receptorSpecies(ctx, cell, where);
  jakStatSpecies(ctx, cell);
  receptorReactions(ctx, cell, where);
  jakStatReactions(ctx, cell, where);
}
