/**
 * Membrane receptors of one cell type, facing one fluid (the liver extracellular fluid in vivo,
 * the medium in a well). Amounts (pmol) summed over all cells of the type, so a receptor pool is
 * per-cell number x cell count / Avogadro, and synthesis is per-cell synthesis x cell count: when
 * cell counts become states (part 2), nothing here changes.
 *
 * mIL-6R: free, IL-6-bound, antibody-bound. gp130 in four routes x three JAK1 states
 * (Sobotta 2017: JAK1-gp130, pJAK1-gp130, pJAK1-pgp130 = active):
 *   basal   free gp130 (ligand-independent activation; 0 by default)
 *   classic IL-6·mIL-6R·gp130
 *   trans   IL-6·sIL-6R·gp130
 *   hil6    Hyper-IL-6·gp130
 * Ligands bind from the fluid with their solution kinetics (rate ∝ concentration x receptor
 * amount, independent of the fluid volume). IL-6·mIL-6R recruits gp130 in the membrane of the
 * same cell: that rate uses per-cell concentrations in the cell's cytoplasmic volume, as
 * Sobotta's receptor concentrations do, so it does not depend on the fluid volume either.
 */
import { type Ctx, addReaction, addSpecies } from "./context.js";
import type { CellType } from "./compartments.js";

export const ROUTES = ["gp130", "classic", "trans", "hil6"] as const;
export type Route = (typeof ROUTES)[number];
export const JAK_STATES = ["", "_pJAK1", "_active"] as const;

/** Species id of a gp130 complex: route, JAK state ("" | "_pJAK1" | "_active"), cell. */
export const gp130Species = (route: Route, state: string, c: string): string => `${route}${state}_${c}`;
/** Every gp130-containing species of a cell (12). */
export const gp130Pool = (c: string): string[] =>
  ROUTES.flatMap((r) => JAK_STATES.map((s) => gp130Species(r, s, c)));
/** Every mIL-6R-containing species of a cell (6). */
export const mIL6RPool = (c: string): string[] => [
  `mIL6R_${c}`,
  `IL6_mIL6R_${c}`,
  `aIL6R_mIL6R_${c}`,
  ...JAK_STATES.map((s) => gp130Species("classic", s, c)),
];

export interface ReceptorPlacement {
  /** Compartment the receptors face. */
  readonly fluid: string;
  /** Parameter id of the number of cells of this type. */
  readonly count: string;
}

/** The 15 receptor species of a cell type (declare before any reaction reads them). */
export function receptorSpecies(ctx: Ctx, cell: CellType, where: ReceptorPlacement): void {
  const c = cell.id;
  const f = where.fluid;
  const perPmol = ctx.set.avogadro_per_pmol.value;
  const n0 = ctx.set[where.count].value;
  const amt = (id: string, what: string, perCell = 0) =>
    addSpecies(ctx, id, {
      in: f,
      amount: true,
      initial: (perCell * n0) / perPmol,
      unit: "pmol",
      name: `${what}, ${cell.label} (sum over cells)`,
    });
  amt(`mIL6R_${c}`, "free mIL-6R", ctx.set[`IL6R_per_cell_${c}`].value);
  amt(`IL6_mIL6R_${c}`, "IL-6·mIL-6R");
  amt(`aIL6R_mIL6R_${c}`, "anti-IL-6R antibody·mIL-6R");
  amt(`gp130_${c}`, "free gp130 (JAK1 inactive)", ctx.set[`gp130_per_cell_${c}`].value);
  for (const r of ROUTES)
    for (const s of JAK_STATES)
      if (!(r === "gp130" && s === ""))
        amt(gp130Species(r, s, c), `${r} gp130 complex${s.replace("_", ", ")}`);
}

