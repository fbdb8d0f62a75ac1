import { describe, expect, it } from "vitest";
import { NetworkBuilder, massAction, network, validateNetwork } from "../../../src/core/network/index.js";
import { IssueError, formatIssues } from "../../../src/core/issues.js";

describe("validateNetwork", () => {
  it("reports every problem at once, each with a path and a suggestion", () => {
    const b = new NetworkBuilder("bad");
    b.compartment("plasma", { size: 3 });
    b.species("IL6", { in: "plasma", initial: 1 });
    b.species("pSTAT3", { in: "cytosol", initial: 0 });
    b.species("IL6", { in: "plasma", initial: 2 });
    b.parameter("kon", 1);
    b.reaction("r1", ["IL6"], ["STAT3p"], "konn * IL6");
    b.assignmentRule("IL6", "2 * kon");
    const { issues } = b.build();
    const text = formatIssues(issues);
    expect(text).toContain('Unknown compartment "cytosol"');
    expect(text).toContain('Id "IL6" is already used by a species');
    expect(text).toContain('Unknown species "STAT3p"');
    expect(text).toContain('Did you mean "pSTAT3"?');
    expect(text).toContain('Unknown symbol "konn"');
    expect(text).toContain('Did you mean "kon"?');
    expect(text).toContain('Species "IL6" is set by an assignment rule and changed by reaction "r1"');
    expect(issues.length).toBeGreaterThanOrEqual(5);
    expect(issues.every((i) => i.path.length > 0)).toBe(true);
  });

  it("finds cycles among assignment rules", () => {
    const b = new NetworkBuilder("cyc");
    b.parameter("a", 1, { constant: false });
    b.parameter("b", 1, { constant: false });
    b.assignmentRule("a", "b + 1");
    b.assignmentRule("b", "a * 2");
    const text = formatIssues(b.build().issues);
    expect(text).toMatch(/cycle: (a -> b -> a|b -> a -> b)/);
  });

  it("rejects rules on constants and parse errors, through the throwing builder", () => {
    expect(() =>
      network("x", (n) => {
        n.parameter("k", 1);
        n.rateRule("k", "1 +");
      }),
    ).toThrow(IssueError);
    try {
      network("x", (n) => {
        n.parameter("k", 1);
        n.rateRule("k", "1 +");
      });
    } catch (e) {
      const text = formatIssues((e as IssueError).issues);
      expect(text).toContain('sets "k", which is declared constant');
      expect(text).toContain("Expected a number");
    }
  });

  it("accepts a valid mass-action network", () => {
    const net = network("ok", (n) => {
      const c = n.compartment("c", { size: 2 });
      const a = n.species("A", { in: c, initial: 1 });
      const b2 = n.species("B", { in: c, initial: 1 });
      const ab = n.species("AB", { in: c, initial: 0 });
      n.parameter("kon", 1);
      n.parameter("koff", 0.1);
      n.reaction("bind", [a, b2], [ab], massAction("kon", "koff"));
    });
    expect(net.reactions[0].reversible).toBe(true);
  });
});

describe("values set by algebraic rules", () => {
  it("accept a quantity without a declared value when an algebraic rule may determine it", () => {
    const b = new NetworkBuilder("alg");
    b.parameter("x", NaN, { constant: false });
    b.parameter("S", 4);
    const { network: net } = b.build();
    const withRule = {
      ...net,
      algebraicRules: [
        {
          math: {
            kind: "call",
            op: "-",
            args: [
              {
                kind: "call",
                op: "*",
                args: [
                  { kind: "sym", name: "x" },
                  { kind: "sym", name: "x" },
                ],
              },
              { kind: "sym", name: "S" },
            ],
          },
        },
      ],
    } as typeof net;
    expect(formatIssues(b.build().issues)).toContain('Parameter "x" has no value');
    expect(validateNetwork(withRule)).toEqual([]);
  });
});
