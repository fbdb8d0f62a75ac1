/**
 * Where every model symbol lives at run time, and what it means in "primitive" terms.
 *
 * Primitive names (never valid model ids, so they cannot clash):
 *   "y:3"  state slot 3         "p:5"  parameter slot 5
 *   "r:X"  assignment-rule value of X (computed in order each evaluation)
 *   "v:2"  rate of reaction 2 (extent/time)
 *
 * States: species amounts (SBML's conserved quantity; their symbol is amount/size unless the
 * species has only substance units), and any compartment, parameter, species or stoichiometry
 * that a rate rule or an event changes, or that an algebraic rule determines. Parameters slots: everything that stays constant between
 * user overrides (parameters, constant compartments/species, reactions' local parameters).
 */
import { call, type Expr, num, sym, symbols } from "../expr/ast.js";
import { type Issue, issue } from "../issues.js";
import type { Network } from "../network/types.js";

export type StateKind = "amount" | "value";

export interface Layout {
  readonly stateIds: string[];
  readonly stateKinds: StateKind[];
  /** Model symbol of each state (species id for amounts). */
  readonly paramIds: string[];
  /** Model symbol -> primitive expression of its value. */
  readonly def: Map<string, Expr>;
  readonly stateIndex: Map<string, number>;
  readonly paramIndex: Map<string, number>;
  /** Species id -> compartment size expression (primitive). */
  readonly volumeOf: Map<string, Expr>;
}

const y = (i: number) => sym(`y:${i}`);
const p = (i: number) => sym(`p:${i}`);

/** `algebraicVariables`: the quantities algebraic rules determine (algebraic-rules.ts); they become states. */
export function buildLayout(
  net: Network,
  algebraicVariables: ReadonlySet<string> = new Set(),
): { layout: Layout; issues: Issue[] } {
  const issues: Issue[] = [];
  const rateRuleVars = new Set(net.rateRules.map((r) => r.variable));
  const assignRuleVars = new Set(net.assignmentRules.map((r) => r.variable));
  const eventTargets = new Set(net.events.flatMap((e) => e.assignments.map((a) => a.variable)));
  const changing = (id: string) => rateRuleVars.has(id) || eventTargets.has(id) || algebraicVariables.has(id);

  const stateIds: string[] = [];
  const stateKinds: StateKind[] = [];
  const paramIds: string[] = [];
  const def = new Map<string, Expr>();
  const stateIndex = new Map<string, number>();
  const paramIndex = new Map<string, number>();
  const addState = (id: string, kind: StateKind) => {
    stateIndex.set(id, stateIds.length);
    stateIds.push(id);
    stateKinds.push(kind);
    return y(stateIds.length - 1);
  };
  const addParam = (id: string) => {
    paramIndex.set(id, paramIds.length);
    paramIds.push(id);
    return p(paramIds.length - 1);
  };

  // compartments first: species definitions refer to them
  for (const c of net.compartments) {
    if (assignRuleVars.has(c.id)) def.set(c.id, sym(`r:${c.id}`));
    else if (changing(c.id)) def.set(c.id, addState(c.id, "value"));
    else def.set(c.id, addParam(c.id));
  }
  const compartmentChanges = new Set(
    net.compartments.filter((c) => assignRuleVars.has(c.id) || changing(c.id)).map((c) => c.id),
  );
  const volumeOf = new Map<string, Expr>();
  for (const s of net.species) {
    const v = def.get(s.compartment) ?? num(NaN);
    volumeOf.set(s.id, v);
    const isAmountSymbol = s.hasOnlySubstanceUnits;
    if (assignRuleVars.has(s.id)) def.set(s.id, sym(`r:${s.id}`));
    else if (rateRuleVars.has(s.id)) def.set(s.id, addState(s.id, "value"));
    // a constant species keeps its amount: a parameter slot only while its compartment is fixed
    else if (
      s.constant &&
      !eventTargets.has(s.id) &&
      !algebraicVariables.has(s.id) &&
      !compartmentChanges.has(s.compartment)
    )
      def.set(s.id, addParam(s.id));
    else {
      const amount = addState(s.id, "amount");
      def.set(s.id, isAmountSymbol ? amount : call("/", amount, v));
    }
  }
  for (const q of net.parameters) {
    if (assignRuleVars.has(q.id)) def.set(q.id, sym(`r:${q.id}`));
    else if (changing(q.id)) def.set(q.id, addState(q.id, "value"));
    else def.set(q.id, addParam(q.id));
  }
  net.reactions.forEach((r, k) => {
    def.set(r.id, sym(`v:${k}`));
    for (const ref of [...r.reactants, ...r.products]) {
      if (ref.id === undefined) continue;
      if (assignRuleVars.has(ref.id)) def.set(ref.id, sym(`r:${ref.id}`));
      else if (changing(ref.id)) def.set(ref.id, addState(ref.id, "value"));
      else def.set(ref.id, addParam(ref.id));
    }
    for (const lp of r.localParameters ?? []) addParam(`${r.id}.${lp.id}`);
  });
  for (const v of [...rateRuleVars, ...eventTargets]) {
    if (!def.has(v)) issues.push(issue("unknown-id", "rules", `"${v}" is not a model quantity.`));
  }
  return { layout: { stateIds, stateKinds, paramIds, def, stateIndex, paramIndex, volumeOf }, issues };
}

/** Rewrite a model expression into primitive terms; `locals` maps local names to primitives. */
export function toPrimitive(e: Expr, layout: Layout, locals?: ReadonlyMap<string, Expr>): Expr {
  switch (e.kind) {
    case "sym": {
      const d = locals?.get(e.name) ?? layout.def.get(e.name);
      if (!d) throw new Error(`il6sim internal error: symbol "${e.name}" has no definition (validate first)`);
      return d;
    }
    case "call":
      return { kind: "call", op: e.op, args: e.args.map((a) => toPrimitive(a, layout, locals)) };
    default:
      return e;
  }
}

/** Primitive names an expression refers to, of one kind ("y", "p", "r", "v"). */
export function primitivesOf(e: Expr, kind: string): string[] {
  return [...symbols(e)].filter((n) => n.startsWith(`${kind}:`));
}
