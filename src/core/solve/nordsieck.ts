/**
 * Variable-step, variable-order BDF in Nordsieck form, fixed-leading-coefficient variant, as in
 * CVODE (Hindmarsh et al., "SUNDIALS: Suite of nonlinear and differential/algebraic equation
 * solvers", ACM TOMS 31, 2005; Jackson & Sacks-Davis, ACM TOMS 6, 1980; Byrne & Hindmarsh,
 * ACM TOMS 1, 1975). The history array zn[j] = h^j y^(j)/j!, j = 0..q. This file holds the
 * array algebra and the coefficients (l, test quantities tq) so that the stepper reads as the
 * algorithm. Index conventions follow CVODE's cvSetBDF/cvSetTqBDF/cvIncreaseBDF/cvDecreaseBDF
 * so that the two can be compared line by line.
 */

export const Q_MAX = 5;

/** Coefficients of the current step: l[0..q] and tq[1..5] (tq[0] unused). */
export class BdfCoefficients {
  readonly l = new Float64Array(Q_MAX + 2);
  readonly tq = new Float64Array(6);
  /** tau[1..q+1]: the last step sizes, most recent first (tau[0] unused). */
  readonly tau = new Float64Array(Q_MAX + 3);
}

/** Convergence-test coefficient of the Newton iteration (CVODE's nlscoef). */
const NLS_COEF = 0.1;

/**
 * l and tq for order q and step h, given tau (cvSetBDF + cvSetTqBDF). tq[1] and tq[3]
 * (needed for order changes) are computed only when `qwait === 1`.
 */
export function setBdfCoefficients(c: BdfCoefficients, q: number, h: number, qwait: number): void {
  const { l, tq, tau } = c;
  l[0] = l[1] = 1;
  for (let i = 2; i <= q; i++) l[i] = 0;
  let xiInv = 1;
  let xistarInv = 1;
  let alpha0 = -1;
  let alpha0Hat = -1;
  let hsum = h;
  if (q > 1) {
    for (let j = 2; j < q; j++) {
      hsum += tau[j - 1];
      xiInv = h / hsum;
      alpha0 -= 1 / j;
      for (let i = j; i >= 1; i--) l[i] += l[i - 1] * xiInv;
    }
    alpha0 -= 1 / q;
    xistarInv = -l[1] - alpha0;
    hsum += tau[q - 1];
    xiInv = h / hsum;
    alpha0Hat = -l[1] - xiInv;
    for (let i = q; i >= 1; i--) l[i] += l[i - 1] * xistarInv;
  }
  const A1 = 1 - alpha0Hat + alpha0;
  const A2 = 1 + q * A1;
  tq[2] = Math.abs(A1 / (alpha0 * A2));
  tq[5] = Math.abs((A2 * xistarInv) / (l[q] * xiInv));
  if (qwait === 1) {
    if (q > 1) {
      const C = xistarInv / l[q];
      const A3 = alpha0 + 1 / q;
      const A4 = alpha0Hat + xiInv;
      const CpInv = (1 - A4 + A3) / A3;
      tq[1] = Math.abs(C * CpInv);
    } else {
      tq[1] = 1;
    }
    hsum += tau[q];
    xiInv = h / hsum;
    const A5 = alpha0 - 1 / (q + 1);
    const A6 = alpha0Hat - xiInv;
    const CppInv = (1 - A6 + A5) / A2;
    tq[3] = Math.abs(CppInv / (xiInv * (q + 2) * A5));
  }
  tq[4] = NLS_COEF / tq[2];
}

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

/** zn[j] *= eta^j for j = 1..q (history rescaled to a step eta times as long). */
export function rescaleHistory(zn: Float64Array[], q: number, n: number, eta: number): void {
  let factor = eta;
  for (let j = 1; j <= q; j++) {
    const z = zn[j];
    for (let i = 0; i < n; i++) z[i] *= factor;
    factor *= eta;
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

/**
 * Raise the order q → q+1 (cvIncreaseBDF): the new column zn[q+1] comes from the last
 * correction, saved in zn[savedIndex], and the lower columns are adjusted.
 */
export function increaseOrder(
  zn: Float64Array[],
  c: BdfCoefficients,
  q: number,
  n: number,
  hscale: number,
  savedIndex: number,
): void {
  const { l, tau } = c;
  l.fill(0);
  l[2] = 1;
  let alpha1 = 1;
  let prod = 1;
  let xiold = 1;
  let alpha0 = -1;
  let hsum = hscale;
  if (q > 1) {
    for (let j = 1; j < q; j++) {
      hsum += tau[j + 1];
      const xi = hsum / hscale;
      prod *= xi;
      alpha0 -= 1 / (j + 1);
      alpha1 += 1 / xi;
      for (let i = j + 2; i >= 2; i--) l[i] = l[i] * xiold + l[i - 1];
      xiold = xi;
    }
  }
  const A1 = (-alpha0 - alpha1) / prod;
  const top = zn[q + 1];
  const saved = zn[savedIndex];
  for (let i = 0; i < n; i++) top[i] = A1 * saved[i];
  for (let j = 2; j <= q; j++) {
    const z = zn[j];
    const lj = l[j];
    for (let i = 0; i < n; i++) z[i] += lj * top[i];
  }
}

/** Lower the order q → q−1 (cvDecreaseBDF); nothing to do from 2 to 1. */
export function decreaseOrder(
  zn: Float64Array[],
  c: BdfCoefficients,
  q: number,
  n: number,
  hscale: number,
): void {
  if (q <= 2) return;
  const { l, tau } = c;
  l.fill(0);
  l[2] = 1;
  let hsum = 0;
  for (let j = 1; j <= q - 2; j++) {
    hsum += tau[j];
    const xi = hsum / hscale;
    for (let i = j + 2; i >= 2; i--) l[i] = l[i] * xi + l[i - 1];
  }
  const top = zn[q];
  for (let j = 2; j < q; j++) {
    const z = zn[j];
    const lj = l[j];
    for (let i = 0; i < n; i++) z[i] -= lj * top[i];
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
