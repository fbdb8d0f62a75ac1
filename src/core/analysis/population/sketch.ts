/**
 * A streaming quantile sketch with relative accuracy α (DDSketch: Masson, Rim & Lee, VLDB 12,
 * 2019): values fall into logarithmic buckets γ^(i−1) < |x| ≤ γ^i with γ = (1+α)/(1−α), so
 * any quantile is returned within a relative error α, memory grows with the log of the range,
 * not with the count, and the result does not depend on the order of insertion (integer counts).
 *
 * Buckets are kept in open-addressing hash tables of typed arrays (bucket index → count, 16
 * bytes per bucket at the maximum load): a population summary holds one sketch per observable
 * and output time (thousands), each with up to thousands of buckets at α = 0.05%, where
 * JavaScript Maps cost several times the memory and ~10× the time per insertion (measured:
 * folding one IL-6 PHx member, 12 observables × 337 times, took 3.5 ms with Maps).
 */
export class QuantileSketch {
  private readonly gamma: number;
  private readonly logGamma: number;
  private readonly pos = new BucketCounts();
  private readonly neg = new BucketCounts();
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
    (x > 0 ? this.pos : this.neg).increment(i);
  }

  /** The q-quantile (q in [0, 1]), within relative error α; NaN when empty. */
  quantile(q: number): number {
    return this.quantiles([q])[0];
  }

  /** Several quantiles from one sort of the buckets (the same values as quantile() each). */
  quantiles(qs: readonly number[]): number[] {
    if (this.count === 0) return qs.map(() => NaN);
    const value = (i: number) => (2 * this.gamma ** i) / (this.gamma + 1);
    // buckets in value order: negative ones from the most negative, then zero, then positive
    const neg = this.neg.sorted();
    const pos = this.pos.sorted();
    const nNeg = neg.keys.length;
    const keys: number[] = [];
    const signs: number[] = [];
    const cum: number[] = [];
    let seen = 0;
    for (let m = nNeg - 1; m >= 0; m--) {
      seen += neg.counts[m];
      keys.push(neg.keys[m]);
      signs.push(-1);
      cum.push(seen);
    }
    if (this.zeros > 0) {
      seen += this.zeros;
      keys.push(0);
      signs.push(0);
      cum.push(seen);
    }
    for (let m = 0; m < pos.keys.length; m++) {
      seen += pos.counts[m];
      keys.push(pos.keys[m]);
      signs.push(1);
      cum.push(seen);
    }
    return qs.map((q) => {
      const rank = Math.floor(q * (this.count - 1));
      // first bucket whose cumulative count exceeds the rank
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] > rank) hi = mid;
        else lo = mid + 1;
      }
      return signs[lo] === 0 ? 0 : signs[lo] * value(keys[lo]);
    });
  }
}

/** Reserved key of an empty slot (bucket indices stay within ±10⁶ for doubles at α ≥ 10⁻⁶). */
const EMPTY = -0x80000000;
/** Slots per table at most (sorting packs key and slot into one double). */
const SLOT_BITS = 26;
const SLOT_SCALE = 2 ** SLOT_BITS;

/**
 * Counts by integer key: open addressing with linear probing, doubling at half load. Key and
 * count share one array (slot s at 2s, 2s + 1), so an insertion touches one cache line.
 */
class BucketCounts {
  private table = BucketCounts.empty(8);
  private size = 0;

  private static empty(slots: number): Int32Array {
    const t = new Int32Array(2 * slots);
    for (let s = 0; s < slots; s++) t[2 * s] = EMPTY;
    return t;
  }

  increment(key: number): void {
    const t = this.table;
    const mask = (t.length >> 1) - 1;
    for (let h = Math.imul(key, 0x9e3779b1) >>> 0; ; h++) {
      const at = 2 * (h & mask);
      const k = t[at];
      if (k === key) {
        t[at + 1]++;
        return;
      }
      if (k === EMPTY) {
        if (2 * (this.size + 1) > mask + 1) {
          this.grow();
          this.increment(key);
          return;
        }
        t[at] = key;
        t[at + 1] = 1;
        this.size++;
        return;
      }
    }
  }

  /** Keys in ascending order with their counts. */
  sorted(): { keys: Int32Array; counts: Int32Array } {
    const t = this.table;
    // key and slot packed into one double (exact below 2^53), so the typed array's numeric sort does it
    const packed = new Float64Array(this.size);
    let m = 0;
    for (let s = 0; 2 * s < t.length; s++) if (t[2 * s] !== EMPTY) packed[m++] = t[2 * s] * SLOT_SCALE + s;
    packed.sort();
    const keys = new Int32Array(m);
    const counts = new Int32Array(m);
    for (let j = 0; j < m; j++) {
      const key = Math.floor(packed[j] / SLOT_SCALE);
      keys[j] = key;
      counts[j] = t[2 * (packed[j] - key * SLOT_SCALE) + 1];
    }
    return { keys, counts };
  }

  private grow(): void {
    const old = this.table;
    const slots = old.length; // twice the old number of slots
    if (slots > SLOT_SCALE) throw new Error("il6sim internal error: quantile sketch has too many buckets");
    const t = BucketCounts.empty(slots);
    const mask = slots - 1;
    for (let s = 0; 2 * s < old.length; s++) {
      const key = old[2 * s];
      if (key === EMPTY) continue;
      let h = Math.imul(key, 0x9e3779b1) >>> 0;
      while (t[2 * (h & mask)] !== EMPTY) h++;
      t[2 * (h & mask)] = key;
      t[2 * (h & mask) + 1] = old[2 * s + 1];
    }
    this.table = t;
  }
}
