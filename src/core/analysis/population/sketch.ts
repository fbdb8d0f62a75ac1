/**
 * A streaming quantile sketch with relative accuracy α (DDSketch: Masson, Rim & Lee, VLDB 12,
 * 2019): values fall into logarithmic buckets γ^(i−1) < |x| ≤ γ^i with γ = (1+α)/(1−α), so
 * any quantile is returned within a relative error α, memory grows with the log of the range,
 * not with the count, and the result does not depend on the order of insertion (integer counts).
 */
export class QuantileSketch {
  private readonly gamma: number;
  private readonly logGamma: number;
  private readonly pos = new Map<number, number>();
  private readonly neg = new Map<number, number>();
  private zeros = 0;
  count = 0;
  /** Smallest magnitude kept apart from zero. */
  private static readonly MIN = 1e-300;

  constructor(readonly alpha = 0.005) {
    this.gamma = (1 + alpha) / (1 - alpha);
    this.logGamma = Math.log(this.gamma);
  }

  add(x: number): void {
    if (!Number.isFinite(x)) return;
    this.count++;
    const a = Math.abs(x);
    if (a < QuantileSketch.MIN) {
      this.zeros++;
      return;
    }
    const i = Math.ceil(Math.log(a) / this.logGamma);
    const store = x > 0 ? this.pos : this.neg;
    store.set(i, (store.get(i) ?? 0) + 1);
  }

  /** The q-quantile (q in [0, 1]), within relative error α; NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.floor(q * (this.count - 1));
    const value = (i: number) => (2 * this.gamma ** i) / (this.gamma + 1);
    let seen = 0;
    const negKeys = [...this.neg.keys()].sort((a, b) => b - a);
    for (const k of negKeys) {
      seen += this.neg.get(k)!;
      if (seen > rank) return -value(k);
    }
    seen += this.zeros;
    if (seen > rank) return 0;
    const posKeys = [...this.pos.keys()].sort((a, b) => a - b);
    for (const k of posKeys) {
      seen += this.pos.get(k)!;
      if (seen > rank) return value(k);
    }
    return value(posKeys[posKeys.length - 1]);
  }
}
