/**
 * Method coefficients as data, checked when built. An explicit Runge–Kutta tableau is checked
 * against every Butcher order condition up to its stated order (rooted trees, Butcher 1963);
 * a Rosenbrock tableau (given in the W-transformed form of Hairer & Wanner, Solving ODEs II,
 * IV.7 (7.25), as OrdinaryDiffEq.jl stores it) is transformed back to (α, γ, b) and checked
 * against the Rosenbrock order conditions (Hairer & Wanner II, IV.7, Table 7.1, generalised:
 * edges leaving a vertex with one child carry β = α + Γ including the diagonal γ, others α).
 */

export interface ExplicitRkTableau {
  readonly name: string;
  readonly order: number;
  readonly embeddedOrder: number;
  readonly c: readonly number[];
  /** Strictly lower triangular rows: a[i] has i entries. */
  readonly a: readonly (readonly number[])[];
  readonly b: readonly number[];
  /** Embedded weights b̂ (error estimate b − b̂). */
  readonly bhat: readonly number[];
  /** First stage of the next step is the last stage of this one (b equals the last row of a). */
  readonly fsal: boolean;
  /** Dense output b_i(θ) = Σ_k dense[i][k] θ^(k+1), so that y(θ) = y0 + h Σ b_i(θ) k_i. */
  readonly dense?: readonly (readonly number[])[];
}

export interface RosenbrockTableau {
  readonly name: string;
  readonly order: number;
  readonly embeddedOrder: number;
  readonly gamma: number;
  /** Transformed a_ij (stage input y0 + Σ_j a_ij U_j), strictly lower rows. */
  readonly a: readonly (readonly number[])[];
  /** Transformed C_ij (right-hand side + Σ_j C_ij/h U_j), strictly lower rows. */
  readonly C: readonly (readonly number[])[];
  /** Stage times c_i and ∂f/∂t weights d_i (= Σ_j γ_ij). */
  readonly c: readonly number[];
  readonly d: readonly number[];
  /** y1 = y0 + Σ m_j U_j; embedded ŷ1 = y0 + Σ mhat_j U_j. */
  readonly m: readonly number[];
  readonly mhat: readonly number[];
  /** Dense output rows: K_r = Σ_j H[r][j] U_j, y(θ) = (1−θ)y0 + θ(y1 + (1−θ)(K_0 + θ(K_1 + θK_2))). */
  readonly H: readonly (readonly number[])[];
}

/** A method's coefficients, tagged by family (what SolverMethod.tableau holds). */
export type MethodTableau =
  | { readonly kind: "explicitRk"; readonly data: ExplicitRkTableau }
  | { readonly kind: "rosenbrock"; readonly data: RosenbrockTableau };

/** Every failed condition of a method's tableau, whatever its family. */
export function checkTableau(t: MethodTableau): string[] {
  return t.kind === "explicitRk" ? checkExplicitRk(t.data) : checkRosenbrock(t.data);
}

type Tree = Tree[];

/** All rooted trees with 1..maxOrder vertices, each as the list of its root's subtrees. */
export function rootedTrees(maxOrder: number): { tree: Tree; order: number }[] {
  const all: { tree: Tree; order: number }[] = [{ tree: [], order: 1 }];
  for (let p = 2; p <= maxOrder; p++) {
    const known = all.slice();
    // Multisets of known trees (non-decreasing index) with orders summing to p - 1.
    const extend = (from: number, remaining: number, children: Tree[]): void => {
      if (remaining === 0) {
        all.push({ tree: children.slice(), order: p });
        return;
      }
      for (let k = from; k < known.length; k++) {
        if (known[k].order > remaining) continue;
        children.push(known[k].tree);
        extend(k, remaining - known[k].order, children);
        children.pop();
      }
    };
    extend(0, p - 1, []);
  }
  return all;
}

function treeOrder(t: Tree): number {
  return 1 + t.reduce((s, u) => s + treeOrder(u), 0);
}
function treeDensity(t: Tree): number {
  return treeOrder(t) * t.reduce((s, u) => s * treeDensity(u), 1);
}

/** Ψ(t)_i = Π_children (M Ψ(child))_i with M chosen per vertex by `edge(childCount)`. */
function elementaryVector(t: Tree, s: number, edge: (children: number) => number[][]): number[] {
  const out = new Array<number>(s).fill(1);
  const M = edge(t.length);
  for (const u of t) {
    const psi = elementaryVector(u, s, edge);
    for (let i = 0; i < s; i++) {
      let acc = 0;
      for (let j = 0; j < s; j++) acc += M[i][j] * psi[j];
      out[i] *= acc;
    }
  }
  return out;
}

function square(rows: readonly (readonly number[])[], s: number, diag = 0): number[][] {
  const M: number[][] = [];
  for (let i = 0; i < s; i++) {
    const r = new Array<number>(s).fill(0);
    for (let j = 0; j < i && j < (rows[i]?.length ?? 0); j++) r[j] = rows[i][j];
    r[i] = diag;
    M.push(r);
  }
  return M;
}

const sum = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0);

/** Residuals of the order conditions b·Ψ(t) = 1/γ(t), trees up to `order`. */
function orderConditionFailures(
  label: string,
  b: readonly number[],
  order: number,
  edge: (k: number) => number[][],
  tol: number,
): string[] {
  const out: string[] = [];
  for (const { tree, order: p } of rootedTrees(order)) {
    const psi = elementaryVector(tree, b.length, edge);
    const lhs = b.reduce((acc, bi, i) => acc + bi * psi[i], 0);
    const rhs = 1 / treeDensity(tree);
    if (!(Math.abs(lhs - rhs) <= tol))
      out.push(`${label}: order-${p} condition off by ${(lhs - rhs).toExponential(2)}`);
  }
  return out;
}

