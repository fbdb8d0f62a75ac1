/**
 * Reactions: species references (stoichiometry, L3 ids, L2 stoichiometryMath -> an assignment
 * rule on a generated id), modifiers, kinetic laws with local parameters, the fast flag.
 */
import { num } from "../../core/expr/ast.js";
import type { AssignmentRule, LocalParameter, Reaction, SpeciesReference } from "../../core/network/types.js";
import { named } from "./annotation.js";
import {
  boolAttr,
  describe,
  l3Required,
  mathOf,
  numberAttr,
  type ReadContext,
  items,
  remember,
  warn,
} from "./context.js";
import { attr, child, type XmlElement } from "./xml.js";

export function readReactions(
  ctx: ReadContext,
  model: XmlElement,
): { reactions: Reaction[]; stoichiometryRules: AssignmentRule[] } {
  const stoichiometryRules: AssignmentRule[] = [];
  const taken = new Set<string>();
  for (const el of model.children) collectIds(el, taken);
  const fresh = (base: string) => {
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}_${k}`;
    taken.add(id);
    return id;
  };
  const noLaw: XmlElement[] = [];
  const reactions = items(ctx, model, "listOfReactions", ["reaction"]).map((el) =>
    readReaction(ctx, el, stoichiometryRules, fresh, noLaw),
  );
  // One warning per reaction without a kinetic law, up to three; then one for the rest.
  noLaw
    .slice(0, 3)
    .forEach((el) =>
      warn(
        ctx,
        el,
        "no-kinetic-law",
        `Reaction "${attr(el, "id")}" has no kinetic law (math); il6sim gives it rate 0.`,
        "Add a <kineticLaw> with <math> if the reaction should proceed.",
      ),
    );
  if (noLaw.length > 3)
    warn(
      ctx,
      noLaw[3],
      "no-kinetic-law",
      `${noLaw.length - 3} more reactions have no kinetic law and get rate 0: ${noLaw
        .slice(3, 13)
        .map((el) => attr(el, "id"))
        .join(", ")}${noLaw.length > 13 ? ", ..." : ""}.`,
    );
  return { reactions, stoichiometryRules };
}

function collectIds(el: XmlElement, out: Set<string>): void {
  const id = attr(el, "id");
  if (id !== undefined) out.add(id);
  for (const c of el.children) if (c.name !== "math" && c.name !== "annotation") collectIds(c, out);
}

function readReaction(
  ctx: ReadContext,
  el: XmlElement,
  stoichiometryRules: AssignmentRule[],
  fresh: (base: string) => string,
  noLaw: XmlElement[],
): Reaction {
  const id = attr(el, "id") ?? "";
  remember(ctx, el, "reactions", id);
  const ref = (r: XmlElement, role: string, k: number): SpeciesReference => {
    const species = attr(r, "species") ?? "";
    let refId = attr(r, "id");
    remember(ctx, r, "speciesReferences", refId);
    const stoichMath = child(r, "stoichiometryMath", ctx.ns);
    let stoichiometry = numberAttr(ctx, r, "stoichiometry");
    let constant = boolAttr(ctx, r, "constant");
    if (stoichMath) {
      const math = mathOf(ctx, stoichMath, `stoichiometryMath of "${species}" in reaction "${id}"`);
      if (math) {
        refId ??= fresh(`${id}_${role}${k}_stoichiometry`);
        stoichiometryRules.push({ variable: refId, math });
        constant = false;
        stoichiometry = NaN;
      }
    }
    if (ctx.level >= 3 && constant === undefined)
      warn(
        ctx,
        r,
        "missing-attribute",
        `${describe(r)} of "${species}" has no "constant" attribute, which SBML Level 3 requires; assuming true.`,
      );
    if (stoichiometry === undefined && ctx.level >= 3 && refId === undefined)
      warn(
        ctx,
        r,
        "missing-attribute",
        `The stoichiometry of "${species}" in reaction "${id}" is not given; using 1.`,
      );
    return {
      species,
      // L2 default is 1; an L3 reference without one gets its value from an initial assignment or rule.
      stoichiometry: stoichiometry ?? (ctx.level >= 3 && refId !== undefined ? NaN : 1),
      ...(refId !== undefined ? { id: refId } : {}),
      ...(refId !== undefined ? { constant: constant ?? ctx.level < 3 } : {}),
    };
  };
  const reactants = items(ctx, el, "listOfReactants", ["speciesReference"]).map((r, k) =>
    ref(r, "reactant", k),
  );
  const products = items(ctx, el, "listOfProducts", ["speciesReference"]).map((r, k) => ref(r, "product", k));
  const modifiers = items(ctx, el, "listOfModifiers", ["modifierSpeciesReference"]).map(
    (m) => attr(m, "species") ?? "",
  );

  const law = child(el, "kineticLaw", ctx.ns);
  const localParameters: LocalParameter[] = [];
  if (law) {
    const lps = [
      ...items(ctx, law, "listOfLocalParameters", ["localParameter"]),
      ...items(ctx, law, "listOfParameters", ["parameter"]),
    ];
    for (const p of lps) {
      const unit = attr(p, "units");
      const value = numberAttr(ctx, p, "value");
      if (value === undefined)
        warn(ctx, p, "missing-value", `Local parameter "${attr(p, "id")}" of reaction "${id}" has no value.`);
      localParameters.push({
        id: attr(p, "id") ?? "",
        value: value ?? NaN,
        ...(unit !== undefined ? { unit } : {}),
      });
    }
  }
  let rate = mathOf(ctx, law, `kinetic law of reaction "${id}"`);
  if (!rate) {
    noLaw.push(el);
    rate = num(0);
  }
  const reversible = l3Required(ctx, el, "reversible", boolAttr(ctx, el, "reversible"), true, true);
  // fast reactions are kept at equilibrium by the compiler (a differential-algebraic system)
  const fast = boolAttr(ctx, el, "fast") ?? false;
  return {
    id,
    ...named(el),
    reactants,
    products,
    modifiers,
    rate,
    reversible,
    ...(localParameters.length ? { localParameters } : {}),
    ...(fast ? { fast } : {}),
  };
}
