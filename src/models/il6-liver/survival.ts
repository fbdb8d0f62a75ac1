/**
 * Organ failure and survival (design/model.md module 4): the failure hazard rises as the
 * functional liver mass falls below the critical remnant, through the same overload sigmoid as
 * overload death (half-maximal at mass = theta_cd x M; Cook 2015), counted above its pre-injury
 * level, and survival = exp(-integral of the hazard). One state: the cumulative hazard. Any cause of mass
 * loss counts: an extended hepatectomy, necrosis after a toxin, death of an unprotected remnant.
 */
import { type Ctx, addReaction, addSpecies } from "./context.js";

export function survivalSpecies(ctx: Ctx): void {
  addSpecies(ctx, "hazard_cum", {
    in: "tissue",
    amount: true,
    initial: 0,
    unit: "1",
    name: "cumulative failure hazard (survival = exp(-hazard_cum))",
  });
}

export function survivalReactions(ctx: Ctx): void {
  const { P } = ctx;
  addReaction(
    ctx,
    "failure_hazard",
    [],
    ["hazard_cum"],
    `${P("k_fail")} * max(sigma_overload - ${P("sigma_overload_0")}, 0)`,
  );
  // a pure integrator would make the steady-state Jacobian singular: it leaks at 1e-6/h
  // (0.03% of the cumulative hazard over two weeks)
  addReaction(ctx, "hazard_leak", ["hazard_cum"], [], `${P("k_counter_leak")} * hazard_cum`);
}
