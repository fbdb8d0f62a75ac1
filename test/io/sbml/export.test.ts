import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileNetwork } from "../../../src/core/compile/index.js";
import { formatIssues } from "../../../src/core/issues.js";
import { massAction, network, type Network } from "../../../src/core/network/index.js";
import { simulate } from "../../../src/core/simulate/index.js";
import {
  exportSbml,
  importSbml,
  parseXml,
  sbmlDefaultObservables,
  toSbml,
} from "../../../src/io/sbml/index.js";
import { loadCase } from "../../../src/io/sbml/suite/case-files.js";

const binding = network("il6_binding", (n) => {
  const plasma = n.compartment("plasma", { size: 3, unit: "L" });
  const il6 = n.species("IL6", {
    in: plasma,
    initial: 2,
    unit: "nM",
    annotation: { sbo: "SBO:0000252", is: ["https://identifiers.org/uniprot:P05231"] },
  });
  const r = n.species("sIL6R", { in: plasma, initial: 1.2, unit: "nM" });
  const cx = n.species("IL6_sIL6R", { in: plasma, initial: 0, unit: "nM" });
  n.parameter("kon", 0.4, { unit: "1/(nM*h)", source: "assumed for a test", confidence: "assumed" });
  n.parameter("koff", 0.05, { unit: "1/h" });
  n.parameter("kdeg", 0.3, { unit: "1/h" });
  n.parameter("dose", 5, { unit: "nmol", constant: false });
  n.reaction("il6_binds_sil6r", [il6, r], [cx], massAction("kon", "koff"));
  n.reaction("il6_clearance", [il6], [], "kdeg * IL6 * plasma");
  n.event("second_dose", { trigger: "time >= 4", assign: { IL6: "IL6 + dose / plasma" } });
  n.assignmentRule("dose", "5 + 0 * time");
});

function trajectories(net: Network, tEnd: number) {
  const c = compileNetwork(net);
  if (!c.ok) throw new Error(formatIssues(c.issues));
  const times = Array.from({ length: 41 }, (_, i) => (tEnd * i) / 40);
  const res = simulate(c.model, { tEnd, outputTimes: times, rtol: 1e-10, atol: 1e-14 });
  expect(res.status, res.message).toBe("ok");
  return res.seriesMany(sbmlDefaultObservables(net));
}

function roundTrip(net: Network): Network {
  const { xml, warnings } = exportSbml(net);
  expect(warnings, formatIssues(warnings)).toEqual([]);
  const back = importSbml(xml, { file: "exported.xml" });
  expect(back.issues, formatIssues(back.issues)).toEqual([]);
  return back.network!;
}

function expectSameTrajectories(a: Float64Array[], b: Float64Array[]) {
  expect(b.length).toBe(a.length);
  a.forEach((s, k) =>
    s.forEach((v, i) => expect(Math.abs(b[k][i] - v)).toBeLessThanOrEqual(1e-9 + 1e-7 * Math.abs(v))),
  );
}

describe("SBML export", () => {
  it("writes well-formed L3V2 with unit definitions, SBO terms and MIRIAM identifiers", () => {
    const xml = toSbml(binding);
    expect(parseXml(xml).ok).toBe(true);
    expect(xml).toContain('level="3" version="2"');
    expect(xml).toMatch(/<unitDefinition id="nM_amount"/);
    expect(xml).toMatch(/<unitDefinition id="u_1_per__nM_h_"|<unitDefinition id="[^"]*" name="1\/\(nM\*h\)"/);
    expect(xml).toContain('sboTerm="SBO:0000252"');
    expect(xml).toContain('rdf:resource="https://identifiers.org/uniprot:P05231"');
    expect(xml).toContain("Source: assumed for a test (assumed)");
  });

  it("round trip: network -> SBML -> network simulates the same as the original", () => {
    const back = roundTrip(binding);
    expect(back.species.find((s) => s.id === "IL6")!.annotation!.is).toEqual([
      "https://identifiers.org/uniprot:P05231",
    ]);
    expectSameTrajectories(trajectories(binding, 10), trajectories(back, 10));
  });

  it("says what it cannot write instead of dropping it", () => {
    const odd = network("odd", (n) => {
      n.compartment("c", { size: 1, unit: "furlongs^3" });
      n.parameter("x", 1, { constant: false });
      n.assignmentRule("x", "digamma(2)");
    });
    const { warnings } = exportSbml(odd);
    expect(formatIssues(warnings)).toMatch(/digamma/);
    expect(formatIssues(warnings)).toMatch(/furlongs/);
  });

  const CASES = "../shared/data/sbml-test-suite/cases";
  // events with delays and priorities, rules, local parameters, stoichiometry math, conversion
  // factors, function definitions, initial assignments, a comp model
  const cases = [
    "00001",
    "00031",
    "00034",
    "00036",
    "00038",
    "00051",
    "00057",
    "00060",
    "00068",
    "00071",
    "00930",
    "00932",
    "00975",
    "01127",
    "01134",
    "01255",
  ];
  it.skipIf(!existsSync(CASES))("round trip of suite models simulates the same as the imported model", () => {
    for (const id of cases) {
      const c = loadCase(CASES, id);
      const imported = importSbml(readFileSync(c.sbmlFile!, "utf8"));
      expect(imported.issues, `${id}: ${formatIssues(imported.issues)}`).toEqual([]);
      const net = imported.network!;
      expectSameTrajectories(trajectories(net, 5), trajectories(roundTrip(net), 5));
    }
  });
});
