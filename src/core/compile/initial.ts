/**
 * Values at t0: declared values, then initial assignments and assignment rules, evaluated lazily
 * in whatever order their dependencies need (SBML semantics). Overrides replace a symbol's value
 * before anything that depends on it is computed, so a parameter override propagates through
 * initial assignments.
 */
import { evaluate } from "../expr/evaluate.js";
import type { Expr } from "../expr/ast.js";
import { type Issue, issue } from "../issues.js";
import type { Network } from "../network/types.js";
import type { Layout } from "./layout.js";

export interface InitialValues {
  readonly y0: Float64Array;
  readonly p: Float64Array;
  /** The value of every model symbol at t0 (concentrations for concentration species). */
  readonly symbols: Map<string, number>;
  readonly issues: Issue[];
}

/** Lookups by id over a network, built once per network (populations call this per member). */
interface NetworkIndex {
  readonly ia: ReadonlyMap<string, Expr>;
  readonly rule: ReadonlyMap<string, Expr>;
  readonly rateRule: ReadonlyMap<string, Expr>;
  readonly compartment: ReadonlyMap<string, Network["compartments"][number]>;
  readonly species: ReadonlyMap<string, Network["species"][number]>;
  readonly parameter: ReadonlyMap<string, Network["parameters"][number]>;
  readonly reactionIndex: ReadonlyMap<string, number>;
  readonly stoich: ReadonlyMap<string, number>;
}

const INDEX = new WeakMap<Network, NetworkIndex>();

function indexOf(net: Network): NetworkIndex {
  const hit = INDEX.get(net);
  if (hit) return hit;
  const stoich = new Map<string, number>();
  for (const r of net.reactions)
    for (const ref of [...r.reactants, ...r.products]) if (ref.id) stoich.set(ref.id, ref.stoichiometry);
  const index: NetworkIndex = {
    ia: new Map(net.initialAssignments.map((a) => [a.symbol, a.math])),
    rule: new Map(net.assignmentRules.map((r) => [r.variable, r.math])),
    rateRule: new Map(net.rateRules.map((r) => [r.variable, r.math])),
    compartment: new Map(net.compartments.map((c) => [c.id, c])),
    species: new Map(net.species.map((sp) => [sp.id, sp])),
    parameter: new Map(net.parameters.map((q) => [q.id, q])),
    reactionIndex: new Map(net.reactions.map((r, k) => [r.id, k])),
    stoich,
  };
  INDEX.set(net, index);
  return index;
}