/** Receptor synthesis, turnover, shedding, ligand binding, JAK1 activation and SOCS3 feedback. */
export function receptorReactions(ctx: Ctx, cell: CellType, where: ReceptorPlacement): void {
  const { P } = ctx;
  const c = cell.id;
  const f = where.fluid;
  const N = P(where.count);
  const NA = P("avogadro_per_pmol");
  const cellVol = `(${N} * ${P(`V_cyt_${c}`)} * 1e-9)`; // mL of cytoplasm of all cells of the type
  const jak = `(1 + ${P("k_rux_inh")} * ${ctx.ruxFree})`;

  // ---- mIL-6R: synthesis balances basal turnover + shedding of the free receptor; a
  // soluble-only allele (trans_only genotype) secretes the same receptors as sIL-6R instead
  const made = `${P(`IL6R_per_cell_${c}`)} * (${P("k_mIL6R_deg")} + ${P("k_mIL6R_shed")}) * ${N} / ${NA}`;
  const solubleOnly = P(`IL6R_soluble_only_${c}`);
  addReaction(ctx, `synth_mIL6R_${c}`, [], [`mIL6R_${c}`], `(1 - ${solubleOnly}) * ${made}`);
  addReaction(ctx, `secrete_sIL6R_${c}`, [], [`sIL6R_${f}`], `${solubleOnly} * ${made}`);
  addReaction(ctx, `turnover_mIL6R_${c}`, [`mIL6R_${c}`], [], `${P("k_mIL6R_deg")} * mIL6R_${c}`);
  // constitutive (ADAM10) shedding, plus induced (ADAM17) shedding where the context has it
  addReaction(
    ctx,
    `shed_mIL6R_${c}`,
    [`mIL6R_${c}`],
    [`sIL6R_${f}`],
    `(${P("k_mIL6R_shed")} + ${ctx.inducedShedding?.() ?? "0"}) * mIL6R_${c}`,
  );
  addReaction(
    ctx,
    `il6_binds_mIL6R_${c}`,
    [`IL6_${f}`, `mIL6R_${c}`],
    [`IL6_mIL6R_${c}`],
    `${P("kon_IL6_IL6R")} * IL6_${f} * mIL6R_${c} - ${P("koff_IL6_mIL6R")} * IL6_mIL6R_${c}`,
    true,
  );
  addReaction(
    ctx,
    `internalise_IL6_mIL6R_${c}`,
    [`IL6_mIL6R_${c}`],
    [],
    `${P("k_int_ligand")} * IL6_mIL6R_${c}`,
  );
  addReaction(
    ctx,
    `aIL6R_binds_mIL6R_${c}`,
    [`aIL6R_${f}`, `mIL6R_${c}`],
    [`aIL6R_mIL6R_${c}`],
    `${P("kon_aIL6R")} * aIL6R_${f} * mIL6R_${c} - ${P("koff_aIL6R")} * aIL6R_mIL6R_${c}`,
    true,
  );
  addReaction(
    ctx,
    `internalise_aIL6R_mIL6R_${c}`,
    [`aIL6R_mIL6R_${c}`],
    [],
    `${P("k_int_antibody_bound")} * aIL6R_mIL6R_${c}`,
  );

  // ---- gp130: synthesis balances basal turnover of the free receptor
  addReaction(
    ctx,
    `synth_gp130_${c}`,
    [],
    [`gp130_${c}`],
    `${P(`gp130_per_cell_${c}`)} * ${P("k_gp130_deg")} * ${N} / ${NA}`,
  );

  // ---- ligands meet gp130
  const Kon = P("kon_gp130");
  const Koff = P("koff_gp130");
  addReaction(
    ctx,
    `classic_assembly_${c}`,
    [`IL6_mIL6R_${c}`, `gp130_${c}`],
    [`classic_${c}`],
    `${Kon} * IL6_mIL6R_${c} * gp130_${c} / ${cellVol} - ${Koff} * classic_${c}`,
    true,
  );
  addReaction(
    ctx,
    `trans_binding_${c}`,
    [`IL6_sIL6R_${f}`, `gp130_${c}`],
    [`trans_${c}`],
    `${Kon} * IL6_sIL6R_${f} * gp130_${c} - ${Koff} * trans_${c}`,
    true,
  );
  addReaction(
    ctx,
    `hil6_binding_${c}`,
    [`HIL6_${f}`, `gp130_${c}`],
    [`hil6_${c}`],
    `${Kon} * HIL6_${f} * gp130_${c} - ${Koff} * hil6_${c}`,
    true,
  );

  // ---- JAK1 activation and loss, per route and state
  for (const r of ROUTES) {
    const [x, xp, xa] = JAK_STATES.map((s) => gp130Species(r, s, c));
    const kAct = P(r === "gp130" ? "k_JAK1_basal" : "k_JAK1_ligand");
    addReaction(ctx, `jak1_activation_${r}_${c}`, [x], [xp], `${kAct} * ${x} / ${jak}`);
    addReaction(ctx, `gp130_phosphorylation_${r}_${c}`, [xp], [xa], `${P("k_gp130_phos")} * ${xp} / ${jak}`);
    addReaction(ctx, `jak1_dephosphorylation_${r}_${c}`, [xp], [x], `${P("k_JAK1_dephos")} * ${xp}`);
    addReaction(ctx, `gp130_dephosphorylation_${r}_${c}`, [xa], [x], `${P("k_JAK1_dephos")} * ${xa}`);
    for (const y of [x, xp, xa]) {
      const loss = r === "gp130" ? "k_gp130_deg" : "k_int_ligand";
      addReaction(ctx, `${r === "gp130" ? "turnover" : "internalise"}_${y}`, [y], [], `${P(loss)} * ${y}`);
      addReaction(ctx, `socs3_degrades_${y}`, [y], [], `${P("k_SOCS3_gp130")} * SOCS3_${c} * ${y}`);
    }
  }
  // SOCS3 is used up 1:1 by the complexes it degrades (per cell, in the cytoplasm)
  addReaction(
    ctx,
    `socs3_consumed_${c}`,
    [`SOCS3_${c}`],
    [],
    `cyt_${c} * ${P("k_SOCS3_gp130")} * SOCS3_${c} * (${gp130Pool(c).join(" + ")}) / ${cellVol}`,
  );
}

/** Per-cell concentration (nM in the cytoplasm) of a sum of receptor amounts: used by JAK/STAT. */
export function perCellConc(ctx: Ctx, c: string, count: string, ids: readonly string[]): string {
  return `(${ids.join(" + ")}) / (${ctx.P(count)} * ${ctx.P(`V_cyt_${c}`)} * 1e-9)`;
}
