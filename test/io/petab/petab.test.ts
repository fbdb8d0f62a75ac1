import { mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fitProblem } from "../../../src/core/estimate/index.js";
import { formatIssues } from "../../../src/core/issues.js";
import { loadPetab } from "../../../src/io/petab/index.js";

const FIXTURE = "test/fixtures/petab/conversion_reaction";

/** A copy of the fixture with some files rewritten. */
function variant(edit: Record<string, (text: string) => string>): string {
  const dir = mkdtempSync(join(tmpdir(), "petab-"));
  cpSync(FIXTURE, dir, { recursive: true });
  for (const [file, f] of Object.entries(edit))
    writeFileSync(join(dir, file), f(readFileSync(join(dir, file), "utf8")));
  return dir;
}

describe("PEtab v1 reader", () => {
  it("reads the conversion-reaction problem from its folder", () => {
    const r = loadPetab(FIXTURE);
    expect(r.ok, formatIssues(r.issues)).toBe(true);
    expect(r.problem!.parameters.map((p) => p.id)).toEqual(["k1", "k2", "scaling_a", "offset_a", "sigma_a"]);
    expect(r.problem!.measurements).toHaveLength(30);
    expect(r.problem!.measurements[0].noiseParameters).toEqual(["sigma_a"]);
    expect(r.problem!.conditions[0].changes).toEqual({ A: 1 });
    expect(r.model!.settableIds).toContain("k1");
  });

  it("fitting it recovers k1 = 0.8, k2 = 0.6 and sigma = 0.02 within the profile CIs", () => {
    const r = loadPetab(join(FIXTURE, "conversion_reaction.yaml"));
    const report = fitProblem(r.problem!, r.model!, {
      starts: 5,
      seed: 1,
      profiles: true,
      locate: r.locate!,
    });
    expect(report.status).toBe("ok");
    const truth: Record<string, number> = { k1: 0.8, k2: 0.6, sigma_a: 0.02 };
    for (const [id, v] of Object.entries(truth)) {
      const p = report.parameters.find((q) => q.id === id)!;
      expect(p.ci!.lower!, id).toBeLessThan(v);
      expect(p.ci!.upper!, id).toBeGreaterThan(v);
      expect(Math.abs(Math.log(p.value / v)), id).toBeLessThan(0.25);
    }
  });

  it("reads pre-equilibration, observable parameters, a log-scale observable and steady-state (inf) times, and recovers the parameters", () => {
    const r = loadPetab("test/fixtures/petab/conversion_preeq/problem.yaml");
    expect(r.ok, formatIssues(r.issues)).toBe(true);
    expect(r.problem!.measurements.at(-1)!.time).toBe(Infinity);
    expect(r.problem!.measurements[0].preequilibrationConditionId).toBe("pre");
    const report = fitProblem(r.problem!, r.model!, { starts: 5, seed: 2, profiles: true });
    expect(report.status).toBe("ok");
    const truth: Record<string, number> = { k1: 0.8, k2: 0.6, scale_a: 2 };
    for (const [id, v] of Object.entries(truth)) {
      const p = report.parameters.find((q) => q.id === id)!;
      expect(p.ci!.lower!, id).toBeLessThan(v);
      expect(p.ci!.upper!, id).toBeGreaterThan(v);
    }
    expect(report.parameters.find((q) => q.id === "k1_pre")!.value).toBe(0.05);
  });

  it("reports unknown observables and conditions, non-positive data on a log scale and a start outside the bounds, with file and line", () => {
    const dir = variant({
      "measurements.tsv": (t) =>
        t
          .replace("obs_a\tc0\t0.82763", "obs_b\tc0\t0.82763")
          .replace("obs_a\tc0\t0.82937", "obs_a\tc9\t0.82937")
          .replace("obs_a\tc0\t0.84148", "obs_a\tc0\t-0.1"),
      "observables.tsv": (t) => t.replace("\tlin\t", "\tlog\t"),
      "parameters.tsv": (t) =>
        t.replace("k1\tforward rate\tlog10\t0.001\t100\t0.3", "k1\tforward rate\tlog10\t0.001\t0.1\t0.3"),
    });
    const r = loadPetab(dir);
    expect(r.ok).toBe(true); // the files read; the problem is what is wrong
    const report = fitProblem(r.problem!, r.model!, { locate: r.locate! });
    expect(report.status).toBe("invalid");
    const text = formatIssues(report.issues);
    expect(text).toContain(
      'measurements.tsv (observableId):2: Unknown observable "obs_b". Did you mean "obs_a"?',
    );
    expect(text).toContain('measurements.tsv (simulationConditionId):3: Unknown condition "c9"');
    expect(text).toContain(
      'measurements.tsv (measurement):4: Observable "obs_a" is on a log scale but this measurement is -0.1',
    );
    expect(text).toContain(
      'parameters.tsv (nominalValue):2: Parameter "k1": nominal (start) value 0.3 is outside its bounds [0.001, 0.1]',
    );
  });

  it("reports unreadable cells and formulas with their line, and never evaluates formula text as code", () => {
    const dir = variant({
      "parameters.tsv": (t) => t.replace("\t0.3\t1\nk2", "\tabc\t1\nk2"),
      "observables.tsv": (t) => t.replace("scaling_a * A + offset_a", "process.exit(3)"),
    });
    const r = loadPetab(dir);
    const text = formatIssues(r.issues);
    expect(text).toContain('parameters.tsv (nominalValue):2: "abc" is not a number.');
    expect(text).toContain('observables.tsv (observableFormula):2:8: Unexpected character "."');
    expect(r.ok).toBe(false);
  });

  it("says what is missing when the path or the YAML is wrong", () => {
    expect(formatIssues(loadPetab("test/fixtures/petab/nope").issues)).toContain("No such file or folder");
    const dir = variant({ "conversion_reaction.yaml": (t) => t.replace("format_version: 1\n", "") });
    expect(formatIssues(loadPetab(dir).issues)).toContain("format_version");
  });
});
