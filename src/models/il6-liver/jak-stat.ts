/**
 * Intracellular JAK1/STAT3/SOCS3 of one representative cell of a type, after Sobotta 2017
 * (primary mouse hepatocytes; BioModels MODEL2307050001), reused for every responding cell type
 * with that type's own receptors and volumes [assumed, design/model.md module 3].
 *
 * Differences from Sobotta, each written down in README.md:
 * - active receptor complexes come from the receptor module (classic + trans + Hyper-IL-6 +
 *   basal), not from a ligand concentration;
 * - imported pSTAT3 is an explicit nuclear pool (npSTAT3) dephosphorylated at k_npSTAT3_dephos;
 *   SOCS3 transcription is driven by the flux out of it, equal to Sobotta's import flux at
 *   quasi-steady state;
 * - constitutive SOCS3 transcription, and STAT3 turnover with equal synthesis and degradation
 *   for every form (the STAT3 pool is fixed by synthesis/degradation, whatever the signalling);
 * - SOCS3 mRNA is kept in Sobotta's qPCR-scaled units (fold-changes are unaffected).
 */
import { type Ctx, addReaction, addSpecies } from "./context.js";
import type { CellType } from "./compartments.js";
import { type ReceptorPlacement, gp130Species, perCellConc, ROUTES } from "./receptors.js";

export const STAT3_FORMS = ["STAT3", "pSTAT3", "nSTAT3", "npSTAT3"] as const;
const NUCLEAR = new Set(["nSTAT3", "npSTAT3"]);
export const SOCS3_DELAY = [1, 2, 3, 4, 5].map((i) => `SOCS3_tx${i}`);

/** Compartment of a JAK/STAT species base name. */
export const jakStatCompartment = (base: string, c: string): string =>
  NUCLEAR.has(base) || base.startsWith("SOCS3_tx") ? `nuc_${c}` : `cyt_${c}`;

/** Active (JAK1- and gp130-phosphorylated) complexes of a cell, all routes. */
export const activeComplexes = (c: string): string[] => ROUTES.map((r) => gp130Species(r, "_active", c));

export function jakStatSpecies(ctx: Ctx, cell: CellType): void {
  const c = cell.id;
  const stat3 = ctx.set.STAT3_total_conc.value * ctx.set[`STAT3_expression_${c}`].value;
  const names: Record<string, string> = {
    STAT3: "unphosphorylated cytoplasmic STAT3",
    pSTAT3: "phosphorylated (dimerised) cytoplasmic STAT3",
    nSTAT3: "unphosphorylated nuclear STAT3",
    npSTAT3: "phosphorylated nuclear STAT3",
    SOCS3_mRNA: "SOCS3 mRNA (Sobotta's scaled units)",
    SOCS3: "SOCS3 protein",
  };
  for (const b of [...STAT3_FORMS, ...SOCS3_DELAY, "SOCS3_mRNA", "SOCS3"])
    addSpecies(ctx, `${b}_${c}`, {
      in: jakStatCompartment(b, c),
      initial: b === "STAT3" ? stat3 : 0,
      unit: "nM",
      name: `${names[b] ?? "SOCS3 transcript in the transcriptional delay"}, one ${cell.name} cell`,
    });
}

