/**
 * The OdeSystem of a model with algebraic rules and/or fast reactions: M·y' = f (index 1).
 *
 * - Algebraic rules: the row of the state a rule determines (algebraic-rules.ts) is 0 = rule;
 *   M is the identity with those rows empty. The generated f and Jacobians are used as they are.
 * - Fast reactions (fast-reactions.ts): per group of species linked by fast reactions, the
 *   rows of the pivot species are the equilibrium conditions 0 = w_i = (N_F v_F)_i and the other
 *   rows are conserved moieties l·y' = l·s (s: the slow part). f and J are generated for the
 *   extended rows [base rows with s in place of the fast species' derivatives; w] and combined
 *   with L at run time, because N_F may read stoichiometries that change at events. Which
 *   species are pivots, L, and which fast reactions are switched off (a rate identically zero
 *   in the fast species, e.g. k·A with k = 0) are read where M is read: at the start and after
 *   every jump (MassMatrix.values), never between.
 */
import { sym } from "../expr/ast.js";
import type { MassMatrix, OdeSystem, SparsityPattern } from "../solve/types.js";
import type { GradientPlan } from "./derivatives.js";
import type { VecFn } from "./emit.js";
import type { FastSubsystem } from "./fast-reactions.js";
import { equilibriumStructure } from "./fast-structure.js";

export interface FastFunctions {
  /** Extended rows (n base rows, then w per fast species) and, when analytic, their dense Jacobian (n+m)×n. */
  readonly rhs: VecFn;
  readonly jacobian?: VecFn;
  readonly plan?: GradientPlan;
  /** All N_F entries (row-major, species × reactions) and the fast reactions' rates. */
  readonly coefficients: VecFn;
  readonly rates: VecFn;
}

/** M for algebraic rules only: identity rows except the algebraic ones (empty). */
export function algebraicMass(n: number, algebraic: ReadonlySet<number>): MassMatrix {
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!algebraic.has(i)) cols.push(i);
    rowStart[i + 1] = cols.length;
  }
  const ones = new Float64Array(cols.length).fill(1);
  return {
    pattern: { rowStart, colIndex: Int32Array.from(cols) },
    values: (_t, _y, _p, out) => out.set(ones),
  };
}

