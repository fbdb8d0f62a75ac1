/**
 * What to report for an SBML model, as the SBML Test Suite reads it: each species by its id
 * (its symbol value: a concentration, or an amount where the species has only substance units
 * or lives in a 0-D compartment), plus every non-constant parameter and compartment.
 */
import { call, type Expr, sym } from "../../core/expr/ast.js";
import type { Network } from "../../core/network/types.js";

/** Ids `il6sim run model.xml` reports by default (series(id) of a simulation gives each). */
export function sbmlDefaultObservables(net: Network): string[] {
  const changing = new Set([
    ...net.assignmentRules.map((r) => r.variable),
    ...net.rateRules.map((r) => r.variable),
    ...net.events.flatMap((e) => e.assignments.map((a) => a.variable)),
  ]);
  return [
    ...net.species.map((s) => s.id),
    ...net.parameters.filter((p) => !p.constant || changing.has(p.id)).map((p) => p.id),
    ...net.compartments.filter((c) => !c.constant || changing.has(c.id)).map((c) => c.id),
  ];
}

/**
 * True when a species' symbol means its amount (only substance units). Species in a 0-D
 * compartment are amounts in Level 2 only, and the import already marks those so
 * (readSpecies); in Level 3 they follow hasOnlySubstanceUnits like any other.
 */
export function isAmountSymbol(net: Network, speciesId: string): boolean {
  const s = net.species.find((x) => x.id === speciesId);
  return s !== undefined && s.hasOnlySubstanceUnits;
}

/**
 * The model expression for a quantity reported as an amount or a concentration. For anything
 * other than a species (or with no preference) it is the symbol itself.
 */
export function reportedExpr(net: Network, id: string, as?: "amount" | "concentration"): Expr {
  const s = net.species.find((x) => x.id === id);
  if (!s || as === undefined) return sym(id);
  const amountSymbol = isAmountSymbol(net, id);
  if (as === "amount") return amountSymbol ? sym(id) : call("*", sym(id), sym(s.compartment));
  return amountSymbol ? call("/", sym(id), sym(s.compartment)) : sym(id);
}
