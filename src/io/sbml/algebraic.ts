/**
 * Algebraic rules that are linear in exactly one free variable are solved for it and become
 * assignment rules (exact, not an approximation), each reported as a warning. The SBML meaning
 * is kept: a variable an algebraic rule determines is one nothing else determines (not constant,
 * no rule, no event, and for a species no reaction that changes it). Rules we cannot solve stay
 * algebraic, and compilation then reports them as unsupported.
 */
import { call, type Expr, num, substitute, sym, symbols } from "../../core/expr/ast.js";
import { differentiate, NotDifferentiable } from "../../core/expr/differentiate.js";
import { simplify } from "../../core/expr/simplify.js";
import { type Issue, issue } from "../../core/issues.js";
import type { AssignmentRule, Network } from "../../core/network/types.js";

export function solveAlgebraicRules(
  net: Network,
  file: string,
  position: (i: number) => { line: number; column: number } | undefined,
): { network: Network; warnings: Issue[] } {
  if (net.algebraicRules.length === 0) return { network: net, warnings: [] };
  const determined = new Set([
    ...net.assignmentRules.map((r) => r.variable),
    ...net.rateRules.map((r) => r.variable),
    ...net.events.flatMap((e) => e.assignments.map((a) => a.variable)),
  ]);
  const inReactions = new Set(
    net.reactions.flatMap((r) => [...r.reactants, ...r.products].map((x) => x.species)),
  );
  const free = new Set<string>();
  for (const c of net.compartments) if (!c.constant && !determined.has(c.id)) free.add(c.id);
  for (const p of net.parameters) if (!p.constant && !determined.has(p.id)) free.add(p.id);
  for (const s of net.species)
    if (!s.constant && !determined.has(s.id) && (s.boundaryCondition || !inReactions.has(s.id)))
      free.add(s.id);
  for (const r of net.reactions)
    for (const x of [...r.reactants, ...r.products])
      if (x.id && x.constant === false && !determined.has(x.id)) free.add(x.id);

  const solved: AssignmentRule[] = [];
  const remaining = net.algebraicRules.map((r, i) => ({ ...r, i }));
  const warnings: Issue[] = [];
  for (let progress = true; progress;) {
    progress = false;
    for (const rule of [...remaining]) {
      const vars = [...symbols(rule.math)].filter((v) => free.has(v));
      if (vars.length !== 1) continue;
      const x = vars[0];
      const solution = solveLinear(rule.math, x);
      if (!solution) continue;
      solved.push({ variable: x, math: solution });
      free.delete(x);
      remaining.splice(remaining.indexOf(rule), 1);
      progress = true;
      const pos = position(rule.i);
      warnings.push(
        issue(
          "algebraic-rule-solved",
          file,
          `The algebraic rule 0 = ... is linear in "${x}", so il6sim uses it as the assignment rule ${x} = (solved form).`,
          {
            severity: "warning",
            ...(pos ?? {}),
          },
        ),
      );
    }
  }
  if (solved.length === 0) return { network: net, warnings: [] };
  const assigned = new Set(solved.map((r) => r.variable));
  return {
    network: {
      ...net,
      assignmentRules: [...net.assignmentRules, ...solved],
      algebraicRules: remaining.map(({ math }) => ({ math })),
      // the rule defines the value at all times, t0 included
      initialAssignments: net.initialAssignments.filter((a) => !assigned.has(a.symbol)),
    },
    warnings,
  };
}

/** x such that f(x) = 0, when f is linear in x (f = a·x + b with a free of x), else undefined. */
function solveLinear(f: Expr, x: string): Expr | undefined {
  // Subexpressions free of x that differentiation cannot enter (rateOf, delay, piecewise) are
  // held as opaque symbols while solving and put back afterwards.
  const opaque = new Map<string, Expr>();
  const hide = (e: Expr): Expr | undefined => {
    if (e.kind !== "call") return e;
    if (e.op === "rateOf" || e.op === "delay" || e.op === "piecewise") {
      if (symbols(e).has(x) || dependsOnX(e, x)) return undefined;
      const name = `__opaque${opaque.size}`;
      opaque.set(name, e);
      return sym(name);
    }
    const args: Expr[] = [];
    for (const a of e.args) {
      const h = hide(a);
      if (!h) return undefined;
      args.push(h);
    }
    return { kind: "call", op: e.op, args };
  };
  const g = hide(f);
  if (!g) return undefined;
  let a: Expr;
  try {
    a = simplify(differentiate(g, x));
  } catch (err) {
    if (err instanceof NotDifferentiable) return undefined;
    throw err;
  }
  if (symbols(a).has(x)) return undefined;
  if (a.kind === "num" && (a.value === 0 || !Number.isFinite(a.value))) return undefined;
  const b = simplify(substitute(g, new Map([[x, num(0)]])));
  return substitute(simplify(call("neg", call("/", b, a))), opaque);
}

/** rateOf(y) where y is x, or a delay of x, also depends on x. */
function dependsOnX(e: Expr, x: string): boolean {
  return e.kind === "call" && e.args.some((a) => (a.kind === "sym" && a.name === x) || dependsOnX(a, x));
}
