/**
 * Hepatocyte fate and liver mass (design/model.md module 4), after Furchtgott 2009 and Cook 2015
 * with their lumped "IL-6 -> STAT3" replaced by the receptor-level signalling of part 1.
 *
 * Cell states are amounts in the dimensionless `tissue` compartment, as fractions of the
 * pre-operative hepatocyte number:
 *   hep_Q            quiescent (G0)
 *   hep_P            primed (G1-competent): from Q by hepatocyte nuclear pSTAT3, the Kupffer-cell
 *                    TNF/NF-kB signal and, in enlarged cells, HGF; back to Q unless it passes
 *                    the restriction point
 *   hep_G1_1..6      late G1 after the restriction point (needs HGF and a cell larger than normal)
 *   hep_S_1..4       S phase (BrdU labelling index = their sum)
 *   hep_G2_1..2      G2
 *   hep_M            mitosis (mitotic index); divides into two primed daughters
 *   hep_injured      committed to necrotic death (resection margin, toxins)
 * plus hep_mass (liver mass relative to pre-operative, Cook's N), hep_prot (STAT3 anti-apoptotic
 * programme, 0-1), npc (non-parenchymal cells relative to pre-operative) and S_entries
 * (cumulative S-phase entries). Hepatocyte size = mass / number: cells grow first (hypertrophy,
 * up to size_max) and division halves them, so mass growth needs proliferation to continue.
 * Quiescent and primed cells turn over at the basal rate k_d0 (replaced through the cycle, so the
 * pre-injury state has exactly the pre-operative number); every living state also dies at the
 * excess death rate: overload death when mass / M falls towards theta_cd, and toxin-driven
 * apoptosis, both reduced by the STAT3 programme. Toxins commit cells to necrosis (hep_injured).
 */
import { type Ctx, addReaction, addSpecies } from "./context.js";
import { nuclearFraction } from "./jak-stat.js";

