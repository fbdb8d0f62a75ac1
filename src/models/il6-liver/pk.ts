/**
 * Drug pharmacokinetics: s.c./i.p./oral depots with first-order absorption (bioavailability is
 * applied when a dose enters its depot), i.v. infusions as zero-order inputs whose rate
 * parameters dose actions switch on and off, a peripheral compartment for antibodies and Fc
 * fusions, their linear clearance and tocilizumab's parallel Michaelis-Menten (target-mediated)
 * elimination (Frey 2010), ruxolitinib in one compartment with its unbound fraction, and the
 * continuous sgp130Fc production of sgp130Fc-transgenic mice.
 */
import { type Ctx, addReaction, addSpecies } from "./context.js";
import { DEPOT_ROUTES, type DrugSpecies, depotSpecies, plasmaSpecies } from "./drugs.js";

export function drugPk(ctx: Ctx): void {
  const { n, P } = ctx;
  // ruxolitinib: one compartment, cells see the unbound concentration
  n.compartment("rux_vd", {
    size: ctx.set.V_rux_ml.value,
    unit: "mL",
    name: "ruxolitinib volume of distribution",
  });
  n.initialAssignment("rux_vd", P("V_rux_ml"));
  addSpecies(ctx, "rux", { in: "rux_vd", initial: 0, unit: "nM", name: "ruxolitinib (total plasma)" });
  addReaction(ctx, "clear_rux", ["rux"], [], `${P("CL_rux")} * rux`);
  n.parameter(ctx.ruxFree, 0, {
    constant: false,
    unit: "nM",
    source: "derived",
    confidence: "derived",
    note: "fu_rux x total ruxolitinib",
  });
  n.assignmentRule(ctx.ruxFree, `${P("fu_rux")} * rux`);

  // depots and infusions
  for (const d of Object.keys(DEPOT_ROUTES) as DrugSpecies[]) {
    for (const route of DEPOT_ROUTES[d]) {
      const depot = depotSpecies(d, route);
      addSpecies(ctx, depot, {
        in: "depot",
        amount: true,
        initial: 0,
        unit: "pmol",
        name: `${d} ${route} depot`,
      });
      P(`F_${d}_${route}`); // read by dose actions
      addReaction(
        ctx,
        `absorb_${route}_${d}`,
        [depot],
        [plasmaSpecies(d)],
        `${P(`ka_${d}_${route}`)} * ${depot}`,
      );
    }
    addReaction(ctx, `infuse_${d}`, [], [plasmaSpecies(d)], P(`infusion_${d}`));
  }
  // peripheral distribution of the long-lived drugs (free form only)
  for (const b of ["sgp130Fc", "aIL6R", "aIL6"]) {
    addSpecies(ctx, `${b}_periph`, {
      in: "periph",
      initial: 0,
      unit: "nM",
      name: `free ${b} (peripheral tissue)`,
    });
    addReaction(
      ctx,
      `distribute_${b}`,
      [`${b}_plasma`],
      [`${b}_periph`],
      `${P("Q_periph")} * (${b}_plasma - ${b}_periph)`,
      true,
    );
  }

  // clearance from plasma (drug-target complexes leave with the drug)
  const cl = (b: string, CL: string) =>
    addReaction(ctx, `clear_${b}`, [`${b}_plasma`], [], `${P(CL)} * ${b}_plasma`);
  for (const b of ["sgp130Fc", "IL6_sIL6R_sgp130Fc", "HIL6_sgp130Fc"]) cl(b, "CL_sgp130Fc");
  for (const b of ["aIL6R", "aIL6R_sIL6R"]) cl(b, "CL_aIL6R");
  for (const b of ["aIL6", "aIL6_IL6"]) cl(b, "CL_aIL6");
  addReaction(
    ctx,
    "clear_aIL6R_target_mediated",
    ["aIL6R_plasma"],
    [],
    `${P("Vmax_aIL6R")} * aIL6R_plasma / (${P("Km_aIL6R")} + aIL6R_plasma)`,
  );

  // sgp130Fc-transgenic mice: continuous production by the liver
  addReaction(
    ctx,
    "sgp130fc_transgene",
    [],
    ["sgp130Fc_liver"],
    `${P("sgp130Fc_tg_on")} * ${P("sgp130Fc_tg_conc")} * ${P("CL_sgp130Fc")}`,
  );
}
