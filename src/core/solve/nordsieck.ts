/**
 * Variable-step, variable-order BDF in Nordsieck form, fixed-leading-coefficient variant, as in
 * CVODE (Hindmarsh et al., "SUNDIALS: Suite of nonlinear and differential/algebraic equation
 * solvers", ACM TOMS 31, 2005; Jackson & Sacks-Davis, ACM TOMS 6, 1980; Byrne & Hindmarsh,
 * ACM TOMS 1, 1975). The history array zn[j] = h^j y^(j)/j!, j = 0..q. This file holds the
 * array algebra and the coefficients (l, test quantities tq) so that the stepper reads as the
 * algorithm; the per-element passes (predict, correction, dense output) are in
 * nordsieck-passes.ts. Index conventions follow CVODE's cvSetBDF/cvSetTqBDF/cvIncreaseBDF/
 * cvDecreaseBDF so that the two can be compared line by line.
 */

export const Q_MAX = 5;

export { applyCorrection, nordsieckValue, predict, unpredict } from "./nordsieck-passes.js";

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

/** zn[j] *= eta^j for j = 1..q (history rescaled to a step eta times as long). */
export function rescaleHistory(zn: Float64Array[], q: number, n: number, eta: number): void {
  let factor = eta;
  for (let j = 1; j <= q; j++) {
    const z = zn[j];
    for (let i = 0; i < n; i++) z[i] *= factor;
    factor *= eta;
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
