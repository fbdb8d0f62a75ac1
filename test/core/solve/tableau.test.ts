import { describe, expect, test } from "vitest";
import { RODAS5P_TABLEAU } from "../../../src/core/solve/methods/rodas5p.js";
import { TSIT5_TABLEAU } from "../../../src/core/solve/methods/tsit5.js";
import {
  checkExplicitRk,
  checkRosenbrock,
  checkTableau,
  rootedTrees,
} from "../../../src/core/solve/tableau.js";
import { BdfCoefficients, setBdfCoefficients } from "../../../src/core/solve/nordsieck.js";
import { SOLVERS, solverByName } from "../../../src/core/solve/index.js";

describe("tableaus", () => {
  test("there are 1, 1, 2, 4, 9 rooted trees of orders 1 to 5 (OEIS A000081)", () => {
    const counts = [1, 2, 3, 4, 5].map((p) => rootedTrees(5).filter((t) => t.order === p).length);
    expect(counts).toEqual([1, 1, 2, 4, 9]);
  });

  for (const method of SOLVERS.filter((m) => m.tableau)) {
    test(`registered ${method.name}: its tableau passes every consistency and order check`, () => {
      expect(checkTableau(method.tableau!)).toEqual([]);
      expect(method.tableau!.data.order).toBe(method.order);
    });
  }

  test("Tsit5 satisfies row sums, Σb = 1, Σ(b − b̂) = 0 and every order condition up to 5 (b̂ up to 4)", () => {
    expect(checkExplicitRk(TSIT5_TABLEAU)).toEqual([]);
  });

  test("Tsit5 does not satisfy the order-6 conditions (the check can fail)", () => {
    expect(checkExplicitRk({ ...TSIT5_TABLEAU, order: 6 }).length).toBeGreaterThan(0);
  });

  test("a tableau with one wrong digit is reported", () => {
    const a = TSIT5_TABLEAU.a.map((r) => [...r]);
    a[3][1] += 1e-6;
    expect(checkExplicitRk({ ...TSIT5_TABLEAU, a }).join("\n")).toMatch(/row sum of a\[3\]/);
  });

  test("Rodas5P satisfies the Rosenbrock order conditions up to order 5 (embedded up to 4) and γ-row sums", () => {
    expect(checkRosenbrock(RODAS5P_TABLEAU)).toEqual([]);
  });

  test("Rodas5P does not satisfy the order-6 conditions (the check can fail)", () => {
    expect(checkRosenbrock({ ...RODAS5P_TABLEAU, order: 6 }).length).toBeGreaterThan(0);
  });

  test("a Rodas5P coefficient off in the 8th digit breaks an order condition", () => {
    const C = RODAS5P_TABLEAU.C.map((r) => [...r]);
    C[4][2] *= 1 + 1e-8;
    expect(checkRosenbrock({ ...RODAS5P_TABLEAU, C }).length).toBeGreaterThan(0);
  });

  test("BDF at constant step has the textbook leading coefficients β0 = 1, 2/3, 6/11, 12/25, 60/137", () => {
    const expected = [1, 2 / 3, 6 / 11, 12 / 25, 60 / 137];
    for (let q = 1; q <= 5; q++) {
      const c = new BdfCoefficients();
      c.tau.fill(1);
      setBdfCoefficients(c, q, 1, 1);
      expect(1 / c.l[1]).toBeCloseTo(expected[q - 1], 14);
    }
  });

  test("every registered solver is found by its name and declares its capabilities", () => {
    expect(SOLVERS.map((m) => m.name)).toEqual(["Rodas5P", "BDF", "Tsit5"]);
    for (const m of SOLVERS) {
      expect(solverByName(m.name.toUpperCase())).toBe(m);
      expect(m.reference.length).toBeGreaterThan(10);
    }
    expect(solverByName("Euler")).toBeUndefined();
    expect(SOLVERS.filter((m) => m.implicit).map((m) => m.name)).toEqual(["Rodas5P", "BDF"]);
  });
});