export function computeInitialValues(
  net: Network,
  layout: Layout,
  overrides: ReadonlyMap<string, number>,
  t0: number,
): InitialValues {
  const issues: Issue[] = [];
  const { ia, rule, rateRule, compartment, species, parameter, reactionIndex, stoich } = indexOf(net);

  const memo = new Map<string, number>();
  const busy = new Set<string>();
  const isAmountSymbol = (id: string) => species.get(id)!.hasOnlySubstanceUnits;

  const evalIn = (e: Expr, locals?: ReadonlyMap<string, number>): number =>
    evaluate(e, {
      value: (n) => locals?.get(n) ?? value(n),
      time: t0,
      delay: (x, tau) => evalPast(x, t0 - tau, locals),
      rateOf: (x) => (x.kind !== "sym" ? NaN : locals?.has(x.name) ? 0 : rateAt0(x.name)),
    });

  /**
   * A value before t0 (delay at t0): initial assignments and assignment rules evaluated at that
   * time define the past (SBML Test Suite 00937, 00938); rates of change there are zero.
   */
  const evalPast = (e: Expr, tq: number, locals?: ReadonlyMap<string, number>): number =>
    evaluate(e, {
      value: (n) => {
        const local = locals?.get(n);
        if (local !== undefined) return local;
        if (overrides.has(n)) return value(n);
        const math = ia.get(n) ?? rule.get(n);
        return math ? evalPast(math, tq) : value(n);
      },
      time: tq,
      delay: (x, tau) => evalPast(x, tq - tau, locals),
      rateOf: () => 0,
    });

  /** d(symbol)/dt at t0, from the rate rules and reaction rates evaluated at t0. */
  function rateAt0(id: string): number {
    const rr = rateRule.get(id);
    if (rr) return evalIn(rr);
    if (rule.has(id)) return NaN; // the rate of an assignment-rule variable is not derived here
    const s = species.get(id);
    if (!s) return 0; // parameters and compartments without a rate rule are constant between events
    if (s.boundaryCondition || s.constant)
      return s.hasOnlySubstanceUnits ? 0 : (-value(id) * rateAt0(s.compartment)) / value(s.compartment);
    let dn = 0;
    for (const r of net.reactions) {
      for (const [refs, sign] of [
        [r.reactants, -1],
        [r.products, 1],
      ] as const) {
        for (const ref of refs)
          if (ref.species === id) dn += sign * (ref.id ? value(ref.id) : ref.stoichiometry) * value(r.id);
      }
    }
    const cf = s.conversionFactor ?? net.conversionFactor;
    if (cf !== undefined) dn *= value(cf);
    if (s.hasOnlySubstanceUnits) return dn;
    return (dn - value(id) * rateAt0(s.compartment)) / value(s.compartment);
  }

  function declared(id: string): number {
    const c = compartment.get(id);
    if (c) return c.size;
    const q = parameter.get(id);
    if (q) return q.value;
    const s = species.get(id);
    if (s) {
      const v = value(s.compartment);
      if (isAmountSymbol(id)) return s.initialAmount ?? (s.initialConcentration ?? NaN) * v;
      return s.initialConcentration ?? (s.initialAmount ?? NaN) / v;
    }
    const k = reactionIndex.get(id);
    if (k !== undefined) {
      const r = net.reactions[k];
      const locals = new Map(
        (r.localParameters ?? []).map((lp) => [lp.id, overrides.get(`${r.id}.${lp.id}`) ?? lp.value]),
      );
      return evalIn(r.rate, locals);
    }
    return stoich.get(id) ?? NaN;
  }

  function value(id: string): number {
    const m = memo.get(id);
    if (m !== undefined) return m;
    if (busy.has(id)) {
      issues.push(
        issue(
          "initial-cycle",
          `initialAssignments (${id})`,
          `The initial value of "${id}" depends on itself.`,
        ),
      );
      return NaN;
    }
    busy.add(id);
    const o = overrides.get(id);
    const math = ia.get(id) ?? rule.get(id);
    const v = o !== undefined ? o : math ? evalIn(math) : declared(id);
    busy.delete(id);
    memo.set(id, v);
    return v;
  }

  const y0 = new Float64Array(layout.stateIds.length);
  layout.stateIds.forEach((id, i) => {
    const v = value(id);
    if (layout.stateKinds[i] === "amount" && !isAmountSymbol(id)) {
      y0[i] = v * value(species.get(id)!.compartment);
    } else y0[i] = v;
  });
  const p = new Float64Array(layout.paramIds.length);
  layout.paramIds.forEach((id, k) => {
    const dot = id.indexOf(".");
    if (dot > 0) {
      const r = net.reactions.find((x) => x.id === id.slice(0, dot))!;
      const lp = r.localParameters!.find((x) => x.id === id.slice(dot + 1))!;
      p[k] = overrides.get(id) ?? lp.value;
    } else p[k] = value(id);
  });
  for (const id of [
    ...net.compartments.map((c) => c.id),
    ...net.parameters.map((q) => q.id),
    ...net.species.map((s) => s.id),
  ]) {
    value(id);
  }
  y0.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      issues.push(
        issue(
          "bad-initial-value",
          `initial (${layout.stateIds[i]})`,
          `The initial value of "${layout.stateIds[i]}" is ${v}.`,
          { hint: "Check its initial value, initial assignment and compartment size." },
        ),
      );
    }
  });
  return { y0, p, symbols: memo, issues };
}