/** The system of a model with fast reactions (and possibly algebraic rules). */
export function fastDaeSystem(
  base: {
    readonly stateIds: readonly string[];
    readonly timeDependent: boolean;
    /** States that change only at jumps (event targets without a rate): held when testing rates. */
    readonly jumpOnly: ReadonlySet<number>;
  },
  algebraic: ReadonlySet<number>,
  fast: FastSubsystem,
  fns: FastFunctions,
): OdeSystem {
  const n = base.stateIds.length;
  const m = fast.species.length;
  const R = fast.reactions.length;
  const posOf = new Map(fast.species.map((i, a) => [i, a]));
  const groupOf = new Int32Array(m);
  fast.components.forEach((g, c) => g.forEach((a) => (groupOf[a] = c)));
  // M's pattern: identity; algebraic-rule rows empty; a fast species' row spans its group
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = posOf.get(i);
    if (a !== undefined)
      rows.push(fast.components[groupOf[a]].map((b) => fast.species[b]).sort((x, z) => x - z));
    else rows.push(algebraic.has(i) ? [] : [i]);
  }
  const massPattern = csr(rows);

  // run-time structure: per fast species, its role and (for a moiety row) l over its group
  const coef = new Float64Array(m * R);
  const rate = new Float64Array(R);
  const active = new Uint8Array(R);
  const isPivot = new Uint8Array(m);
  const law: Float64Array[] = Array.from({ length: m }, () => new Float64Array(0));
  const yTry = new Float64Array(n);
  let ready = false;

  const analyse = (t: number, y: Float64Array, p: Float64Array): void => {
    fns.coefficients(t, y, p, coef);
    switchedOn(t, y, p);
    for (const g of fast.components) {
      const rs: number[] = [];
      for (let b = 0; b < R; b++) if (active[b] && g.some((a) => coef[a * R + b] !== 0)) rs.push(b);
      const N = new Float64Array(g.length * rs.length);
      g.forEach((a, ia) => rs.forEach((b, ib) => (N[ia * rs.length + ib] = coef[a * R + b])));
      const st = equilibriumStructure(N, g.length, rs.length);
      g.forEach((a, ia) => {
        isPivot[a] = st.pivot[ia] ? 1 : 0;
        law[a] = st.laws[ia] ?? new Float64Array(0);
      });
    }
    ready = true;
  };

  /**
   * A fast reaction is off while its rate is identically zero whatever changes continuously
   * (time, species, rate-rule variables), with what only jumps held (parameters, event
   * targets): e.g. k·A with k = 0 until an event sets it. Tested here and at two other points;
   * a rate that only passes through zero (k = 5.5 − t at t = 5.5) stays on.
   */
  const switchedOn = (t: number, y: Float64Array, p: Float64Array): void => {
    active.fill(0);
    for (let trial = 0; trial < 3; trial++) {
      yTry.set(y);
      const [a, b] = trial === 1 ? [1.37, 0.61] : [0.53, 1.29];
      if (trial > 0)
        for (let i = 0; i < n; i++)
          if (!base.jumpOnly.has(i)) yTry[i] = a * Math.abs(y[i]) + b * (Math.abs(y[i]) + 1);
      const tt = trial === 0 ? t : a * t + b * (Math.abs(t) + 1);
      fns.rates(tt, yTry, p, rate);
      for (let k = 0; k < R; k++) if (rate[k] !== 0) active[k] = 1;
    }
  };

  const ext = new Float64Array(n + m);
  const rhs = (t: number, y: Float64Array, p: Float64Array, out: Float64Array): void => {
    if (!ready) analyse(t, y, p);
    fns.rhs(t, y, p, ext);
    for (let i = 0; i < n; i++) out[i] = ext[i];
    for (let a = 0; a < m; a++) {
      const i = fast.species[a];
      if (isPivot[a]) {
        out[i] = ext[n + a];
        continue;
      }
      const g = fast.components[groupOf[a]];
      const l = law[a];
      let acc = 0;
      for (let ib = 0; ib < g.length; ib++) if (l[ib] !== 0) acc += l[ib] * ext[fast.species[g[ib]]];
      out[i] = acc;
    }
  };

  const extJ = fns.jacobian ? new Float64Array((n + m) * n) : null;
  const jacobian = (t: number, y: Float64Array, p: Float64Array, J: Float64Array): void => {
    if (!ready) analyse(t, y, p);
    fns.jacobian!(t, y, p, extJ!);
    J.set(extJ!.subarray(0, n * n));
    for (let a = 0; a < m; a++) {
      const i = fast.species[a];
      if (isPivot[a]) {
        J.set(extJ!.subarray((n + a) * n, (n + a + 1) * n), i * n);
        continue;
      }
      const g = fast.components[groupOf[a]];
      const l = law[a];
      J.fill(0, i * n, (i + 1) * n);
      for (let ib = 0; ib < g.length; ib++) {
        if (l[ib] === 0) continue;
        const src = fast.species[g[ib]] * n;
        for (let j = 0; j < n; j++) J[i * n + j] += l[ib] * extJ![src + j];
      }
    }
  };

  const mass: MassMatrix = {
    pattern: massPattern,
    values: (t, y, p, out, relax) => {
      analyse(t, y, p);
      relax?.fill(0);
      for (let i = 0; i < n; i++) {
        const a = posOf.get(i);
        for (let q = massPattern.rowStart[i]; q < massPattern.rowStart[i + 1]; q++) {
          if (a === undefined) out[q] = 1;
          else if (isPivot[a]) out[q] = 0;
          else {
            const g = fast.components[groupOf[a]];
            const ib = g.findIndex((b) => fast.species[b] === massPattern.colIndex[q]);
            out[q] = law[a][ib];
          }
        }
        if (a !== undefined && isPivot[a] && relax) relax[i] = 1;
      }
    },
  };

  const sparsity = fns.plan ? combinedSparsity(n, fns.plan, fast, groupOf) : undefined;
  return {
    size: n,
    stateIds: base.stateIds,
    timeDependent: base.timeDependent,
    rhs,
    ...(fns.jacobian ? { jacobian } : {}),
    ...(sparsity ? { sparsity } : {}),
    mass,
  };
}

/** Per row: its own gradient's columns and the diagonal; a fast species' row: all of its group's rows. */
function combinedSparsity(
  n: number,
  plan: GradientPlan,
  fast: FastSubsystem,
  groupOf: Int32Array,
): SparsityPattern {
  const posOf = new Map(fast.species.map((i, a) => [i, a]));
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const cols = new Set<number>([i, ...plan.rowGrads[i].keys()]);
    const a = posOf.get(i);
    if (a !== undefined)
      for (const b of fast.components[groupOf[a]]) {
        const k = fast.species[b];
        cols.add(k);
        for (const j of plan.rowGrads[k].keys()) cols.add(j);
        for (const j of plan.rowGrads[n + b].keys()) cols.add(j);
      }
    rows.push([...cols].sort((x, z) => x - z));
  }
  return csr(rows);
}

function csr(rows: readonly number[][]): SparsityPattern {
  const rowStart = new Int32Array(rows.length + 1);
  const cols: number[] = [];
  rows.forEach((r, i) => {
    cols.push(...r);
    rowStart[i + 1] = cols.length;
  });
  return { rowStart, colIndex: Int32Array.from(cols) };
}

/** The expressions `coefficients` and `rates` evaluate, in their order. */
export function fastExpressions(fast: FastSubsystem) {
  return {
    coefficients: fast.coefficients.flat(),
    rates: fast.reactions.map((k) => sym(`v:${k}`)),
  };
}
