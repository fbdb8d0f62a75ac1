/**
 * The per-element passes over the Nordsieck history of the BDF method (nordsieck.ts): predictor
 * and its undo, the correction, dense output. Unrolled per order so that the columns stay in
 * registers (one load and store per column and element): the same operations in the same order
 * as the plain loops of the default branches, so the same bits, at a fraction of the memory
 * traffic (these passes were a fifth of a BDF run of the IL-6 liver model).
 */
/**
 * Predictor: zn ← zn·Pascal (Taylor shift by one step), in place. The passes zn[j−1] += zn[j]
 * (k = 1..q, j = q..k) are done per element with the column values in registers: the same
 * additions in the same order (so the same bits) as pass by pass over whole arrays, with one
 * load and store per column and element instead of q(q+1)/2 (measured on the IL-6 liver model,
 * 199 states: predict was 10% of a BDF run).
 */
export function predict(zn: Float64Array[], q: number, n: number): void {
  switch (q) {
    case 1: {
      const z0 = zn[0],
        z1 = zn[1];
      for (let i = 0; i < n; i++) {
        let a0 = z0[i];
        const a1 = z1[i];
        a0 += a1;
        z0[i] = a0;
      }
      return;
    }
    case 2: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2];
      for (let i = 0; i < n; i++) {
        let a0 = z0[i];
        let a1 = z1[i];
        const a2 = z2[i];
        a1 += a2;
        a0 += a1;
        a1 += a2;
        z0[i] = a0;
        z1[i] = a1;
      }
      return;
    }
    case 3: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3];
      for (let i = 0; i < n; i++) {
        let a0 = z0[i];
        let a1 = z1[i];
        let a2 = z2[i];
        const a3 = z3[i];
        a2 += a3;
        a1 += a2;
        a0 += a1;
        a2 += a3;
        a1 += a2;
        a2 += a3;
        z0[i] = a0;
        z1[i] = a1;
        z2[i] = a2;
      }
      return;
    }
    case 4: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3],
        z4 = zn[4];
      for (let i = 0; i < n; i++) {
        let a0 = z0[i];
        let a1 = z1[i];
        let a2 = z2[i];
        let a3 = z3[i];
        const a4 = z4[i];
        a3 += a4;
        a2 += a3;
        a1 += a2;
        a0 += a1;
        a3 += a4;
        a2 += a3;
        a1 += a2;
        a3 += a4;
        a2 += a3;
        a3 += a4;
        z0[i] = a0;
        z1[i] = a1;
        z2[i] = a2;
        z3[i] = a3;
      }
      return;
    }
    case 5: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3],
        z4 = zn[4],
        z5 = zn[5];
      for (let i = 0; i < n; i++) {
        let a0 = z0[i];
        let a1 = z1[i];
        let a2 = z2[i];
        let a3 = z3[i];
        let a4 = z4[i];
        const a5 = z5[i];
        a4 += a5;
        a3 += a4;
        a2 += a3;
        a1 += a2;
        a0 += a1;
        a4 += a5;
        a3 += a4;
        a2 += a3;
        a1 += a2;
        a4 += a5;
        a3 += a4;
        a2 += a3;
        a4 += a5;
        a3 += a4;
        a4 += a5;
        z0[i] = a0;
        z1[i] = a1;
        z2[i] = a2;
        z3[i] = a3;
        z4[i] = a4;
      }
      return;
    }
    default:
      for (let k = 1; k <= q; k++) {
        for (let j = q; j >= k; j--) {
          const a = zn[j - 1];
          const b = zn[j];
          for (let i = 0; i < n; i++) a[i] += b[i];
        }
      }
  }
}

/** Undo predict (after a failed step): the same passes with subtraction, in the same order. */
export function unpredict(zn: Float64Array[], q: number, n: number): void {
  switch (q) {
    case 1: {
      const z0 = zn[0],
        z1 = zn[1];
      for (let i = 0; i < n; i++) {
        let a0 = z0[i];
        const a1 = z1[i];
        a0 -= a1;
        z0[i] = a0;
      }
      return;
    }
    case 2: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2];
      for (let i = 0; i < n; i++) {
        let a0 = z0[i];
        let a1 = z1[i];
        const a2 = z2[i];
        a1 -= a2;
        a0 -= a1;
        a1 -= a2;
        z0[i] = a0;
        z1[i] = a1;
      }
      return;
    }
    case 3: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3];
      for (let i = 0; i < n; i++) {
        let a0 = z0[i];
        let a1 = z1[i];
        let a2 = z2[i];
        const a3 = z3[i];
        a2 -= a3;
        a1 -= a2;
        a0 -= a1;
        a2 -= a3;
        a1 -= a2;
        a2 -= a3;
        z0[i] = a0;
        z1[i] = a1;
        z2[i] = a2;
      }
      return;
    }
    case 4: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3],
        z4 = zn[4];
      for (let i = 0; i < n; i++) {
        let a0 = z0[i];
        let a1 = z1[i];
        let a2 = z2[i];
        let a3 = z3[i];
        const a4 = z4[i];
        a3 -= a4;
        a2 -= a3;
        a1 -= a2;
        a0 -= a1;
        a3 -= a4;
        a2 -= a3;
        a1 -= a2;
        a3 -= a4;
        a2 -= a3;
        a3 -= a4;
        z0[i] = a0;
        z1[i] = a1;
        z2[i] = a2;
        z3[i] = a3;
      }
      return;
    }
    case 5: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3],
        z4 = zn[4],
        z5 = zn[5];
      for (let i = 0; i < n; i++) {
        let a0 = z0[i];
        let a1 = z1[i];
        let a2 = z2[i];
        let a3 = z3[i];
        let a4 = z4[i];
        const a5 = z5[i];
        a4 -= a5;
        a3 -= a4;
        a2 -= a3;
        a1 -= a2;
        a0 -= a1;
        a4 -= a5;
        a3 -= a4;
        a2 -= a3;
        a1 -= a2;
        a4 -= a5;
        a3 -= a4;
        a2 -= a3;
        a4 -= a5;
        a3 -= a4;
        a4 -= a5;
        z0[i] = a0;
        z1[i] = a1;
        z2[i] = a2;
        z3[i] = a3;
        z4[i] = a4;
      }
      return;
    }
    default:
      for (let k = 1; k <= q; k++) {
        for (let j = q; j >= k; j--) {
          const a = zn[j - 1];
          const b = zn[j];
          for (let i = 0; i < n; i++) a[i] -= b[i];
        }
      }
  }
}

