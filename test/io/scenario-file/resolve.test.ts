import { describe, expect, it } from "vitest";
import { formatIssue, type Issue } from "../../../src/core/issues.js";
import {
  loadScenarioText,
  type ModelLookup,
  toScenarioYaml,
  defaultStep,
  gridTimes,
  uniformStep,
} from "../../../src/io/scenario-file/index.js";
import { textbookPk } from "../../../src/models/textbook/index.js";

const lookup: ModelLookup = (id) =>
  id === "textbook-pk"
    ? { ok: true, choice: { model: textbookPk } }
    : { ok: false, message: `Unknown model "${id}".` };

function resolve(text: string) {
  return loadScenarioText(text, lookup, { file: "s.yaml" });
}

function issues(text: string): string[] {
  const r = resolve(text);
  expect(r.ok).toBe(false);
  return (r as { issues: Issue[] }).issues.map(formatIssue);
}

describe("scenario files", () => {
  it("resolve times to hours and keep dose amounts as quantities", () => {
    const r = resolve(`model: textbook-pk
organism: human
end: 2 d
timeline:
  - at: -30 min
    dose: { drug: mab, amount: 8 mg/kg, route: iv_infusion, duration: 90 min }
  - at: 1 d
    set: { kgrow: 1.2 1/d }
  - at: 0 h
    resection: { fraction_removed: 70 % }
output:
  every: 6 h
`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.scenario;
    expect(s.end).toBe(48);
    expect(s.start).toBe(-0.5);
    expect(s.name).toBeUndefined();
    expect(s.timeline.map((e) => e.at)).toEqual([-0.5, 0, 24]);
    expect(s.timeline[0].intervention).toEqual({
      kind: "dose",
      drug: "mab",
      amount: { value: 8, unit: "mg/kg" },
      route: "iv_infusion",
      duration: { value: 1.5, unit: "h" },
    });
    expect(s.timeline[1].intervention).toEqual({
      kind: "injury",
      injury: "resection",
      params: { fraction_removed: 0.7 },
    });
    expect(s.timeline[2].intervention).toEqual({ kind: "set", id: "kgrow", value: 0.05 });
    expect(s.output.times[0]).toBe(-0.5);
    expect(s.output.times.at(-1)).toBe(48);
    expect(s.output.observables).toEqual(textbookPk.defaultObservables);
    expect(s.steadyStateStart).toBe(true);
  });

  it("expand repeated doses and read JSON as well as YAML", () => {
    const r = resolve(
      JSON.stringify({
        model: "textbook-pk",
        end: "4 week",
        timeline: [
          {
            at: "0 h",
            repeat: { every: "1 week", count: 4 },
            dose: { drug: "mab", amount: "150 mg", route: "sc" },
          },
        ],
      }),
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.timeline.map((e) => e.at)).toEqual([0, 168, 336, 504]);
  });

  it("report every issue at once, with path, line and a suggestion", () => {
    const all = issues(`model: textbook-pk
organism: mouse
end: 10 h
timeline:
  - at: 1 h
    dose: { drug: mab, amount: 1 mg, route: ipp }
  - at: 2 h
    resectoin: { fraction_removed: 0.5 }
  - at: 3 h
  - at: 4 h
    dose: { drug: mab, amount: 1 mg, route: iv }
    resection: { fraction_removed: 0.5 }
solver: { method: rodas5, rtol: 2 }
`);
    expect(all).toEqual([
      'error [unknown-id] timeline[0].dose.route:6:45: "ipp" is not a route for mab. Did you mean "ip"?',
      'error [unknown-field] timeline[1].resectoin:8:16: Unknown field "resectoin". Did you mean "resection"?',
      "error [missing-field] timeline[2]:9:5: This entry has no intervention. Add one of: dose, set, resection.",
      "error [too-many] timeline[3]:10:5: One intervention per entry, got dose and resection. Split them into entries with the same `at`.",
      "error [out-of-range] solver.rtol:13:33: 2 is out of range: it must be at most 0.1.",
      'error [unknown-id] solver.method:13:19: Unknown solver "rodas5". Did you mean "Rodas5P"?',
    ]);
  });

  it("refuse silent unit guessing, absurd doses and runs that end before a dose", () => {
    expect(issues("model: textbook-pk\nend: 10\n")).toEqual([
      'error [missing-unit] end:2:6: 10 has no unit. Write a number and a unit, e.g. "10 h".',
    ]);
    const dose = issues(
      "model: textbook-pk\nend: 10 h\ntimeline:\n  - at: 12 h\n    dose: { drug: mab, amount: 5000 mg/kg, route: iv }\n",
    );
    expect(dose).toContain(
      'error [absurd-dose] timeline[0].dose.amount:5:32: "5000 mg/kg" is more than 1 g/kg: no experiment doses that much. Check the number and the unit (ug vs mg).',
    );
    expect(dose).toContain(
      "error [after-end] timeline[0].at:4:9: This entry happens at 12 h, after the end of the run (10 h). Set end to at least 12 h, or move or remove the entry.",
    );
    expect(issues("model: textbook-pk\nend: 100 d\noutput: { every: 1 s }\n")[0]).toContain(
      'every "1 s" gives 8640000 output points; at most 100000 are allowed.',
    );
  });

  it("warn about a zero dose but accept it", () => {
    const r = resolve(
      "model: textbook-pk\nend: 1 h\ntimeline:\n  - at: 0 h\n    dose: { drug: mab, amount: 0 mg, route: iv }\n",
    );
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.warnings.map(formatIssue)).toEqual([
        'warning [zero-dose] timeline[0].dose.amount:5:32: A dose of "0 mg" does nothing.',
      ]);
  });

  it("write the resolved scenario back as YAML that reads to the same scenario", () => {
    for (const named of textbookPk.scenarios) {
      const yaml = toScenarioYaml(named.scenario);
      const back = resolve(yaml);
      expect(back.ok, yaml).toBe(true);
      if (!back.ok) continue;
      expect(back.scenario.timeline).toEqual(named.scenario.timeline);
      expect(back.scenario.output).toEqual(named.scenario.output);
      expect(back.scenario.end).toBe(named.scenario.end);
    }
  });

  it("choose output grids: a default step for the span, uniform grids recognised", () => {
    expect(defaultStep(24)).toBe(0.05);
    expect(defaultStep(168)).toBe(0.5);
    expect(gridTimes(0, 1, 0.3)).toEqual([0, 0.3, 0.6, 0.9, 1]);
    expect(uniformStep([0, 0.3, 0.6, 0.9, 1])).toBeCloseTo(0.3, 12);
    expect(uniformStep([0, 1, 3])).toBeUndefined();
  });
});
