/**
 * SBML fast reactions (L2, L3V1 fast="true"): the fast subsystem is at equilibrium at all
 * times. With N_F the stoichiometry of the fast reactions (conversion factors included) on the
 * species they change, and L a basis of its left null space (the fast subsystem's conserved
 * moieties), the species obey
 *   L·dy_F/dt = L·s_F        (s: the change from everything but the fast reactions)
 *   0 = (N_F v_F)_P          (one row per independent fast reaction, P: pivot species)
 * which is an index-1 DAE M·y' = f. This file does the symbolic part: which species and
 * reactions, the coefficients N_F as expressions (they may read a stoichiometry that an
 * initial assignment, a rule or an event sets), and the split of each species' derivative into
 * its slow part s_i and fast part w_i = Σ_k N_ik v_k. fast-dae.ts builds the rows at run time.
 */
import { add, type Expr, mul, num, substitute, sym } from "../expr/ast.js";
import { differentiate, NotDifferentiable } from "../expr/differentiate.js";
import { simplify } from "../expr/simplify.js";
import { type Issue, issue } from "../issues.js";
import type { Network } from "../network/types.js";
import type { ModelEquations } from "./intermediates.js";
import type { Layout } from "./layout.js";
import { primitivesOf } from "./layout.js";

export interface FastSubsystem {
  /** Reaction indices of the fast reactions (that change some species). */
  readonly reactions: readonly number[];
  /** State indices of the species fast reactions change (amounts). */
  readonly species: readonly number[];
  /** coefficients[a][b]: N_F entry of species[a] in reactions[b] (primitive expression). */
  readonly coefficients: readonly (readonly Expr[])[];
  /** Per species[a]: its derivative without the fast reactions. */
  readonly slow: readonly Expr[];
  /** Per species[a]: Σ_b coefficients[a][b]·v_b. */
  readonly fastPart: readonly Expr[];
  /** Groups of positions in `species` linked through fast reactions (independent equilibria). */
  readonly components: readonly (readonly number[])[];
}

export function fastSubsystem(
  net: Network,
  layout: Layout,
  eq: ModelEquations,
): { fast: FastSubsystem | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const fastK = net.reactions.flatMap((r, k) => (r.fast ? [k] : []));
  if (fastK.length === 0) return { fast: null, issues };
  const vNames = fastK.map((k) => `v:${k}`);
  const species: number[] = [];
  const coefficients: Expr[][] = [];
  layout.stateIds.forEach((id, i) => {
    if (layout.stateKinds[i] !== "amount") return;
    const d = eq.derivatives[i];
    const present = new Set(primitivesOf(d, "v"));
    if (!vNames.some((v) => present.has(v))) return;
    try {
      const row = vNames.map((v) => (present.has(v) ? simplify(differentiate(d, v)) : num(0)));
      if (row.some((c) => primitivesOf(c, "v").length > 0))
        throw new NotDifferentiable("non-linear in rates");
      if (row.every((c) => c.kind === "num" && c.value === 0)) return;
      species.push(i);
      coefficients.push(row);
    } catch (err) {
      if (!(err instanceof NotDifferentiable)) throw err;
      issues.push(
        issue(
          "unsupported",
          `species (${id})`,
          `The change of "${id}" is not linear in the fast reaction rates.`,
        ),
      );
    }
  });
  // fast reactions that change no species impose nothing
  const used = fastK.map((_, b) =>
    coefficients.some((row) => !(row[b].kind === "num" && row[b].value === 0)),
  );
  const reactions = fastK.filter((_, b) => used[b]);
  const coeffs = coefficients.map((row) => row.filter((_, b) => used[b]));
  const zero = new Map(vNames.map((v) => [v, num(0) as Expr]));
  const slow = species.map((i) => simplify(substitute(eq.derivatives[i], zero)));
  const fastPart = coeffs.map((row) =>
    simplify(add(...row.map((c, b) => mul(c, sym(`v:${reactions[b]}`))), num(0))),
  );
  return {
    fast:
      species.length === 0
        ? null
        : { reactions, species, coefficients: coeffs, slow, fastPart, components: components(coeffs) },
    issues,
  };
}

/** Connected components of the species–reaction incidence (structural non-zeros). */
function components(coeffs: readonly (readonly Expr[])[]): number[][] {
  const m = coeffs.length;
  const parent = Array.from({ length: m }, (_, a) => a);
  const find = (a: number): number => (parent[a] === a ? a : (parent[a] = find(parent[a])));
  const nR = m > 0 ? coeffs[0].length : 0;
  for (let b = 0; b < nR; b++) {
    let first = -1;
    for (let a = 0; a < m; a++) {
      const c = coeffs[a][b];
      if (c.kind === "num" && c.value === 0) continue;
      if (first < 0) first = a;
      else parent[find(a)] = find(first);
    }
  }
  const groups = new Map<number, number[]>();
  for (let a = 0; a < m; a++) {
    const r = find(a);
    const g = groups.get(r) ?? [];
    g.push(a);
    groups.set(r, g);
  }
  return [...groups.values()];
}
