/** The top level: how failures become exit codes and text (no stack traces for users). */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { IssueError, issue } from "../../src/core/issues.js";
import { BadInput } from "../../src/cli/errors.js";
import { exitCodeFor } from "../../src/cli/program.js";
import { fmtNum, renderCsv, renderTable } from "../../src/cli/table.js";
import { parseVary } from "../../src/cli/vary.js";
import { parseSets, spacedQuantity } from "../../src/cli/options.js";
import { jsonText } from "../../src/cli/json.js";

function sink(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describe("exit codes", () => {
  it("bad input is 2 with every issue, grouped by source", () => {
    const s = sink();
    const err = BadInput.many([
      new BadInput([issue("unknown-id", "timeline[0].dose.drug", 'Unknown drug "x".')], "a.yaml"),
      new BadInput([issue("missing-field", "end", 'Field "end" is required.')], "b.yaml"),
    ]);
    expect(exitCodeFor(err, s.stream)).toBe(2);
    expect(s.text()).toBe(
      'il6sim: a.yaml: 1 error\n  error [unknown-id] timeline[0].dose.drug: Unknown drug "x".\n' +
        'il6sim: b.yaml: 1 error\n  error [missing-field] end: Field "end" is required.\n',
    );
    expect(exitCodeFor(new IssueError([issue("x", "p", "m")]), sink().stream)).toBe(2);
  });

  it("a bug is 70 with a short message and no stack trace", () => {
    const s = sink();
    const bug = new Error("il6sim internal error: index out of range");
    expect(exitCodeFor(bug, s.stream)).toBe(70);
    expect(s.text()).toContain("il6sim internal error: index out of range\n");
    expect(s.text()).toContain("This is a bug in il6sim.");
    expect(s.text()).not.toMatch(/\n\s+at /);
  });
});

describe("command-line helpers", () => {
  it("parse --set, quantities written without a space, and --vary", () => {
    expect(parseSets(["kon=0.4", "kdeg=0.2 1/h"])).toEqual({ kon: 0.4, kdeg: "0.2 1/h" });
    expect(spacedQuantity("14d")).toBe("14 d");
    expect(spacedQuantity("1e3 min")).toBe("1e3 min");
    expect(spacedQuantity("5")).toBe(5);
    expect(parseVary("kon=1:100:3:log").values).toEqual([1, 10, 100]);
    expect(parseVary("dose:mab=1,2 mg")).toMatchObject({
      target: { kind: "dose", drug: "mab" },
      values: [1, 2],
      unit: "mg",
    });
    expect(() => parseVary("kon=0:1:3:log")).toThrow(BadInput);
  });

  it("format numbers, tables, CSV and JSON for people and programs", () => {
    expect(fmtNum(1234.5678)).toBe("1235");
    expect(fmtNum(0.00012346)).toBe("1.235e-4");
    expect(fmtNum(null)).toBe("-");
    expect(
      renderTable(
        ["a", "n"],
        [
          ["x", 1.5],
          ["yy", 10],
        ],
      ),
    ).toBe("a     n\n--  ---\nx   1.5\nyy   10\n");
    expect(
      renderCsv(
        ["a", "b"],
        [
          ['say "hi"', 1],
          ["x,y", null],
        ],
      ),
    ).toBe('a,b\n"say ""hi""",1\n"x,y",\n');
    expect(jsonText({ t: [0, 1], s: { a: NaN } })).toBe(
      '{\n  "t": [0, 1],\n  "s": {\n    "a": null\n  }\n}\n',
    );
  });
});
