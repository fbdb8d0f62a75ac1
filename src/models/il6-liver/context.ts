/**
 * What every module function receives: the network builder, the parameter declarer, and a few
 * helpers that keep reactions honest (modifiers listed, ids checked). Modules are plain
 * functions over this context, so composing the model (or an in-vitro well) is calling them.
 */
import type { NetworkBuilder, SpeciesOptions } from "../../core/network/builder.js";
import { type ParamSet, declare } from "./parameters/index.js";

export interface Ctx {
  readonly n: NetworkBuilder;
  readonly set: ParamSet;
  /** Declare a parameter of the set (once) and return its id. */
  readonly P: (id: string) => string;
  /** Id of the free ruxolitinib concentration (nM) that cells see. */
  readonly ruxFree: string;
  readonly speciesIds: Set<string>;
  /** Induced (ADAM17) shedding rate of free mIL-6R (1/h) as an expression, where the context has it. */
  readonly inducedShedding?: () => string;
}

export function context(
  n: NetworkBuilder,
  set: ParamSet,
  ruxFree: string,
  inducedShedding?: (P: (id: string) => string) => string,
): Ctx {
  const P = declare(n, set);
  return {
    n,
    set,
    P,
    ruxFree,
    speciesIds: new Set(),
    ...(inducedShedding ? { inducedShedding: () => inducedShedding(P) } : {}),
  };
}

export function addSpecies(ctx: Ctx, id: string, opts: SpeciesOptions): string {
  ctx.speciesIds.add(id);
  return ctx.n.species(id, opts);
}

/** A species, or [stoichiometry, species]. */
export type Participant = string | readonly [number, string];

/** A reaction with a rate formula (extent per hour); species read by the rate become modifiers. */
export function addReaction(
  ctx: Ctx,
  id: string,
  reactants: readonly Participant[],
  products: readonly Participant[],
  rate: string,
  reversible = false,
): string {
  const named = new Set([...reactants, ...products].map((x) => (typeof x === "string" ? x : x[1])));
  const modifiers = [...new Set(rate.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])].filter(
    (t) => ctx.speciesIds.has(t) && !named.has(t),
  );
  return ctx.n.reaction(id, reactants, products, rate, {
    reversible,
    ...(modifiers.length ? { modifiers } : {}),
  });
}

/** Mass action in one compartment: rate = V·(kf·Πreactants − kr·Πproducts), written out. */
export function massActionIn(
  ctx: Ctx,
  id: string,
  volume: string,
  reactants: readonly string[],
  products: readonly string[],
  kf: string,
  kr?: string,
): string {
  const fwd = [ctx.P(kf), ...reactants].join(" * ");
  const rate =
    kr === undefined
      ? `${volume} * ${fwd}`
      : `${volume} * (${fwd} - ${[ctx.P(kr), ...products].join(" * ")})`;
  return addReaction(ctx, id, reactants, products, rate, kr !== undefined);
}
