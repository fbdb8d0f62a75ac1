import { describe, expect, it } from "vitest";
import {
  type ChunkExecutor,
  type MemberSimulator,
  type PopulationSpec,
  PopulationAggregator,
  priorSampler,
  QuantileSketch,
  runChunk,
  runPopulation,
  validatePriors,
  wilson,
} from "../../../src/core/analysis/population/index.js";
import { parseMetric } from "../../../src/core/analysis/index.js";
import { normalQuantile, percentileSorted } from "../../../src/core/estimate/index.js";

const metric = (s: string) => {
  const r = parseMetric(s);
  if (!r.ok) throw new Error("bad metric");
  return r.metric;
};

const TIMES = [0, 1, 2, 4, 8];
/** y(t) = exp(−k t) with k lognormal(median 0.3, CV 40%). */
const spec = (n: number): PopulationSpec => ({
  n,
  seed: 12,
  priors: { parameters: [{ id: "k", median: 0.3, cv: 0.4 }] },
  observables: ["y"],
  times: TIMES,
  outcomes: [{ id: "cleared", description: "y(8) below 0.1", metric: metric("y:final"), below: 0.1 }],
});
const decay: MemberSimulator = (v) => ({ ok: true, series: [TIMES.map((t) => Math.exp(-v.get("k")! * t))] });
const inThread =
  (s: PopulationSpec, delay?: (start: number) => number): ChunkExecutor =>
  async (task) => {
    if (delay) await new Promise((r) => setTimeout(r, delay(task.start)));
    return runChunk({ seed: s.seed, priors: s.priors, nObservables: 1, nTimes: TIMES.length }, task, decay);
  };

describe("priors", () => {
  it("sample lognormals with the stated median and CV, and the stated log-correlation", () => {
    const s = priorSampler({
      parameters: [
        { id: "a", median: 2, cv: 0.5 },
        { id: "b", median: 10, gsd: 1.5 },
      ],
      correlations: [{ a: "a", b: "b", rho: 0.6 }],
    });
    const n = 40_000;
    const la: number[] = [];
    const lb: number[] = [];
    const a: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = s.sample(3, i);
      a.push(x[0]);
      la.push(Math.log(x[0]));
      lb.push(Math.log(x[1]));
    }
    const mean = (v: number[]) => v.reduce((p, q) => p + q, 0) / v.length;
    const sd = (v: number[]) => {
      const m = mean(v);
      return Math.sqrt(mean(v.map((x) => (x - m) ** 2)));
    };
    expect(Math.exp(mean(la))).toBeCloseTo(2, 1);
    expect(sd(a) / mean(a)).toBeCloseTo(0.5, 1);
    expect(sd(lb)).toBeCloseTo(Math.log(1.5), 2);
    const [ma, mb] = [mean(la), mean(lb)];
    const cov = mean(la.map((x, i) => (x - ma) * (lb[i] - mb)));
    expect(cov / (sd(la) * sd(lb))).toBeCloseTo(0.6, 1);
  });

  it("give member i the same values whatever else is sampled", () => {
    const s = priorSampler({ parameters: [{ id: "a", median: 1, cv: 0.3 }] });
    expect(s.sample(5, 77)).toEqual(s.sample(5, 77));
    expect(s.sample(5, 77)).not.toEqual(s.sample(5, 78));
    expect(s.sample(6, 77)).not.toEqual(s.sample(5, 77));
  });

  it("report impossible priors all at once", () => {
    const issues = validatePriors({
      parameters: [
        { id: "a", median: -1, cv: 0.3 },
        { id: "b", median: 1 },
      ],
      correlations: [{ a: "a", b: "c", rho: 1.2 }],
    });
    expect(issues.map((i) => i.message)).toEqual([
      '"a": a lognormal median must be positive, not -1.',
      '"b" has neither cv nor gsd.',
      'Correlation names "c", which has no prior.',
      "Correlation 1.2 is not in (−1, 1).",
    ]);
  });

  it("flag correlations that are not a valid correlation matrix", () => {
    const issues = validatePriors({
      parameters: ["a", "b", "c"].map((id) => ({ id, median: 1, cv: 0.2 })),
      correlations: [
        { a: "a", b: "b", rho: 0.9 },
        { a: "b", b: "c", rho: 0.9 },
        { a: "a", b: "c", rho: -0.9 },
      ],
    });
    expect(issues[0].code).toBe("not-positive-definite");
  });
});

