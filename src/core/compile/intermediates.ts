/**
 * The quantities computed, in dependency order, before the derivatives: assignment-rule values
 * ("r:X") and reaction rates ("v:k"). Also the right-hand side of each state as a primitive
 * expression (stoichiometry × rates for species amounts, the rate rule for the rest).
 */
import { call, type Expr, num, sym } from "../expr/ast.js";
import { simplify } from "../expr/simplify.js";
import { type Issue, issue } from "../issues.js";
import type { Network } from "../network/types.js";
import { DelayTable } from "./delays.js";
import { type Layout, primitivesOf, toPrimitive } from "./layout.js";

export interface Intermediate {
  /** Primitive name, "r:X" or "v:k". */
  readonly name: string;
  readonly expr: Expr;
}

export interface ModelEquations {
  /** In evaluation order. */
  readonly intermediates: Intermediate[];
  /** d state_i / dt as a primitive expression. */
  readonly derivatives: Expr[];
  /** Rewrite any model expression (trigger, assignment, observable) to primitives. */
  prim(e: Expr, locals?: ReadonlyMap<string, Expr>): Expr;
  /** The delayed expressions met in generated code, and their recorded history. */
  readonly delays: DelayTable;
}

export function buildEquations(net: Network, layout: Layout): { eq: ModelEquations; issues: Issue[] } {
  const issues: Issue[] = [];
  const rateRuleOf = new Map(net.rateRules.map((r) => [r.variable, r.math]));

  // Change of a species amount from reactions: Σ ν × rate × conversion factor.
  const amountRate = (speciesId: string): Expr => {
    const s = net.species.find((x) => x.id === speciesId)!;
    if (s.boundaryCondition) return num(0);
    const terms: Expr[] = [];
    net.reactions.forEach((r, k) => {
      const add = (refs: typeof r.reactants, sign: number) => {
        for (const ref of refs) {
          if (ref.species !== speciesId) continue;
          // a stoichiometry with an id is a model quantity (it may be set by an initial assignment, a rule or an event)
          const nu: Expr = ref.id !== undefined ? layout.def.get(ref.id)! : num(ref.stoichiometry);
          terms.push(call("*", num(sign), nu, sym(`v:${k}`)));
        }
      };
      add(r.reactants, -1);
      add(r.products, 1);
    });
    if (terms.length === 0) return num(0);
    const cf = s.conversionFactor ?? net.conversionFactor;
    const total = call("+", ...terms);
    return cf !== undefined ? call("*", layout.def.get(cf)!, total) : total;
  };

  const rateOfPrimitive = (name: string, path: string): Expr => {
    const rr = rateRuleOf.get(name);
    if (rr) return prim(rr);
    const d = layout.def.get(name);
    if (!d) return num(NaN);
    if (d.kind === "sym" && d.name.startsWith("p:")) return num(0);
    const i = layout.stateIndex.get(name);
    if (i !== undefined && layout.stateKinds[i] === "amount") {
      const dn = amountRate(name);
      const v = layout.volumeOf.get(name)!;
      if (d.kind === "sym") return dn; // symbol is the amount
      if (v.kind === "sym" && v.name.startsWith("p:")) return call("/", dn, v);
      // d[S]/dt = (dn/dt − [S]·dV/dt) / V when the compartment size changes too
      const compartment = net.species.find((x) => x.id === name)!.compartment;
      return call("/", call("-", dn, call("*", d, rateOfPrimitive(compartment, path))), v);
    }
    if (i !== undefined) return num(0); // changed only by events
    issues.push(
      issue("unsupported", path, `rateOf(${name}) of an assignment-rule variable is not supported.`, {
        hint: "Use rateOf on a species or on a variable with a rate rule.",
      }),
    );
    return num(NaN);
  };

  const delays = new DelayTable();
  // `past`: the expression as the history before t0 sees it, where nothing changes (rateOf is 0)
  const prim = (e: Expr, locals?: ReadonlyMap<string, Expr>, path = "expression", past = false): Expr => {
    if (e.kind === "call" && e.op === "rateOf") {
      const a = e.args[0];
      if (a.kind !== "sym") {
        issues.push(issue("unsupported", path, "rateOf() takes a symbol."));
        return num(NaN);
      }
      if (locals?.has(a.name) || past) return num(0); // a reaction's local parameter is constant
      return rateOfPrimitive(a.name, path);
    }
    if (e.kind === "call" && e.op === "delay" && !past) {
      const now = prim(e.args[0], locals, path);
      delays.setBeforeStart(now, prim(e.args[0], locals, path, true));
      return call("delay", now, prim(e.args[1], locals, path));
    }
    if (e.kind === "call")
      return { kind: "call", op: e.op, args: e.args.map((x) => prim(x, locals, path, past)) };
    return toPrimitive(e, layout, locals);
  };

  // ---- intermediates, then a topological order
  const raw: Intermediate[] = [];
  for (const r of net.assignmentRules)
    raw.push({ name: `r:${r.variable}`, expr: prim(r.math, undefined, `assignmentRules (${r.variable})`) });
  net.reactions.forEach((r, k) => {
    const locals = new Map<string, Expr>();
    for (const lp of r.localParameters ?? [])
      locals.set(lp.id, sym(`p:${layout.paramIndex.get(`${r.id}.${lp.id}`)}`));
    raw.push({ name: `v:${k}`, expr: prim(r.rate, locals, `reactions[${k}] (${r.id}).rate`) });
  });
  const intermediates = topoSort(raw, issues);

  const derivatives = layout.stateIds.map((id, i) => {
    const rr = rateRuleOf.get(id);
    if (rr) return simplify(prim(rr, undefined, `rateRules (${id})`));
    if (layout.stateKinds[i] === "amount") return simplify(amountRate(id));
    return num(0);
  });

  return {
    eq: { intermediates, derivatives, prim: (e, locals) => prim(e, locals), delays },
    issues,
  };
}

function topoSort(items: Intermediate[], issues: Issue[]): Intermediate[] {
  const byName = new Map(items.map((x) => [x.name, x]));
  const out: Intermediate[] = [];
  const mark = new Map<string, 1 | 2>();
  const visit = (x: Intermediate, stack: string[]) => {
    const m = mark.get(x.name);
    if (m === 2) return;
    if (m === 1) {
      issues.push(
        issue(
          "rule-cycle",
          "assignmentRules",
          `Rules and rates depend on each other in a cycle: ${[...stack, x.name].map(pretty).join(" -> ")}.`,
        ),
      );
      return;
    }
    mark.set(x.name, 1);
    for (const dep of [...primitivesOf(x.expr, "r"), ...primitivesOf(x.expr, "v")]) {
      const d = byName.get(dep);
      if (d) visit(d, [...stack, x.name]);
    }
    mark.set(x.name, 2);
    out.push(x);
  };
  for (const x of items) visit(x, []);
  return out;
}

const pretty = (n: string) => n.replace(/^r:/, "").replace(/^v:/, "reaction #");
