/**
 * The seeded pseudo-random numbers shared by everything stochastic in il6sim (multi-start
 * designs, CMA-ES, Morris and Sobol designs, bootstrap, virtual populations).
 *
 * Generator: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47, 2021), 32-bit arithmetic only, seeded through splitmix32 so that any (seed, stream)
 * pair gives a well-mixed, independent-looking state. `stream` makes sub-sequences addressable:
 * member i of a population draws from rngFor(seed, i), so its values depend only on (seed, i)
 * and never on how work is split across workers.
 */

export interface Rng {
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal (Box–Muller, both values used). */
  normal(): number;
  /** Integer uniform on [0, n). */
  int(n: number): number;
  /** Raw 32-bit output. */
  next32(): number;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Mix a seed (any finite number, or a string) and a stream index into one 32-bit word. */
function mixSeed(seed: number | string, stream: number): number {
  let h = 0x811c9dc5;
  const feed = (x: number) => {
    h = Math.imul(h ^ (x & 0xffff), 0x01000193);
    h = Math.imul(h ^ (x >>> 16), 0x01000193);
  };
  if (typeof seed === "string") for (let i = 0; i < seed.length; i++) feed(seed.charCodeAt(i));
  else {
    const s = Math.trunc(seed);
    feed(s >>> 0);
    feed(Math.floor(s / 4294967296) >>> 0);
  }
  feed(stream >>> 0);
  feed(Math.floor(stream / 4294967296) >>> 0);
  return h >>> 0;
}

export function rngFor(seed: number | string, stream = 0): Rng {
  const sm = { s: mixSeed(seed, stream) };
  let a = splitmix32(sm);
  let b = splitmix32(sm);
  let c = splitmix32(sm);
  let d = splitmix32(sm);
  if ((a | b | c | d) === 0) a = 1;
  let spare: number | undefined;

  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const uniform = (): number => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
  return {
    next32,
    uniform,
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      return Math.floor(uniform() * n);
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Fisher–Yates permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * Latin hypercube on [0,1)^dim: n points, each coordinate hits each of the n strata once
 * (McKay, Beckman & Conover 1979), jittered uniformly within its stratum.
 */
export function latinHypercube(n: number, dim: number, rng: Rng): Float64Array[] {
  const pts = Array.from({ length: n }, () => new Float64Array(dim));
  for (let k = 0; k < dim; k++) {
    const perm = permutation(n, rng);
    for (let i = 0; i < n; i++) pts[i][k] = (perm[i] + rng.uniform()) / n;
  }
  return pts;
}
