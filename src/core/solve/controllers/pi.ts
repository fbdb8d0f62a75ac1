/**
 * PI step-size controller for one-step methods with an embedded error estimate
 * (Gustafsson, Lundh & Söderlind, "A PI stepsize control for the numerical solution of
 * ordinary differential equations", BIT 28, 1988; Hairer & Wanner II, IV.2 (2.43)):
 *   h_new = h · safety · err^(−β1) · err_prev^(β2),  β1 = 0.7/k, β2 = 0.4/k,
 * k = (order of the error estimate) + 1. After a rejection only the I part is used and the
 * next accepted step may not grow (it just failed with a larger h).
 */
export class PiController {
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly k: number;
  private errPrev = 1e-4;
  private justRejected = false;

  constructor(
    errorOrder: number,
    private readonly safety = 0.9,
    private readonly facMin = 0.2,
    private readonly facMax = 10,
  ) {
    this.k = errorOrder + 1;
    this.beta1 = 0.7 / this.k;
    this.beta2 = 0.4 / this.k;
  }

  /** Factor for the next step after an accepted one with scaled error err ≤ 1. */
  accept(err: number): number {
    const e = Math.max(err, 1e-10);
    let fac = this.safety * Math.pow(e, -this.beta1) * Math.pow(this.errPrev, this.beta2);
    fac = Math.min(this.facMax, Math.max(this.facMin, fac));
    if (this.justRejected) fac = Math.min(fac, 1);
    this.justRejected = false;
    this.errPrev = Math.max(err, 1e-4);
    return fac;
  }

  /** Factor for the retry after a rejected step with scaled error err > 1 (or NaN). */
  reject(err: number): number {
    this.justRejected = true;
    if (!Number.isFinite(err)) return this.facMin;
    return Math.min(0.9, Math.max(this.facMin, this.safety * Math.pow(err, -1 / this.k)));
  }

  reset(): void {
    this.errPrev = 1e-4;
    this.justRejected = false;
  }
}
