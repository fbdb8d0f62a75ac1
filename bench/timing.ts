/**
 * In-process timing as the CVODE harness does it: one warm-up run, then complete runs repeated
 * until at least `minTime` seconds (and `minReps` runs) have passed; the median is quoted.
 */
export interface Timing<T> {
  readonly medianMs: number;
  readonly minMs: number;
  readonly reps: number;
  readonly last: T;
}

export function measure<T>(run: () => T, minTime = 0.5, minReps = 5, maxReps = 100000): Timing<T> {
  let last = run(); // warm-up (also lets V8 optimise the hot paths)
  const times: number[] = [];
  let total = 0;
  while (times.length < maxReps && (times.length < minReps || total < minTime * 1000)) {
    const t0 = performance.now();
    last = run();
    const dt = performance.now() - t0;
    times.push(dt);
    total += dt;
  }
  times.sort((a, b) => a - b);
  const k = times.length;
  const median = k % 2 ? times[(k - 1) / 2] : 0.5 * (times[k / 2 - 1] + times[k / 2]);
  return { medianMs: median, minMs: times[0], reps: k, last };
}

/**
 * Two runs timed alternately (a, b, a, b, ...) after `warmup` seconds of each, until both have
 * minReps runs and together minTime seconds: a change in machine load or a GC pause then hits
 * both sides alike, which matters when their ratio is the result.
 */
export function measurePair<A, B>(
  runA: () => A,
  runB: () => B,
  minTime = 0.5,
  warmup = 0.3,
  minReps = 5,
): [Timing<A>, Timing<B>] {
  let lastA = runA();
  let lastB = runB();
  for (const t0 = performance.now(); performance.now() - t0 < warmup * 1000;) lastA = runA();
  for (const t0 = performance.now(); performance.now() - t0 < warmup * 1000;) lastB = runB();
  const ta: number[] = [];
  const tb: number[] = [];
  let total = 0;
  while (ta.length < minReps || total < minTime * 1000) {
    let t0 = performance.now();
    lastA = runA();
    const da = performance.now() - t0;
    t0 = performance.now();
    lastB = runB();
    const db = performance.now() - t0;
    ta.push(da);
    tb.push(db);
    total += da + db;
  }
  return [summary(ta, lastA), summary(tb, lastB)];
}

function summary<T>(times: number[], last: T): Timing<T> {
  times.sort((a, b) => a - b);
  const k = times.length;
  const median = k % 2 ? times[(k - 1) / 2] : 0.5 * (times[k / 2 - 1] + times[k / 2]);
  return { medianMs: median, minMs: times[0], reps: k, last };
}

/** Geometric mean of positive numbers. */
export function geometricMean(xs: readonly number[]): number {
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}
