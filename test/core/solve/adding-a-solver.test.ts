/**
 * The runnable end of docs/solvers.md "Adding a solver": the Bogacki–Shampine 3(2) pair as a
 * tableau, built with explicitRk, checked by the same generic checks and convergence test that
 * every registered method gets. Keep this file and the doc in step.
 */
import { expect, test } from "vitest";
import { explicitRk, integrate } from "../../../src/core/solve/index.js";
import { type ExplicitRkTableau, checkTableau } from "../../../src/core/solve/tableau.js";
import { decay, fixedStepError, logLogSlope } from "./helpers.js";

// --- the recipe's tableau file (src/core/solve/methods/bs3.ts) ---
const BS3_TABLEAU: ExplicitRkTableau = {
  name: "BS3",
  order: 3,
  embeddedOrder: 2,
  fsal: true,
  c: [0, 1 / 2, 3 / 4, 1],
  a: [[], [1 / 2], [0, 3 / 4], [2 / 9, 1 / 3, 4 / 9]],
  b: [2 / 9, 1 / 3, 4 / 9, 0],
  bhat: [7 / 24, 1 / 4, 1 / 3, 1 / 8],
};
const bs3 = explicitRk(BS3_TABLEAU, "Bogacki & Shampine, Appl. Math. Lett. 2 (1989) 321–325");
// --- end of the tableau file ---

test("the recipe's BS3 passes the generic tableau checks", () => {
  expect(checkTableau(bs3.tableau!)).toEqual([]);
});

test("the recipe's BS3 converges with slope 3 ± 0.3 under the generic convergence test", () => {
  const hs = [0.1, 0.05, 0.025, 0.0125];
  expect(
    Math.abs(
      logLogSlope(
        hs,
        hs.map((h) => fixedStepError(bs3, h)),
      ) - 3,
    ),
  ).toBeLessThan(0.3);
});

test("the recipe's BS3 integrates with adaptive steps and Hermite dense output", () => {
  const r = integrate(decay, Float64Array.of(0.5), Float64Array.of(2), {
    method: bs3,
    t0: 0,
    tEnd: 4,
    rtol: 1e-7,
    atol: 1e-10,
    outputTimes: [1, 2.5, 4],
  });
  expect(r.status).toBe("ok");
  [1, 2.5, 4].forEach((t, i) => expect(r.states[i][0]).toBeCloseTo(2 * Math.exp(-0.5 * t), 6));
});
