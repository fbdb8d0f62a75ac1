/**
 * Compartments. Fluids are in mL (so species amounts are pmol at nM), single-cell compartments
 * in pL (amounts in nM·pL = zmol). Plasma, the liver extracellular fluid (facing every liver cell
 * type; a partial hepatectomy in part 2 scales it), a peripheral tissue space for antibodies and
 * Fc fusions, a nominal depot space for s.c./i.p./oral doses, and per cell type one
 * representative cell (cytoplasm and nucleus) for intracellular signalling.
 */
import type { Ctx } from "./context.js";

export interface CellType {
  /** Suffix of ids ("hep"). */
  readonly id: "hep" | "kc" | "lsec" | "hsc";
  /** Name in observable ids ("hepatocyte"). */
  readonly name: "hepatocyte" | "kupffer" | "lsec" | "hsc";
  readonly label: string;
}

export const CELLS: readonly CellType[] = [
  { id: "hep", name: "hepatocyte", label: "hepatocytes" },
  { id: "kc", name: "kupffer", label: "Kupffer cells" },
  { id: "lsec", name: "lsec", label: "liver sinusoidal endothelial cells" },
  { id: "hsc", name: "hsc", label: "hepatic stellate cells" },
];

function sized(ctx: Ctx, id: string, sizeParam: string, unit: string, name: string): string {
  ctx.n.compartment(id, { size: ctx.set[sizeParam].value, unit, name });
  ctx.n.initialAssignment(id, ctx.P(sizeParam));
  return id;
}

/** plasma, liver (extracellular fluid), periph, depot. */
export function bodyCompartments(ctx: Ctx): void {
  sized(ctx, "plasma", "V_plasma_ml", "mL", "plasma");
  // the liver fluid follows liver mass (fate.ts): a hepatectomy removes its share, regrowth restores it
  ctx.n.compartment("liver", {
    size: ctx.set.V_liver_ml.value,
    unit: "mL",
    name: "liver extracellular fluid",
    constant: false,
  });
  // (floored: a failed liver's fluid never shrinks to nothing; see mass_floor)
  ctx.n.assignmentRule("liver", `${ctx.P("V_liver_ml")} * liver_mass_floored`);
  sized(ctx, "periph", "V_periph_ml", "mL", "peripheral tissue (antibodies, Fc fusions)");
  ctx.n.compartment("depot", { size: 1, unit: "mL", name: "s.c./i.p./oral depots (amounts only)" });
}

/** One representative cell of a type: cyt_<c>, nuc_<c> (pL). */
export function cellCompartments(ctx: Ctx, cell: CellType): void {
  sized(ctx, `cyt_${cell.id}`, `V_cyt_${cell.id}`, "pL", `${cell.label}: cytoplasm of one cell`);
  sized(ctx, `nuc_${cell.id}`, `V_nuc_${cell.id}`, "pL", `${cell.label}: nucleus of one cell`);
}