const stages = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}_${i + 1}`);
export const G1 = stages("hep_G1", 6);
export const S = stages("hep_S", 4);
export const G2 = stages("hep_G2", 2);
/** Every hepatocyte state, in cycle order (the cell-cycle chain from hep_G1_1 to hep_M). */
export const HEP_STATES: readonly string[] = ["hep_Q", "hep_P", ...G1, ...S, ...G2, "hep_M", "hep_injured"];
const LIVING = HEP_STATES.filter((s) => s !== "hep_injured");

/** Liver mass / pre-operative (assignment rule). */
export const LIVER_MASS = "liver_mass_rel";

const rule = (ctx: Ctx, id: string, value: number, unit: string, note: string, math: string) => {
  ctx.n.parameter(id, value, { constant: false, unit, source: "derived", confidence: "derived", note });
  ctx.n.assignmentRule(id, math);
  return id;
};

/**
 * The tissue compartment, every hepatocyte state, and the rules that make cell numbers dynamic
 * (N_hep, N_kc, N_lsec, N_hsc, liver mass). Call before any module reads a cell count.
 */
export function fateSpecies(ctx: Ctx): void {
  const { n, P } = ctx;
  n.compartment("tissue", {
    size: 1,
    unit: "1",
    name: "liver tissue (cell states as fractions of the pre-operative hepatocyte number)",
  });
  const names: Record<string, string> = {
    hep_Q: "quiescent hepatocytes (G0)",
    hep_P: "primed hepatocytes (G1-competent, before the restriction point)",
    hep_M: "hepatocytes in mitosis",
    hep_injured: "hepatocytes committed to necrotic death",
  };
  for (const s of HEP_STATES) {
    const what = names[s] ?? (s.startsWith("hep_G1") ? "late G1" : s.startsWith("hep_S") ? "S phase" : "G2");
    addSpecies(ctx, s, {
      in: "tissue",
      amount: true,
      initial: s === "hep_Q" ? 1 : 0,
      unit: "1",
      name: `${what}, fraction of pre-operative hepatocytes${s.match(/_\d$/) ? ` (stage ${s.slice(-1)})` : ""}`,
    });
  }
  addSpecies(ctx, "hep_mass", {
    in: "tissue",
    amount: true,
    initial: 1,
    unit: "1",
    name: "hepatocyte mass (liver mass), fraction of pre-operative",
  });
  addSpecies(ctx, "hep_prot", {
    in: "tissue",
    amount: true,
    initial: 0,
    unit: "1",
    name: "STAT3 anti-apoptotic programme (Bcl-xL, Mcl-1, FLIP), 0-1",
  });
  addSpecies(ctx, "npc", {
    in: "tissue",
    amount: true,
    initial: 1,
    unit: "1",
    name: "non-parenchymal cells (Kupffer, LSEC, HSC), fraction of pre-operative",
  });
  addSpecies(ctx, "S_entries", {
    in: "tissue",
    amount: true,
    initial: 0,
    unit: "1",
    name: "cumulative S-phase entries, fraction of pre-operative hepatocytes (a counter)",
  });

  rule(ctx, "hep_cells", 1, "1", "hepatocyte number / pre-operative", HEP_STATES.join(" + "));
  rule(ctx, LIVER_MASS, 1, "1", "liver mass / pre-operative (Cook's N)", "hep_mass");
  rule(
    ctx,
    "liver_mass_floored",
    1,
    "1",
    "liver mass with a smooth floor at mass_floor (volumes and per-mass loads use it)",
    `${LIVER_MASS} + ${P("mass_floor")} * exp(-${LIVER_MASS} / ${P("mass_floor")})`,
  );
  rule(
    ctx,
    "hep_size",
    1,
    "1",
    "hepatocyte size factor = mass / number (hypertrophy), 1 before injury",
    "hep_mass / hep_cells",
  );
  const count = (c: string, of: string) =>
    rule(
      ctx,
      `N_${c}`,
      ctx.set[`N_${c}_preop`].value,
      "cells",
      `${c} cells now: pre-operative number x ${of}`,
      `${P(`N_${c}_preop`)} * ${of}`,
    );
  count("hep", "hep_cells");
  for (const c of ["kc", "lsec", "hsc"]) count(c, "npc");
}

/** Priming, commitment, the cycle chain, division, death, hypertrophy, protection, NPC regrowth. */
export function fateReactions(ctx: Ctx): void {
  const { P } = ctx;
  const W = LIVER_MASS;
  rule(
    ctx,
    "stat3_hep",
    0,
    "1",
    "hepatocyte nuclear pSTAT3 fraction (drives priming, protection, acute-phase genes); kept in [0, 1] where the STAT3 pool is 0 (knockout)",
    `min(max(${nuclearFraction("hep")}, 0), 1)`,
  );
  rule(
    ctx,
    "sigma_overload",
    0,
    "1",
    "overload sigmoid 0.5 (1 + tanh((theta_cd - mass / M) / beta_cd)) (Cook 2015)",
    `0.5 * (1 + tanh((${P("theta_cd")} - ${W} / ${P("M")}) / ${P("beta_cd")}))`,
  );
  rule(
    ctx,
    "hep_excess_death_rate",
    0,
    "1/h",
    "death rate above basal turnover: (overload above its pre-injury level + toxin apoptosis) x (1 - prot_max x STAT3 programme); every state dies at it",
    `(${P("k_cd")} * (sigma_overload - ${P("sigma_overload_0")}) + death_apoptosis) * (1 - ${P("prot_max")} * hep_prot)`,
  );
  // hypertrophied cells are licensed to divide: the size gate couples division to growth
  // (squares keep the gates smooth where cells return to normal size, which the stepper needs)
  const big = `max(hep_size - 1, 0)^2`;
  rule(
    ctx,
    "size_gate",
    0,
    "1",
    "hepatocytes larger than normal pass the restriction point (0-1): division follows growth",
    `${big} / (${P("K_commit_size")}^2 + ${big})`,
  );
  rule(
    ctx,
    "hgf_gate",
    0,
    "1",
    "HGF occupancy of the restriction point (0-1)",
    `HGF / (${P("K_commit_HGF")} + HGF)`,
  );
  // priming (G0 -> G1 competence) by STAT3, by Kupffer-cell TNF/NF-kB, and by HGF in enlarged cells
  const hill = `(stat3_hep / ${P("K_prime_STAT3")})^${P("n_prime_STAT3")}`;
  addReaction(
    ctx,
    "hepatocyte_priming",
    ["hep_Q"],
    ["hep_P"],
    `${P("k_prime")} * (${hill} / (1 + ${hill}) + ${P("w_prime_TNF")} * TNF_kc + ${P("w_prime_HGF")} * hgf_gate * size_gate) * hep_Q`,
  );
  addReaction(ctx, "primed_reversion", ["hep_P"], ["hep_Q"], `${P("k_rev")} * hep_P`);
  // the restriction point needs HGF and an enlarged cell
  addReaction(
    ctx,
    "restriction_point",
    ["hep_P"],
    [G1[0]],
    `${P("k_commit")} * hgf_gate * size_gate * hep_P`,
  );
  // basal turnover: quiescent and primed cells die at k_d0 and are replaced (a cell from a cell,
  // without the cycle stages: ~1 mitosis in 10,000 hepatocytes) at k_d0 x (1 + n_renewal x
  // number deficit), so the pre-injury steady state has exactly the pre-operative number and a
  // number left short after regeneration recovers over weeks
  addReaction(
    ctx,
    "basal_renewal",
    ["hep_Q"],
    [[2, "hep_Q"]],
    `${P("k_d0")} * (hep_Q + hep_P) * max(1 + ${P("n_renewal")} * (1 - hep_cells), 0)`,
  );
  for (const s of ["hep_Q", "hep_P"]) addReaction(ctx, `basal_death_${s}`, [s], [], `${P("k_d0")} * ${s}`);

  // the chain: late G1 -> S -> G2 -> M -> two primed daughters
  const chain = (ids: readonly string[], next: string, T: string, extra: string[] = []) =>
    ids.forEach((id, i) =>
      addReaction(
        ctx,
        `progress_${id}`,
        [id],
        [i + 1 < ids.length ? ids[i + 1] : next, ...(i + 1 === ids.length ? extra : [])],
        `${ids.length} / ${P(T)} * ${id}`,
      ),
    );
  chain(G1, S[0], "T_G1");
  // counter of S-phase entries (0 before injury: basal renewal does not pass the stages)
  addReaction(
    ctx,
    "count_S_entries",
    [],
    ["S_entries"],
    `${G1.length} / ${P("T_G1")} * ${G1[G1.length - 1]}`,
  );
  chain(S, G2[0], "T_S");
  chain(G2, "hep_M", "T_G2");
  addReaction(ctx, "hepatocyte_division", ["hep_M"], [[2, "hep_P"]], `hep_M / ${P("T_M")}`);

  // death of every living state; injured cells die at their own rate
  for (const s of LIVING) addReaction(ctx, `death_${s}`, [s], [], `hep_excess_death_rate * ${s}`);
  for (const s of LIVING) addReaction(ctx, `injury_${s}`, [s], ["hep_injured"], `injury_rate * ${s}`);
  addReaction(ctx, "necrosis_hep_injured", ["hep_injured"], [], `${P("k_injured_death")} * hep_injured`);

  // mass: growth (Cook's dG/dt = G_rate M (1/N - 1), per unit mass: G_rate M (1 - mass)) needs room
  // in the cells (a hepatocyte cannot grow past size_max without dividing; division halves it), an
  // excess is resorbed, turnover growth replaces what basal death removes, and dying cells take
  // their mass with them
  const room = `max(1 - (max(hep_size - 1, 0) / (${P("size_max")} - 1))^2, 0)`;
  addReaction(
    ctx,
    "hepatocyte_growth",
    [],
    ["hep_mass"],
    `${P("G_rate")} * ${P("M")} * (1 - ${W}) * ${room} + ${P("k_d0")} * hep_size * (hep_Q + hep_P)`,
    true,
  );
  addReaction(
    ctx,
    "mass_lost_with_dying_cells",
    ["hep_mass"],
    [],
    `hep_size * (${P("k_d0")} * (hep_Q + hep_P) + hep_excess_death_rate * (${LIVING.join(" + ")}) + ${P("k_injured_death")} * hep_injured)`,
  );
  // STAT3 anti-apoptotic programme (needs transcription: D-galactosamine blocks it)
  addReaction(
    ctx,
    "protection_programme",
    [],
    ["hep_prot"],
    `${P("k_prot")} * ((1 - transcription_block) * stat3_hep / (${P("K_prot")} + stat3_hep) - hep_prot)`,
    true,
  );
  // the S-phase counter leaks very slowly so that the pre-injury steady state is regular
  addReaction(ctx, "S_entries_leak", ["S_entries"], [], `${P("k_counter_leak")} * S_entries`);
  // non-parenchymal cells follow the hepatocyte number
  addReaction(ctx, "npc_regrowth", [], ["npc"], `${P("k_npc")} * (hep_cells - npc)`, true);
}

/** Expression: fraction (0-1) of hepatocytes in a list of states. */
export const shareOf = (states: readonly string[]): string => `(${states.join(" + ")}) / hep_cells`;
