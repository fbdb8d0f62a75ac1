/**
 * Dense LU factorisation with partial (row) pivoting, in place on a row-major n×n
 * Float64Array, and the matching forward/back substitution. No allocation per call: the
 * caller owns the matrix and the pivot vector. Plain loops over one flat array are what V8
 * turns into the tightest code for the small systems (n ≤ ~20) the dense path serves.
 */

/**
 * Factor A = P·L·U in place (L unit lower, U upper, both stored in `a`).
 * `piv[k]` is the row swapped with row k at step k. Returns the index of the first zero
 * pivot (structurally or numerically singular), or -1 on success.
 */
export function denseLuFactor(n: number, a: Float64Array, piv: Int32Array): number {
  for (let k = 0; k < n; k++) {
    const kk = k * n;
    // Partial pivoting: the largest |a_ik| for i ≥ k.
    let p = k;
    let pmax = Math.abs(a[kk + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > pmax) {
        pmax = v;
        p = i;
      }
    }
    piv[k] = p;
    if (pmax === 0 || !Number.isFinite(pmax)) return k;
    if (p !== k) {
      const pp = p * n;
      for (let j = 0; j < n; j++) {
        const t = a[kk + j];
        a[kk + j] = a[pp + j];
        a[pp + j] = t;
      }
    }
    const inv = 1 / a[kk + k];
    for (let i = k + 1; i < n; i++) {
      const ii = i * n;
      const lik = a[ii + k] * inv;
      a[ii + k] = lik;
      if (lik !== 0) {
        for (let j = k + 1; j < n; j++) a[ii + j] -= lik * a[kk + j];
      }
    }
  }
  return -1;
}

/** Solve A x = b in place (b becomes x) with the factors from denseLuFactor. */
export function denseLuSolve(n: number, lu: Float64Array, piv: Int32Array, b: Float64Array): void {
  // Apply the row swaps in the order they were made, then L y = P b.
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p !== k) {
      const t = b[k];
      b[k] = b[p];
      b[p] = t;
    }
  }
  for (let i = 1; i < n; i++) {
    const ii = i * n;
    let s = b[i];
    for (let j = 0; j < i; j++) s -= lu[ii + j] * b[j];
    b[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const ii = i * n;
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= lu[ii + j] * b[j];
    b[i] = s / lu[ii + i];
  }
}
