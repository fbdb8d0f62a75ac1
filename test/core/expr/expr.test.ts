import { describe, expect, it } from "vitest";
import {
  compileExpr,
  differentiate,
  envOf,
  evaluate,
  exprKey,
  parseExpr,
  parseTrusted,
  simplify,
  toText,
  type Expr,
} from "../../../src/core/expr/index.js";

const P = parseTrusted;
const ev = (src: string, vals: Record<string, number> = {}, t = 0) => evaluate(P(src), envOf(vals, t));

describe("parsing and printing", () => {
  it("follows the usual precedence: unary minus binds looser than ^", () => {
    expect(ev("-2^2")).toBe(-4);
    expect(ev("2^-1")).toBe(0.5);
    expect(ev("2^3^2")).toBe(512);
    expect(ev("1 - 2 - 3")).toBe(-4);
    expect(ev("8 / 4 / 2")).toBe(1);
    expect(ev("1 + 2 * 3 < 8 && 2 > 1")).toBe(1);
  });

  it("prints text that parses back to the same tree", () => {
    const cases = [
      "a + b * c",
      "(a + b) * c",
      "a - (b - c)",
      "a / (b * c)",
      "-x^2",
      "(-x)^2",
      "2^-3",
      "a * -b",
      "piecewise(1, x < 2, y > 3 || z <= 1, 0)",
      "exp(-k * time) + ln(x) + log10(y)",
      "!(a && b) || xor(a, b)",
      "max(a, b, c) - min(a, 1e-12)",
      "-(-x)",
      "1.5e300 * x",
    ];
    for (const src of cases) {
      const e = P(src);
      const again = P(toText(e));
      expect(exprKey(again), `${src} -> ${toText(e)}`).toBe(exprKey(e));
    }
  });

  it("reports unknown functions with a suggestion and the column", () => {
    const r = parseExpr("1 + expp(x)", "reactions[0].rate");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0].path).toBe("reactions[0].rate");
      expect(r.issues[0].message).toContain('Unknown function "expp"');
      expect(r.issues[0].hint).toBe('Did you mean "exp"?');
      expect(r.issues[0].column).toBe(5);
    }
  });

  it("reports a missing parenthesis, bad characters and wrong arity", () => {
    for (const [src, text] of [
      ["(a + b", 'Expected ")"'],
      ["a # b", 'Unexpected character "#"'],
      ["sqrt(a, b)", 'Function "sqrt" takes 1 argument(s), got 2'],
      ["a < b < c", "Comparisons cannot be chained"],
      ["a +", "Expected a number"],
    ] as const) {
      const r = parseExpr(src);
      expect(r.ok, src).toBe(false);
      if (!r.ok) expect(r.issues[0].message).toContain(text);
    }
  });

  it("knows time, constants and function aliases", () => {
    expect(ev("time * 2", {}, 3)).toBe(6);
    expect(ev("pi")).toBeCloseTo(Math.PI, 15);
    expect(ev("log(100)")).toBeCloseTo(Math.log(100), 14);
    expect(ev("log(2, 8)")).toBeCloseTo(3, 14);
    expect(ev("root(3, 27)")).toBeCloseTo(3, 14);
    expect(ev("factorial(5)")).toBe(120);
    expect(ev("factorial(0.5)")).toBeCloseTo(0.886226925452758, 12);
    expect(ev("quotient(7, 2) + rem(-7, 2)")).toBe(2);
  });
});

describe("evaluation", () => {
  it("evaluates piecewise with and without otherwise", () => {
    expect(ev("piecewise(10, x > 1, 20)", { x: 2 })).toBe(10);
    expect(ev("piecewise(10, x > 1, 20)", { x: 0 })).toBe(20);
    expect(ev("piecewise(10, x > 1)", { x: 0 })).toBeNaN();
  });

  it("evaluates every trigonometric function against its definition", () => {
    const x = 0.37;
    const table: Record<string, number> = {
      sec: 1 / Math.cos(x),
      csc: 1 / Math.sin(x),
      cot: 1 / Math.tan(x),
      sech: 1 / Math.cosh(x),
      csch: 1 / Math.sinh(x),
      coth: 1 / Math.tanh(x),
      arccot: Math.atan(1 / x),
      arcsinh: Math.asinh(x),
    };
    for (const [f, v] of Object.entries(table)) expect(ev(`${f}(x)`, { x }), f).toBeCloseTo(v, 14);
    expect(ev("arcsec(x)", { x: 2 })).toBeCloseTo(Math.acos(0.5), 14);
    expect(ev("arccoth(x)", { x: 2 })).toBeCloseTo(Math.atanh(0.5), 14);
  });
});