export function jakStatReactions(ctx: Ctx, cell: CellType, where: ReceptorPlacement): void {
  const { P } = ctx;
  const c = cell.id;
  const cyt = `cyt_${c}`;
  const nuc = `nuc_${c}`;
  const active = perCellConc(ctx, c, where.count, activeComplexes(c));

  // STAT3 turnover: the same rate for every form
  addReaction(
    ctx,
    `synth_STAT3_${c}`,
    [],
    [`STAT3_${c}`],
    `${cyt} * ${P("k_STAT3_turnover")} * ${P("STAT3_total_conc")} * ${P(`STAT3_expression_${c}`)}`,
  );
  for (const b of STAT3_FORMS)
    addReaction(
      ctx,
      `degrade_${b}_${c}`,
      [`${b}_${c}`],
      [],
      `${jakStatCompartment(b, c)} * ${P("k_STAT3_turnover")} * ${b}_${c}`,
    );

  addReaction(
    ctx,
    `stat3_import_${c}`,
    [`STAT3_${c}`],
    [`nSTAT3_${c}`],
    `${cyt} * ${P("k_STAT3_import")} * STAT3_${c}`,
  );
  addReaction(
    ctx,
    `stat3_export_${c}`,
    [`nSTAT3_${c}`],
    [`STAT3_${c}`],
    `${nuc} * ${P("k_STAT3_export")} * nSTAT3_${c}`,
  );
  addReaction(
    ctx,
    `stat3_phosphorylation_${c}`,
    [`STAT3_${c}`],
    [`pSTAT3_${c}`],
    `${cyt} * ${P("k_STAT3_phos")} * STAT3_${c} * ${active} / (1 + ${P("K_SOCS3_inh")} * SOCS3_${c})`,
  );
  addReaction(
    ctx,
    `pstat3_import_${c}`,
    [`pSTAT3_${c}`],
    [`npSTAT3_${c}`],
    `${cyt} * ${P("k_STAT3_import")} * (1 + ${P("f_pSTAT3_import")}) * pSTAT3_${c}`,
  );
  addReaction(
    ctx,
    `npstat3_dephosphorylation_${c}`,
    [`npSTAT3_${c}`],
    [`nSTAT3_${c}`],
    `${nuc} * ${P("k_npSTAT3_dephos")} * npSTAT3_${c}`,
  );

  // SOCS3: transcription (constitutive + pSTAT3-driven Hill), 5-step delay, mRNA, protein
  addReaction(
    ctx,
    `socs3_transcription_${c}`,
    [],
    [`SOCS3_tx1_${c}`],
    `${nuc} * (${P("k_SOCS3_tx_basal")} + ${P("k_SOCS3_tx")} * max(${P("SOCS3_drive_gain")} * npSTAT3_${c}, 0)^${P("n_SOCS3")})`,
  );
  const chain = [...SOCS3_DELAY, "SOCS3_mRNA"].map((b) => `${b}_${c}`);
  for (let i = 0; i < SOCS3_DELAY.length; i++)
    addReaction(
      ctx,
      `socs3_delay${i + 1}_${c}`,
      [chain[i]],
      [chain[i + 1]],
      `${nuc} * ${P("k_SOCS3_delay")} * ${chain[i]}`,
    );
  addReaction(
    ctx,
    `socs3_mrna_decay_${c}`,
    [`SOCS3_mRNA_${c}`],
    [],
    `${cyt} * ${P("k_SOCS3_mRNA_deg")} * SOCS3_mRNA_${c}`,
  );
  addReaction(
    ctx,
    `socs3_translation_${c}`,
    [],
    [`SOCS3_${c}`],
    `${cyt} * ${P("k_SOCS3_translation")} * ${P(`SOCS3_expression_${c}`)} * SOCS3_mRNA_${c}`,
  );
  addReaction(ctx, `socs3_decay_${c}`, [`SOCS3_${c}`], [], `${cyt} * ${P("k_SOCS3_deg")} * SOCS3_${c}`);
}

/**
 * Nuclear pSTAT3 / total STAT3 of one cell (0 when the cell has no STAT3: the 1e-6 nM·pL added to
 * the pool, ~3e-9 of a hepatocyte's, keeps a knockout's round-off from reading as a fraction).
 */
export const nuclearFraction = (c: string): string =>
  `nuc_${c} * npSTAT3_${c} / (cyt_${c} * (STAT3_${c} + pSTAT3_${c}) + nuc_${c} * (nSTAT3_${c} + npSTAT3_${c}) + 1e-6)`;
