/**
 * Forward/back substitution with denseLuFactor's factors for several right-hand sides stored
 * one after another (b[c·n .. c·n + n − 1] for c < count). Each factor entry is read once for
 * all columns, and zero entries are skipped, so the cost per column falls well below one
 * denseLuSolve when many columns share a factorisation (forward sensitivities).
 */
export function denseLuSolveMany(
  n: number,
  lu: Float64Array,
  piv: Int32Array,
  b: Float64Array,
  count: number,
): void {
  for (let c = 0; c < count; c++) {
    const o = c * n;
    for (let k = 0; k < n; k++) {
      const p = piv[k];
      if (p !== k) {
        const t = b[o + k];
        b[o + k] = b[o + p];
        b[o + p] = t;
      }
    }
  }
  const end = count * n;
  for (let i = 1; i < n; i++) {
    const ii = i * n;
    for (let j = 0; j < i; j++) {
      const l = lu[ii + j];
      if (l === 0) continue;
      for (let o = 0; o < end; o += n) b[o + i] -= l * b[o + j];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const ii = i * n;
    for (let j = i + 1; j < n; j++) {
      const u = lu[ii + j];
      if (u === 0) continue;
      for (let o = 0; o < end; o += n) b[o + i] -= u * b[o + j];
    }
    const d = lu[ii + i];
    for (let o = 0; o < end; o += n) b[o + i] /= d;
  }
}
