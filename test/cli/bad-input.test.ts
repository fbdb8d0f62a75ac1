/** Every kind of bad input ends with exit code 2, every issue listed, no stack trace, no file left. */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { il6sim, noStackTrace, tempDir, writeScenario } from "./helpers.js";

const BAD = `model: textbook-pk
organism: mouse
end: 48 h
genotype: [R_K0]
parameters:
  kof: 2
timeline:
  - at: -1 h
    dose: { drug: mabb, amount: 2 uq, route: ip }
  - at: 60 h
    dose: { drug: mab, amount: -5 mg, route: iv }
  - at: 0 h
    resection: { fraction_removed: 1.5 }
  - at: 1 h
    dose: { drug: mab, amount: 5, route: iv_infusion }
  - at: 2 h
    dose: { drug: mab_h, amount: 5 mg, route: iv }
  - at: 3 h
    dose: { drug: mab, amount: 5 kg, route: iv }
  - at: 4 h
    dose: { drug: mab, amount: 2 mL, route: iv }
output:
  every: 30 min
  observables: [plasma_drug_ug_per_ml]
colour: red
`;

function expectBadInput(args: string[], ...texts: string[]): string {
  const r = il6sim(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(noStackTrace(r.stderr)).toBe(true);
  for (const t of texts) expect(r.stderr).toContain(t);
  return r.stderr;
}

describe("bad input", () => {
  it("lists every issue of a scenario file at once, with field, line, what was given and what is allowed", () => {
    const dir = tempDir();
    const file = writeScenario(dir, "bad.yaml", BAD);
    const out = join(dir, "out.json");
    const plot = join(dir, "out.png");
    const err = expectBadInput(
      ["run", file, "--out", out, "--plot", plot],
      `il6sim: ${file}: 14 errors`,
      'genotype[0]:4:12: Unknown genotype "R_K0". Did you mean "R_KO"?',
      'parameters.kof:6:8: Unknown parameter "kof". Did you mean "koff"?',
      'timeline[0].dose.drug:9:19: Unknown drug "mabb". Did you mean "mab"?',
      'timeline[0].dose.amount:9:33: Unknown unit "uq" in "2 uq". Did you mean "ug"?',
      'timeline[1].dose.amount:11:32: A dose cannot be negative (got "-5 mg").',
      "timeline[1].at:10:9: This entry happens at 60 h, after the end of the run (48 h).",
      "timeline[2].resection.fraction_removed:13:36: fraction_removed must lie in (0, 1), got 1.5.",
      "timeline[3].dose.amount:15:32: 5 has no unit.",
      "timeline[3].dose.duration:15:11: An iv_infusion needs a duration.",
      'timeline[4].dose.drug:17:19: "mab_h" does not bind the mouse receptor. Use "mab" in mouse.',
      'timeline[5].dose.amount:19:32: "5 kg" is more than 10 g: no experiment doses that much.',
      'timeline[6].dose.amount:21:32: "2 mL" is not a dose of this drug. Allowed units: ug, mg, mg/kg, ug/kg, nmol.',
      'output.observables[0]:24:17: Unknown observable "plasma_drug_ug_per_ml". Did you mean "plasma_drug_ug_per_mL"?',
      'colour:25:9: Unknown field "colour".',
    );
    expect(err.split("\n").filter((l) => l.startsWith("  error")).length).toBe(14);
    expect(readdirSync(dir).sort()).toEqual(["bad.yaml"]); // no output, no temporary file
    expect(existsSync(out) || existsSync(plot)).toBe(false);
  });

  it("reports malformed YAML with its line", () => {
    const dir = tempDir();
    const file = writeScenario(dir, "mal.yaml", "model: textbook-pk\nend: 48 h\ntimeline: [\n  - at: 0 h\n");
    expectBadInput(["run", file], "[parse-error]", "Malformed YAML/JSON", `${file}:`);
  });

  it("reports a missing file, an unknown named scenario with a suggestion, and an unknown model", () => {
    expectBadInput(["run", "no-such-file.yaml"], 'Cannot read "no-such-file.yaml": no such file.');
    expectBadInput(
      ["run", "textbook_mouse_resektion"],
      'is neither a file nor a named scenario. Did you mean "textbook_mouse_resection"?',
    );
    const dir = tempDir();
    const file = writeScenario(dir, "m.yaml", "model: textbook-pkk\nend: 1 h\n");
    expectBadInput(["run", file], 'model:1:8: Unknown model "textbook-pkk". Did you mean "textbook-pk"?');
  });

  it("rejects times without units, wrong units, an end before start and output times outside the run", () => {
    const dir = tempDir();
    const file = writeScenario(
      dir,
      "t.yaml",
      "model: textbook-pk\nend: 2 ug\ntimeline:\n  - at: 3\n    resection: { fraction_removed: 0.5 }\n",
    );
    expectBadInput(["run", file], 'end:2:6: "2 ug" is not a time.', "timeline[0].at:4:9: 3 has no unit.");
    const f1 = writeScenario(
      dir,
      "o.yaml",
      "model: textbook-pk\nend: 2 d\noutput:\n  times: [0 h, 1 h, 100 h]\n",
    );
    expectBadInput(["run", f1], "output.times[2]:4:21: Output time 100 h is outside the run (0 to 48 h).");
    const f2 = writeScenario(dir, "e.yaml", "model: textbook-pk\nstart: 5 h\nend: 2 h\n");
    expectBadInput(["run", f2], "end:3:6: end (2 h) must be after start (5 h).");
  });

  it("rejects an end time before a dose given on the command line", () => {
    expectBadInput(
      ["run", "textbook_sc_weekly", "--end", "100h"],
      "timeline[1].at: This entry happens at 168 h, after the end of the run (100 h).",
    );
  });

  it("rejects bad options before running anything", () => {
    expectBadInput(
      ["run", "textbook_iv_10mgkg", "--format", "xml"],
      "argument 'xml' is invalid. Allowed choices are table, csv, json.",
    );
    expectBadInput(["run", "textbook_iv_10mgkg", "--plot", "x.pdf"], '"x.pdf" must end in .svg or .png.');
    expectBadInput(
      ["run", "textbook_iv_10mgkg", "--out", "/no/such/folder/x.json"],
      'the folder "/no/such/folder" does not exist.',
    );
    expectBadInput(
      ["run", "textbook_iv_10mgkg", "--set", "kgrw=1"],
      'Unknown parameter "kgrw". Did you mean "kgrow"?',
    );
    expectBadInput(["run", "textbook_iv_10mgkg", "--set", "nonsense"], '"nonsense" is not id=value.');
    expectBadInput(["frobnicate"], "unknown command 'frobnicate'");
    expectBadInput(
      ["sweep", "textbook_iv_10mgkg", "--vary", "kon=1:2"],
      "values must be numbers separated by commas",
    );
    expectBadInput(
      ["sweep", "textbook_iv_10mgkg", "--vary", "kon=0.1,1", "--metric", "receptor_occupancy:peak"],
      'Did you mean "receptor_occupancy_percent"?',
    );
  });

  it("checks a JSON scenario with the same schema and line numbers", () => {
    const dir = tempDir();
    const file = writeScenario(
      dir,
      "s.json",
      JSON.stringify({ model: "textbook-pk", end: "1 d", organism: "rat" }, null, 2),
    );
    expectBadInput(["run", file], 'organism:4:15: Unknown organism "rat" for model textbook-pk.');
  });
});