/** zn[j] += l[j]·acor for j = 0..q (the correction applied to the history), one pass per element. */
export function applyCorrection(
  zn: Float64Array[],
  l: Float64Array,
  q: number,
  n: number,
  acor: Float64Array,
): void {
  switch (q) {
    case 1: {
      const z0 = zn[0],
        z1 = zn[1];
      const l0 = l[0],
        l1 = l[1];
      for (let i = 0; i < n; i++) {
        const a = acor[i];
        z0[i] += l0 * a;
        z1[i] += l1 * a;
      }
      return;
    }
    case 2: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2];
      const l0 = l[0],
        l1 = l[1],
        l2 = l[2];
      for (let i = 0; i < n; i++) {
        const a = acor[i];
        z0[i] += l0 * a;
        z1[i] += l1 * a;
        z2[i] += l2 * a;
      }
      return;
    }
    case 3: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3];
      const l0 = l[0],
        l1 = l[1],
        l2 = l[2],
        l3 = l[3];
      for (let i = 0; i < n; i++) {
        const a = acor[i];
        z0[i] += l0 * a;
        z1[i] += l1 * a;
        z2[i] += l2 * a;
        z3[i] += l3 * a;
      }
      return;
    }
    case 4: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3],
        z4 = zn[4];
      const l0 = l[0],
        l1 = l[1],
        l2 = l[2],
        l3 = l[3],
        l4 = l[4];
      for (let i = 0; i < n; i++) {
        const a = acor[i];
        z0[i] += l0 * a;
        z1[i] += l1 * a;
        z2[i] += l2 * a;
        z3[i] += l3 * a;
        z4[i] += l4 * a;
      }
      return;
    }
    case 5: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3],
        z4 = zn[4],
        z5 = zn[5];
      const l0 = l[0],
        l1 = l[1],
        l2 = l[2],
        l3 = l[3],
        l4 = l[4],
        l5 = l[5];
      for (let i = 0; i < n; i++) {
        const a = acor[i];
        z0[i] += l0 * a;
        z1[i] += l1 * a;
        z2[i] += l2 * a;
        z3[i] += l3 * a;
        z4[i] += l4 * a;
        z5[i] += l5 * a;
      }
      return;
    }
    default:
      for (let j = 0; j <= q; j++) {
        const z = zn[j];
        const lj = l[j];
        for (let i = 0; i < n; i++) z[i] += lj * acor[i];
      }
  }
}

/** Dense output: y(tn + s·h) = Σ_j s^j zn[j] (Horner), valid on the last step; one pass per element. */
export function nordsieckValue(zn: Float64Array[], q: number, n: number, s: number, out: Float64Array): void {
  switch (q) {
    case 1: {
      const z0 = zn[0],
        z1 = zn[1];
      for (let i = 0; i < n; i++) {
        let v = z1[i];
        v = z0[i] + s * v;
        out[i] = v;
      }
      return;
    }
    case 2: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2];
      for (let i = 0; i < n; i++) {
        let v = z2[i];
        v = z1[i] + s * v;
        v = z0[i] + s * v;
        out[i] = v;
      }
      return;
    }
    case 3: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3];
      for (let i = 0; i < n; i++) {
        let v = z3[i];
        v = z2[i] + s * v;
        v = z1[i] + s * v;
        v = z0[i] + s * v;
        out[i] = v;
      }
      return;
    }
    case 4: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3],
        z4 = zn[4];
      for (let i = 0; i < n; i++) {
        let v = z4[i];
        v = z3[i] + s * v;
        v = z2[i] + s * v;
        v = z1[i] + s * v;
        v = z0[i] + s * v;
        out[i] = v;
      }
      return;
    }
    case 5: {
      const z0 = zn[0],
        z1 = zn[1],
        z2 = zn[2],
        z3 = zn[3],
        z4 = zn[4],
        z5 = zn[5];
      for (let i = 0; i < n; i++) {
        let v = z5[i];
        v = z4[i] + s * v;
        v = z3[i] + s * v;
        v = z2[i] + s * v;
        v = z1[i] + s * v;
        v = z0[i] + s * v;
        out[i] = v;
      }
      return;
    }
    default: {
      const top = zn[q];
      for (let i = 0; i < n; i++) out[i] = top[i];
      for (let j = q - 1; j >= 0; j--) {
        const z = zn[j];
        for (let i = 0; i < n; i++) out[i] = z[i] + s * out[i];
      }
    }
  }
}