/** Every failed consistency or order condition of an explicit RK tableau (empty when sound). */
export function checkExplicitRk(t: ExplicitRkTableau, tol = 1e-12): string[] {
  const s = t.b.length;
  const out: string[] = [];
  if (t.c.length !== s || t.bhat.length !== s || t.a.length !== s)
    out.push("stage counts of c, a, b, bhat differ");
  for (let i = 0; i < s; i++) {
    if (t.a[i].length !== i) out.push(`row ${i} of a should have ${i} entries`);
    if (Math.abs(sum(t.a[i]) - t.c[i]) > tol) out.push(`row sum of a[${i}] is not c[${i}]`);
  }
  if (Math.abs(sum(t.b) - 1) > tol) out.push("Σb ≠ 1");
  if (Math.abs(sum(t.b) - sum(t.bhat)) > tol) out.push("Σ(b − b̂) ≠ 0");
  if (t.fsal && (t.c[s - 1] !== 1 || t.b.some((bi, j) => j < s - 1 && Math.abs(bi - t.a[s - 1][j]) > tol))) {
    out.push("FSAL needs c_s = 1 and b equal to the last row of a");
  }
  const A = square(t.a, s);
  const edge = (): number[][] => A;
  out.push(...orderConditionFailures("b", t.b, t.order, edge, 1e3 * tol));
  out.push(...orderConditionFailures("b̂", t.bhat, t.embeddedOrder, edge, 1e3 * tol));
  if (t.dense) {
    for (let i = 0; i < s; i++) {
      if (Math.abs(sum(t.dense[i]) - t.b[i]) > 1e3 * tol)
        out.push(`dense output weight ${i} at θ = 1 is not b[${i}]`);
    }
  }
  return out;
}

/** (α, Γ, b, b̂) of a Rosenbrock method from its W-transformed coefficients. */
export function rosenbrockOriginalForm(t: RosenbrockTableau): {
  alpha: number[][];
  Gamma: number[][];
  b: number[];
  bhat: number[];
} {
  const s = t.m.length;
  // Γ⁻¹ = diag(1/γ) − C, lower triangular; invert by forward substitution column by column.
  const Ginv = square(t.C, s, 1 / t.gamma).map((row, i) => row.map((x, j) => (j === i ? x : -x)));
  const Gamma: number[][] = square([], s, 0);
  for (let col = 0; col < s; col++) {
    for (let i = 0; i < s; i++) {
      let r = i === col ? 1 : 0;
      for (let j = 0; j < i; j++) r -= Ginv[i][j] * Gamma[j][col];
      Gamma[i][col] = r / Ginv[i][i];
    }
  }
  const aT = square(t.a, s);
  const mul = (M: number[][], N: number[][]): number[][] =>
    M.map((r) => N[0].map((_, j) => r.reduce((acc, x, k) => acc + x * N[k][j], 0)));
  const alpha = mul(aT, Gamma);
  const vecMul = (v: readonly number[]): number[] =>
    Gamma[0].map((_, j) => v.reduce((acc, x, k) => acc + x * Gamma[k][j], 0));
  return { alpha, Gamma, b: vecMul(t.m), bhat: vecMul(t.mhat) };
}

/** Every failed consistency or order condition of a Rosenbrock tableau (empty when sound). */
export function checkRosenbrock(t: RosenbrockTableau, tol = 1e-10): string[] {
  const s = t.m.length;
  const out: string[] = [];
  if (t.c.length !== s || t.d.length !== s || t.mhat.length !== s || t.a.length !== s || t.C.length !== s) {
    out.push("stage counts of a, C, c, d, m, mhat differ");
    return out;
  }
  const { alpha, Gamma, b, bhat } = rosenbrockOriginalForm(t);
  for (let i = 0; i < s; i++) {
    if (Math.abs(sum(alpha[i]) - t.c[i]) > tol) out.push(`row sum of α[${i}] is not c[${i}]`);
    if (Math.abs(sum(Gamma[i]) - t.d[i]) > tol) out.push(`row sum of Γ[${i}] is not d[${i}]`);
  }
  if (Math.abs(sum(b) - 1) > tol) out.push("Σb ≠ 1");
  if (Math.abs(sum(b) - sum(bhat)) > tol) out.push("Σ(b − b̂) ≠ 0");
  const beta = alpha.map((r, i) => r.map((x, j) => x + Gamma[i][j]));
  const edge = (children: number): number[][] => (children === 1 ? beta : alpha);
  out.push(...orderConditionFailures("b", b, t.order, edge, 1e2 * tol));
  out.push(...orderConditionFailures("b̂", bhat, t.embeddedOrder, edge, 1e2 * tol));
  for (let r = 0; r < t.H.length; r++)
    if (t.H[r].length !== s) out.push(`dense row ${r} has ${t.H[r].length} entries`);
  return out;
}

/** Throws (an internal error: the coefficients are part of the code) when a tableau is unsound. */
export function assertSound(name: string, failures: string[]): void {
  if (failures.length > 0)
    throw new Error(`internal error: tableau ${name} is inconsistent:\n  ${failures.join("\n  ")}`);
}
