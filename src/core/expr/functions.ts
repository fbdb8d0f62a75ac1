/**
 * Numeric meaning of every AST operator, shared by the tree evaluator and by compiled code
 * (compiled code inlines the arithmetic and calls these for everything else), so that both
 * routes give the same number.
 */

/** Lanczos approximation of ln Γ(x) (g = 7, n = 9), accurate to ~1e-15 relative for x > 0. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function gamma(x: number): number {
  if (Number.isInteger(x)) {
    if (x <= 0) return NaN;
    if (x <= 171) {
      let r = 1;
      for (let i = 2; i < x; i++) r *= i;
      return r;
    }
    return Infinity;
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
}

/** ψ(x) by recurrence to x >= 6 and the asymptotic series. */
export function digamma(x: number): number {
  if (x <= 0 && Number.isInteger(x)) return NaN;
  let r = 0;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  while (x < 6) {
    r -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

/** Boolean reading of a number, as compiled code does it (`x !== 0`). */
const truthy = (x: number): boolean => x !== 0;

export const MATH = {
  factorial: (x: number): number => gamma(x + 1),
  digamma,
  sec: (x: number) => 1 / Math.cos(x),
  csc: (x: number) => 1 / Math.sin(x),
  cot: (x: number) => 1 / Math.tan(x),
  sech: (x: number) => 1 / Math.cosh(x),
  csch: (x: number) => 1 / Math.sinh(x),
  coth: (x: number) => 1 / Math.tanh(x),
  arcsec: (x: number) => Math.acos(1 / x),
  arccsc: (x: number) => Math.asin(1 / x),
  arccot: (x: number) => (x === 0 ? Math.PI / 2 : Math.atan(1 / x)),
  arcsech: (x: number) => Math.acosh(1 / x),
  arccsch: (x: number) => Math.asinh(1 / x),
  arccoth: (x: number) => Math.atanh(1 / x),
  /** MathML quotient: the integer part of a/b (truncation toward zero). */
  quotient: (a: number, b: number) => Math.trunc(a / b),
  /** MathML rem: remainder with the sign of the dividend. */
  rem: (a: number, b: number) => a % b,
  pow: (a: number, b: number) => Math.pow(a, b),
  xor: (...xs: number[]) => (xs.reduce((n, x) => n + (truthy(x) ? 1 : 0), 0) % 2 === 1 ? 1 : 0),
  min: Math.min,
  max: Math.max,
} as const;

export { truthy };