describe("quantile sketch", () => {
  it("returns every percentile within its relative accuracy, independent of insertion order", () => {
    const xs = Array.from({ length: 5000 }, (_, i) => Math.exp(Math.sin(i * 12.9898) * 5));
    const a = new QuantileSketch(0.005);
    const b = new QuantileSketch(0.005);
    xs.forEach((x) => a.add(x));
    [...xs].reverse().forEach((x) => b.add(x));
    const sorted = [...xs].sort((p, q) => p - q);
    for (const q of [0.05, 0.25, 0.5, 0.75, 0.95]) {
      const exact = sorted[Math.floor(q * (xs.length - 1))];
      expect(Math.abs(a.quantile(q) / exact - 1)).toBeLessThan(0.0051);
      expect(b.quantile(q)).toBe(a.quantile(q));
    }
  });
  it("handles zeros and negative values", () => {
    const s = new QuantileSketch(0.01);
    [-5, -1, 0, 0, 2, 8].forEach((x) => s.add(x));
    expect(s.quantile(0)).toBeCloseTo(-5, 1);
    expect(s.quantile(0.5)).toBe(0);
    expect(s.quantile(1)).toBeCloseTo(8, 0);
  });
  it("gives several quantiles at once exactly as one at a time, through many buckets (table growth)", () => {
    const s = new QuantileSketch(0.0005);
    for (let i = 0; i < 20000; i++) s.add((i % 7 === 0 ? -1 : 1) * Math.exp(Math.cos(i * 3.7) * 20));
    for (let i = 0; i < 50; i++) s.add(0);
    const qs = [0, 0.01, 0.05, 0.1, 0.14, 0.143, 0.15, 0.5, 0.95, 0.999, 1];
    expect(s.quantiles(qs)).toEqual(qs.map((q) => s.quantile(q)));
    expect(new QuantileSketch().quantiles([0.5])).toEqual([NaN]);
  });
});

describe("population aggregator", () => {
  it("folds a chunk cell by cell to the same bits as member by member, skipping failed members", () => {
    const times = [0, 1, 2, 3];
    const obs = ["a", "b"];
    const outcomes = [{ id: "hi", metric: metric("a:final"), above: 1 }];
    const one = new PopulationAggregator(obs, times, outcomes);
    const chunked = new PopulationAggregator(obs, times, outcomes);
    const count = 30;
    const stride = obs.length * times.length;
    const data = Float64Array.from(
      { length: count * stride },
      (_, k) => Math.exp(Math.sin(k * 1.7) * 3) * 0.1,
    );
    data[5 * stride + 2] = NaN; // a non-finite value is left out of its cell
    const failed = (j: number) => j % 11 === 3;
    for (let j = 0; j < count; j++) {
      if (failed(j)) continue;
      one.add(
        obs.map((_, o) => data.subarray(j * stride + o * times.length, j * stride + (o + 1) * times.length)),
      );
    }
    chunked.addChunk(data, count, failed);
    expect(chunked.members).toBe(one.members);
    expect(chunked.bands()).toEqual(one.bands());
    expect(chunked.outcomeSummaries()).toEqual(one.outcomeSummaries());
  });
});

describe("virtual populations", () => {
  it("percentile bands match the analytic quantiles of exp(−k t) for lognormal k", async () => {
    const r = await runPopulation(spec(4000), inThread(spec(4000)));
    expect(r.status).toBe("ok");
    const omega = Math.sqrt(Math.log(1 + 0.4 ** 2));
    for (const q of [5, 25, 50, 75, 95]) {
      // the q-th percentile of y is at the (100 − q)-th percentile of k
      const kq = 0.3 * Math.exp(omega * normalQuantile(1 - q / 100));
      const band = r.bands.y.percentiles[`p${q}`];
      expect(Math.abs(band[3] / Math.exp(-kq * 4) - 1), `p${q}`).toBeLessThan(0.03);
    }
    // outcome: P(exp(−8k) < 0.1) = P(k > ln10/8)
    const p = 1 - 0.5 * (1 + erf(Math.log(Math.log(10) / 8 / 0.3) / (omega * Math.SQRT2)));
    expect(r.outcomes[0].fraction).toBeCloseTo(p, 1);
    expect(r.outcomes[0].ci[0]).toBeLessThan(r.outcomes[0].fraction);
  });

  it("gives identical results for any concurrency and any order in which chunks finish", async () => {
    const s = { ...spec(300), chunkSize: 7 };
    const one = await runPopulation(s, inThread(s), { concurrency: 1 });
    const four = await runPopulation(
      s,
      inThread(s, (start) => (start * 7919) % 13),
      { concurrency: 4 },
    );
    expect(four.bands).toEqual(one.bands);
    expect(four.outcomes).toEqual(one.outcomes);
  });

  it("counts failed members and a crashed chunk without stopping the run", async () => {
    const s = { ...spec(50), chunkSize: 10 };
    const exec: ChunkExecutor = async (task) => {
      if (task.start === 20) throw new Error("worker exited");
      return runChunk({ seed: s.seed, priors: s.priors, nObservables: 1, nTimes: TIMES.length }, task, (v) =>
        v.get("k")! > 0.5 ? { ok: false, message: "stiff" } : decay(v),
      );
    };
    const r = await runPopulation(s, exec);
    expect(r.membersFailed).toBeGreaterThanOrEqual(10);
    expect(r.membersSimulated + r.membersFailed).toBe(50);
    expect(r.failures.some((f) => f.message.includes("worker exited"))).toBe(true);
  });

  it("stops when cancelled", async () => {
    let calls = 0;
    const r = await runPopulation({ ...spec(100), chunkSize: 10 }, inThread(spec(100)), {
      shouldStop: () => ++calls > 3,
    });
    expect(r.status).toBe("cancelled");
    expect(r.membersSimulated).toBeLessThan(100);
  });

  it("Wilson intervals behave at 0 and n", () => {
    expect(wilson(0, 100)[0]).toBe(0);
    expect(wilson(100, 100)[1]).toBe(1);
    expect(wilson(50, 100)[0]).toBeCloseTo(0.4038, 3);
    expect(percentileSorted([1, 2, 3, 4], 50)).toBe(2.5);
  });
});

/** erf by Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7), enough for a test reference. */
function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return s * y;
}
