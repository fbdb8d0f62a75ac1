import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileNetwork } from "../../../src/core/compile/index.js";
import { formatIssues } from "../../../src/core/issues.js";
import { simulate } from "../../../src/core/simulate/index.js";
import { loadSbmlFile, sbmlDefaultObservables } from "../../../src/io/sbml/index.js";

const DIR = "../shared/data/biomodels";

/** Import, compile and simulate over [0, tEnd]; every step of the way must be clean. */
function run(file: string, tEnd: number, outputTimes?: number[]) {
  const r = loadSbmlFile(`${DIR}/${file}`);
  expect(r.issues, formatIssues(r.issues)).toEqual([]);
  const c = compileNetwork(r.network!);
  if (!c.ok) throw new Error(formatIssues(c.issues));
  const res = simulate(c.model, { tEnd, ...(outputTimes ? { outputTimes } : {}) });
  expect(res.status, res.message).toBe("ok");
  return { r, res };
}

/** Every default observable stays finite over the run. */
function allFinite(res: ReturnType<typeof run>["res"], ids: string[]) {
  for (const [k, s] of res.seriesMany(ids).entries())
    for (const v of s) expect(Number.isFinite(v), `${ids[k]} = ${v}`).toBe(true);
}

describe.skipIf(!existsSync(DIR))("published IL-6 models from BioModels", () => {
  // Dwivedi 2014: doses of antibody by events at fixed times (hours); each raises the dosed species.
  const dwivedi: [string, string, number[]][] = [
    ["BIOMD0000000534.xml", "Healthy volunteer", [0.1, 672, 1344, 2016]],
    ["BIOMD0000000535.xml", "anti-IL-6 antibody", [0.1, 672, 1344]],
    [
      "BIOMD0000000536.xml",
      "sgp130",
      [0.1, 168, 336, 504, 672, 840, 1008, 1176, 1344, 1512, 1680, 1848, 2016],
    ],
    ["BIOMD0000000537.xml", "anti-IL-6R antibody", [0.1, 336, 672, 1008, 1344, 1680]],
  ];
  for (const [file, what, doses] of dwivedi) {
    it(`Dwivedi 2014 (${what}): dosing events fire at their times and raise the dosed species`, () => {
      const around = doses.flatMap((t) => [t - 0.001, t + 0.001]);
      const { r, res } = run(file, 2688, [...around, 2688]);
      const fired = res.log.filter((l) => l.what.startsWith("event"));
      let dosedOnce = false;
      expect(fired.map((l) => l.t).length).toBe(doses.length);
      fired.forEach((l, i) => {
        expect(l.t).toBeCloseTo(doses[i], 6);
        // just after the event, the dosed species is what the assignment computes just before it
        const ev = r.network!.events.find((e) => l.what === `event ${e.id}`)!;
        const a = ev.assignments[0];
        const f = res.model.expressions([a.math]);
        const out = new Float64Array(1);
        f(res.times[2 * i], res.states[2 * i], res.params[2 * i], out);
        const after = res.series(a.variable)[2 * i + 1];
        expect(Math.abs(after - out[0]), `dose at ${doses[i]} h`).toBeLessThan(
          0.01 * Math.abs(out[0]) + 1e-12,
        );
        if (out[0] > res.series(a.variable)[2 * i] * 1.01) dosedOnce = true;
      });
      expect(dosedOnce).toBe(true);
      allFinite(res, sbmlDefaultObservables(r.network!));
    });
  }

  it("Sobotta 2017: the IL-6 step gives a transient pSTAT3 (rises, peaks, falls)", () => {
    const times = Array.from({ length: 241 }, (_, i) => i);
    const { res } = run("MODEL2307050001.xml", 240, times);
    const p = res.series("tpSTAT3");
    let peak = 0;
    for (let i = 1; i < p.length; i++) if (p[i] > p[peak]) peak = i;
    expect(res.series("IL6")[1]).toBeGreaterThan(0);
    expect(p[peak]).toBeGreaterThan(3 * p[0]);
    expect(peak).toBeGreaterThan(5);
    expect(peak).toBeLessThan(120);
    expect(p[240]).toBeLessThan(0.75 * p[peak]);
  });

  const others: [string, string, number][] = [
    ["BIOMD0000000151.xml", "Singh 2006 IL-6 signal transduction (s)", 3600],
    ["BIOMD0000000543.xml", "Qi 2013 IL-6 and IFN crosstalk (min)", 300],
    ["BIOMD0000000568.xml", "Mueller 2015 hepatocyte proliferation (h)", 72],
    ["MODEL2503270002.xml", "Zeilfelder 2025 primary human hepatocytes (min)", 240],
  ];
  for (const [file, what, tEnd] of others) {
    it(`${what} simulates its time span and something changes`, () => {
      const { r, res } = run(file, tEnd);
      const ids = sbmlDefaultObservables(r.network!);
      allFinite(res, ids);
      const moved = res
        .seriesMany(ids)
        .some((s) => Math.abs(s[s.length - 1] - s[0]) > 1e-6 * (Math.abs(s[0]) + 1e-12));
      expect(moved).toBe(true);
    });
  }

  it("Kessler 2025 (a MonaLisa Petri-net export without kinetic laws) imports with a clear warning", () => {
    const { r, res } = run("MODEL2509100001.xml", 100);
    expect(r.warnings.some((w) => w.code === "no-kinetic-law" && /rate 0/.test(w.message))).toBe(true);
    expect(r.warnings.some((w) => w.code === "package-ignored" && /layout/.test(w.message))).toBe(true);
    allFinite(res, sbmlDefaultObservables(r.network!));
  });
});