describe("differentiation", () => {
  // Truth from outside the code under test: central finite differences.
  const fd = (e: Expr, x: string, vals: Record<string, number>) => {
    const h = 1e-6 * Math.max(1, Math.abs(vals[x]));
    const up = evaluate(e, envOf({ ...vals, [x]: vals[x] + h }));
    const dn = evaluate(e, envOf({ ...vals, [x]: vals[x] - h }));
    return (up - dn) / (2 * h);
  };
  const formulas = [
    "k1 * A * B - k2 * C",
    "Vmax * S / (Km + S)",
    "S^n / (K^n + S^n)",
    "x^y",
    "exp(-x * y) * sin(x) + cos(y) / tan(x)",
    "ln(x) + log10(x * y) + sqrt(x + y)",
    "sec(x) + csc(x) + cot(x) + sinh(x) + cosh(y) + tanh(x) + sech(x) + csch(x) + coth(x)",
    "arcsin(x / 3) + arccos(y / 3) + arctan(x) + arccot(y) + arcsec(x + 2) + arccsc(y + 2)",
    "arcsinh(x) + arccosh(x + 2) + arctanh(x / 3) + arcsech(y / 3) + arccsch(x) + arccoth(y + 2)",
    "abs(x - 2) + max(x, y) + min(x, 2 * y)",
    "piecewise(x^2, x > 1, y^3)",
    "factorial(x)",
    "rem(x * 7, y)",
  ];
  const points = [
    { x: 0.7, y: 1.3, k1: 2, k2: 0.5, A: 1.1, B: 0.4, C: 0.9, Vmax: 3, Km: 0.2, S: 0.8, K: 1.5, n: 2.5 },
    { x: 1.6, y: 0.45, k1: 2, k2: 0.5, A: 1.1, B: 0.4, C: 0.9, Vmax: 3, Km: 0.2, S: 0.8, K: 1.5, n: 2.5 },
  ];
  for (const src of formulas) {
    it(`matches finite differences: ${src}`, () => {
      const e = P(src);
      for (const vals of points) {
        for (const x of ["x", "y", "S", "A", "n"]) {
          const exact = evaluate(differentiate(e, x), envOf(vals));
          const approx = fd(e, x, vals);
          expect(Math.abs(exact - approx), `${x} at ${JSON.stringify(vals)}`).toBeLessThan(
            1e-6 * (1 + Math.abs(approx)),
          );
        }
      }
    });
  }

  it("simplifies the derivative of a mass-action law to the obvious form", () => {
    expect(toText(differentiate(P("k1 * A * B - k2 * C"), "A"))).toBe("k1 * B");
    expect(toText(differentiate(P("k1 * A * B - k2 * C"), "C"))).toBe("-k2");
    expect(toText(simplify(P("0 * x + 1 * y + 0")))).toBe("y");
  });
});

describe("compilation", () => {
  it("gives the same numbers as the tree evaluator", () => {
    const src =
      "piecewise(Vmax * S / (Km + S), S > 0.5 && !(Km > 1), -S^2) + exp(-S) * S^2 + max(S, Km) + sec(S) + factorial(3)";
    const e = P(src);
    const names = ["Vmax", "S", "Km"];
    const f = compileExpr(e, names);
    for (const S of [0.1, 0.7, 3]) {
      const vals = { Vmax: 2, S, Km: 0.3 };
      expect(f([2, S, 0.3])).toBeCloseTo(evaluate(e, envOf(vals)), 13);
    }
  });

  it("never pastes user text into code: odd symbol names are resolved to slots", () => {
    // A name that would be code if pasted; the AST route resolves it like any other symbol.
    const e = { kind: "sym", name: "process.exit(1)" } as const;
    const f = compileExpr(e, ["process.exit(1)"]);
    expect(f([42])).toBe(42);
    expect(() => compileExpr(P("a + b"), ["a"])).toThrow(/unknown symbol "b"/);
  });

  it("hoists repeated subexpressions", () => {
    const e = P("exp(-k * x) + exp(-k * x) * 2");
    const f = compileExpr(e, ["k", "x"]);
    expect(f([2, 0.5])).toBeCloseTo(3 * Math.exp(-1), 14);
  });
});
