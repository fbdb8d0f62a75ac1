/**
 * Which variable each algebraic rule determines. SBML (L3V2 §4.9.5, and the overdetermination
 * check of §4.11.5) leaves the choice to a matching between rules and the quantities nothing
 * else determines: not constant, no assignment or rate rule, no event assignment, and for a
 * species no reaction that changes it (a boundary species may be determined). A rule may only
 * determine a quantity it mentions. We find a maximum matching by augmenting paths (Kuhn),
 * trying each rule's candidates in declaration order (compartments, species, parameters,
 * species references), so the choice is deterministic; when some rule is left without a
 * variable, the model is overdetermined and compilation refuses it with an issue that lists
 * what the rule could have determined.
 */
import { symbols } from "../expr/ast.js";
import { toText } from "../expr/print.js";
import { type Issue, issue } from "../issues.js";
import type { Network } from "../network/types.js";

export interface AlgebraicVariable {
  /** Index of the rule in network.algebraicRules. */
  readonly rule: number;
  /** Model id of the quantity the rule determines. */
  readonly variable: string;
}

/** Quantities an algebraic rule may determine, in declaration order. */
export function algebraicCandidates(net: Network): string[] {
  const determined = new Set([
    ...net.assignmentRules.map((r) => r.variable),
    ...net.rateRules.map((r) => r.variable),
    ...net.events.flatMap((e) => e.assignments.map((a) => a.variable)),
  ]);
  const changedByReactions = new Set(
    net.reactions.flatMap((r) => [...r.reactants, ...r.products].map((x) => x.species)),
  );
  const out: string[] = [];
  for (const c of net.compartments) if (!c.constant && !determined.has(c.id)) out.push(c.id);
  for (const s of net.species)
    if (!s.constant && !determined.has(s.id) && (s.boundaryCondition || !changedByReactions.has(s.id)))
      out.push(s.id);
  for (const q of net.parameters) if (!q.constant && !determined.has(q.id)) out.push(q.id);
  for (const r of net.reactions)
    for (const x of [...r.reactants, ...r.products])
      if (x.id !== undefined && x.constant === false && !determined.has(x.id)) out.push(x.id);
  return out;
}

export function chooseAlgebraicVariables(net: Network): { variables: AlgebraicVariable[]; issues: Issue[] } {
  const rules = net.algebraicRules;
  if (rules.length === 0) return { variables: [], issues: [] };
  const candidates = algebraicCandidates(net);
  const order = new Map(candidates.map((id, k) => [id, k]));
  const options = rules.map((r) =>
    [...symbols(r.math)].filter((s) => order.has(s)).sort((a, b) => order.get(a)! - order.get(b)!),
  );
  const owner = new Map<string, number>(); // variable -> rule
  const augment = (rule: number, seen: Set<string>): boolean => {
    for (const v of options[rule]) {
      if (seen.has(v)) continue;
      seen.add(v);
      const other = owner.get(v);
      if (other === undefined || augment(other, seen)) {
        owner.set(v, rule);
        return true;
      }
    }
    return false;
  };
  const issues: Issue[] = [];
  rules.forEach((r, k) => {
    if (augment(k, new Set())) return;
    const mentioned = options[k];
    const which = `The algebraic rule #${k + 1} (0 = ${toText(r.math)})`;
    issues.push(
      issue(
        "algebraic-rule-overdetermined",
        `algebraicRules (${k})`,
        mentioned.length === 0
          ? `${which} determines nothing: every quantity it uses is constant or already determined (by an assignment or rate rule, an event, or reactions).`
          : `${which} has no quantity left to determine: ${mentioned.map((m) => `"${m}"`).join(", ")} ${mentioned.length === 1 ? "is" : "are"} already determined by other algebraic rules.`,
        {
          hint: "An algebraic rule needs a quantity of its own: one with constant=false that no rule, event or reaction sets. Remove the rule or free one of its quantities.",
        },
      ),
    );
  });
  const variables: AlgebraicVariable[] = [];
  for (const [variable, rule] of owner) variables.push({ rule, variable });
  variables.sort((a, b) => a.rule - b.rule);
  return { variables, issues };
}
