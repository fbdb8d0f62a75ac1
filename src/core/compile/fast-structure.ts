/**
 * The numeric structure of one fast equilibrium: given the stoichiometry N (species × fast
 * reactions) of a connected group of species, which species' rows carry the equilibrium
 * conditions (the pivots of Nᵀ: one per independent fast reaction) and which carry a conserved
 * moiety l (lᵀN = 0, with l = 1 on its own species). Gauss–Jordan elimination of Nᵀ with
 * partial pivoting, as for the network's conservation laws (conservation.ts).
 */

export interface EquilibriumStructure {
  /** Per species: true when its row is an equilibrium condition (algebraic). */
  readonly pivot: readonly boolean[];
  /** Per species that is not a pivot: its conserved moiety over the group's species. */
  readonly laws: readonly (Float64Array | null)[];
}

/**
 * @param N row-major, `m` species × `r` reactions.
 */
export function equilibriumStructure(N: Float64Array, m: number, r: number): EquilibriumStructure {
  // A = Nᵀ: r × m
  const A = new Float64Array(r * m);
  let scale = 0;
  for (let a = 0; a < m; a++)
    for (let b = 0; b < r; b++) {
      A[b * m + a] = N[a * r + b];
      scale = Math.max(scale, Math.abs(N[a * r + b]));
    }
  const tol = 1e-10 * (scale || 1);
  const pivotCol: number[] = [];
  let row = 0;
  for (let col = 0; col < m && row < r; col++) {
    let best = row;
    for (let i = row + 1; i < r; i++) if (Math.abs(A[i * m + col]) > Math.abs(A[best * m + col])) best = i;
    if (Math.abs(A[best * m + col]) <= tol) continue;
    if (best !== row)
      for (let j = 0; j < m; j++) {
        const t = A[row * m + j];
        A[row * m + j] = A[best * m + j];
        A[best * m + j] = t;
      }
    const d = A[row * m + col];
    for (let j = 0; j < m; j++) A[row * m + j] /= d;
    for (let i = 0; i < r; i++) {
      if (i === row) continue;
      const f = A[i * m + col];
      if (f === 0) continue;
      for (let j = 0; j < m; j++) A[i * m + j] -= f * A[row * m + j];
    }
    pivotCol.push(col);
    row++;
  }
  const pivot = Array.from({ length: m }, () => false);
  for (const c of pivotCol) pivot[c] = true;
  const laws = pivot.map((isPivot, free) => {
    if (isPivot) return null;
    const l = new Float64Array(m);
    l[free] = 1;
    pivotCol.forEach((col, k) => {
      const x = -A[k * m + free];
      if (Math.abs(x) > tol) l[col] = x;
    });
    return l;
  });
  return { pivot, laws };
}
