import { describe, expect, it } from "vitest";
import { toText } from "../../../src/core/expr/index.js";
import { formatIssues } from "../../../src/core/issues.js";
import { importSbml } from "../../../src/io/sbml/index.js";

const L3 = (body: string, extra = "") =>
  `<?xml version="1.0" encoding="UTF-8"?>
<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2"${extra}>
  <model id="m">
${body}
  </model>
</sbml>`;
const L2 = (body: string) =>
  `<sbml xmlns="http://www.sbml.org/sbml/level2/version4" level="2" version="4"><model id="m">${body}</model></sbml>`;
const math = (inner: string) => `<math xmlns="http://www.w3.org/1998/Math/MathML">${inner}</math>`;

/** Import a model whose only content is one assignment rule p = <mathml>, and print it. */
function ruleText(mathml: string, functions = ""): string {
  const r = importSbml(
    L3(`${functions}<listOfParameters><parameter id="p" constant="false"/><parameter id="x" value="2" constant="true"/><parameter id="y" value="3" constant="true"/></listOfParameters>
<listOfRules><assignmentRule variable="p">${math(mathml)}</assignmentRule></listOfRules>`),
  );
  expect(r.issues, formatIssues(r.issues)).toEqual([]);
  return toText(r.network!.assignmentRules[0].math);
}

describe("MathML", () => {
  it("reads every kind of number", () => {
    expect(ruleText(`<cn type="integer"> 42 </cn>`)).toBe("42");
    expect(ruleText(`<cn type="e-notation"> 6.02214179 <sep/> 23 </cn>`)).toBe(
      toText({ kind: "num", value: 6.02214179e23 }),
    );
    expect(ruleText(`<cn type="rational"> 1 <sep/> 4 </cn>`)).toBe("0.25");
    expect(ruleText(`<cn> -1.5e-3 </cn>`)).toBe("-0.0015");
  });

  it("maps operators, qualifiers and csymbols", () => {
    expect(ruleText(`<apply><root/><degree><cn>3</cn></degree><ci>x</ci></apply>`)).toBe("x^(1 / 3)");
    expect(ruleText(`<apply><log/><logbase><cn>2</cn></logbase><ci>x</ci></apply>`)).toBe("ln(x) / ln(2)");
    expect(ruleText(`<apply><minus/><ci>x</ci></apply>`)).toBe("-x");
    expect(ruleText(`<apply><plus/></apply>`)).toBe("0");
    expect(
      ruleText(
        `<apply><times/><ci>x</ci><csymbol definitionURL="http://www.sbml.org/sbml/symbols/time">t</csymbol></apply>`,
      ),
    ).toBe("x * time");
    const avogadro = ruleText(
      `<csymbol definitionURL="http://www.sbml.org/sbml/symbols/avogadro">NA</csymbol>`,
    );
    expect(Number(avogadro)).toBeCloseTo(6.02214179e23, -15);
  });

  it("reads piecewise with otherwise", () => {
    expect(
      ruleText(
        `<piecewise><piece><ci>x</ci><apply><gt/><ci>y</ci><cn>0</cn></apply></piece><otherwise><cn>1</cn></otherwise></piecewise>`,
      ),
    ).toBe("piecewise(x, y > 0, 1)");
  });

  it("inlines function definitions, including ones that call each other", () => {
    const fns = `<listOfFunctionDefinitions>
      <functionDefinition id="sq">${math(`<lambda><bvar><ci>a</ci></bvar><apply><times/><ci>a</ci><ci>a</ci></apply></lambda>`)}</functionDefinition>
      <functionDefinition id="f">${math(`<lambda><bvar><ci>a</ci></bvar><bvar><ci>b</ci></bvar><apply><plus/><apply><ci>sq</ci><ci>a</ci></apply><ci>b</ci></apply></lambda>`)}</functionDefinition>
    </listOfFunctionDefinitions>`;
    expect(ruleText(`<apply><ci>f</ci><ci>y</ci><ci>x</ci></apply>`, fns)).toBe("y * y + x");
  });
});

describe("SBML core import", () => {
  it("fills Level 2 defaults and turns stoichiometryMath into an assignment rule", () => {
    const r = importSbml(
      L2(`<listOfCompartments><compartment id="c" size="2"/></listOfCompartments>
<listOfSpecies><species id="A" compartment="c" initialConcentration="1"/><species id="B" compartment="c" initialAmount="0"/></listOfSpecies>
<listOfParameters><parameter id="k" value="0.5"/><parameter id="n" value="2" constant="false"/></listOfParameters>
<listOfReactions><reaction id="r"><listOfReactants><speciesReference species="A"><stoichiometryMath>${math("<ci>n</ci>")}</stoichiometryMath></speciesReference></listOfReactants>
<listOfProducts><speciesReference species="B"/></listOfProducts>
<kineticLaw>${math("<apply><times/><ci>k2</ci><ci>A</ci><ci>c</ci></apply>")}<listOfParameters><parameter id="k2" value="3"/></listOfParameters></kineticLaw></reaction></listOfReactions>
<listOfEvents><event><trigger>${math(`<apply><gt/><csymbol definitionURL="http://www.sbml.org/sbml/symbols/time">t</csymbol><cn>1</cn></apply>`)}</trigger>
<listOfEventAssignments><eventAssignment variable="n">${math("<cn>1</cn>")}</eventAssignment></listOfEventAssignments></event></listOfEvents>`),
    );
    expect(r.issues, formatIssues(r.issues)).toEqual([]);
    const n = r.network!;
    expect(n.compartments[0]).toMatchObject({ spatialDimensions: 3, constant: true, size: 2 });
    expect(n.species[0]).toMatchObject({
      hasOnlySubstanceUnits: false,
      boundaryCondition: false,
      constant: false,
      initialConcentration: 1,
    });
    expect(n.parameters[0].constant).toBe(true);
    const r0 = n.reactions[0];
    expect(r0.reversible).toBe(true);
    expect(r0.products[0].stoichiometry).toBe(1);
    expect(r0.localParameters).toEqual([{ id: "k2", value: 3 }]);
    const refId = r0.reactants[0].id!;
    expect(n.assignmentRules).toEqual([{ variable: refId, math: { kind: "sym", name: "n" } }]);
    expect(n.events[0]).toMatchObject({
      initialValue: true,
      persistent: true,
      useValuesFromTriggerTime: true,
    });
  });

  it("keeps units, SBO terms and MIRIAM identifiers", () => {
    const r = importSbml(
      L3(
        `<listOfUnitDefinitions><unitDefinition id="nM"><listOfUnits><unit kind="mole" exponent="1" scale="-9" multiplier="1"/><unit kind="litre" exponent="-1" scale="0" multiplier="1"/></listOfUnits></unitDefinition></listOfUnitDefinitions>
<listOfCompartments><compartment id="c" size="1" spatialDimensions="3" constant="true" units="litre"/></listOfCompartments>
<listOfSpecies><species metaid="m1" id="IL6" sboTerm="SBO:0000252" compartment="c" initialConcentration="1" substanceUnits="nM" hasOnlySubstanceUnits="false" boundaryCondition="false" constant="false">
<annotation><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:bqbiol="http://biomodels.net/biology-qualifiers/"><rdf:Description rdf:about="#m1"><bqbiol:is><rdf:Bag><rdf:li rdf:resource="http://identifiers.org/uniprot/P05231"/></rdf:Bag></bqbiol:is></rdf:Description></rdf:RDF></annotation></species></listOfSpecies>`,
      ).replace('<model id="m">', '<model id="m" timeUnits="second" substanceUnits="mole">'),
    );
    expect(r.issues, formatIssues(r.issues)).toEqual([]);
    const n = r.network!;
    expect(n.units).toEqual({ time: "second", substance: "mole" });
    expect(n.unitDefinitions![0].units[0]).toEqual({ kind: "mole", exponent: 1, scale: -9, multiplier: 1 });
    expect(n.species[0].unit).toBe("nM");
    expect(n.species[0].annotation).toEqual({
      sbo: "SBO:0000252",
      is: ["https://identifiers.org/uniprot:P05231"],
    });
  });

  it("keeps a parameter declared NaN (an initial assignment of NaN), and still reports one with no value", () => {
    const r = importSbml(
      L3(
        `<listOfParameters><parameter id="R" value="NaN" constant="true"/><parameter id="P" value="INF" constant="true"/></listOfParameters>`,
      ),
    );
    expect(r.issues, formatIssues(r.issues)).toEqual([]);
    expect(r.network!.initialAssignments).toEqual([{ symbol: "R", math: { kind: "num", value: NaN } }]);
    const missing = importSbml(
      L3(`<listOfParameters><parameter id="R" constant="true"/></listOfParameters>`),
    );
    expect(formatIssues(missing.issues)).toContain('Parameter "R" has no value');
  });
});

describe("bad input: issues with line and column, never a crash", () => {
  it("reports malformed XML with its position", () => {
    const r = importSbml(
      `<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2">\n  <model id="m">\n  </modl>\n</sbml>`,
    );
    expect(r.ok).toBe(false);
    expect(r.issues[0].code).toBe("xml-error");
    expect(r.issues[0].line).toBe(3);
  });

  it("says what the file is when it is not SBML or Level 1", () => {
    expect(importSbml("<html/>").issues[0].message).toMatch(/not <sbml>/);
    expect(
      importSbml(`<sbml xmlns="http://www.sbml.org/sbml/level1" level="1" version="2"/>`).issues[0].message,
    ).toMatch(/Level 1/);
  });

  it("names unknown elements, undefined ids and invalid MathML, each with line and column", () => {
    const r = importSbml(
      L3(`<listOfWidgets/>
<listOfParameters><parameter id="p" value="1" constant="false"/></listOfParameters>
<listOfRules><assignmentRule variable="p">${math("<apply><foo/><ci>q</ci></apply>")}</assignmentRule>
<rateRule variable="zz">${math("<cn>1</cn>")}</rateRule></listOfRules>`),
    );
    expect(r.ok).toBe(false);
    const text = formatIssues(r.issues);
    expect(text).toMatch(/<listOfWidgets> is not an SBML model component/);
    expect(text).toMatch(/Unsupported MathML operator <foo>/);
    expect(text).toMatch(/unknown id "zz"/);
    // positions point at the element's "<" (1-based line and column)
    expect(r.issues.find((i) => /listOfWidgets/.test(i.message))).toMatchObject({ line: 4, column: 1 });
    for (const i of r.issues) {
      expect(i.line, i.message).toBeGreaterThan(0);
      expect(i.column, i.message).toBeGreaterThan(0);
    }
  });

  it("refuses a required package it does not support, and warns about an ignored one", () => {
    const req = importSbml(
      L3("", ` xmlns:multi="http://www.sbml.org/sbml/level3/version1/multi/version1" multi:required="true"`),
    );
    expect(req.ok).toBe(false);
    expect(req.issues[0].code).toBe("unsupported-package");
    const opt = importSbml(
      L3("", ` xmlns:fbc="http://www.sbml.org/sbml/level3/version1/fbc/version2" fbc:required="false"`),
    );
    expect(opt.ok).toBe(true);
    expect(opt.warnings[0].message).toMatch(/fbc.*ignored/);
  });

  it("solves an algebraic rule linear in its one free variable, and says so", () => {
    const r = importSbml(
      L3(`<listOfParameters><parameter id="x" value="1" constant="false"/><parameter id="k" value="4" constant="true"/></listOfParameters>
<listOfRules><algebraicRule>${math("<apply><minus/><apply><times/><cn>2</cn><ci>x</ci></apply><ci>k</ci></apply>")}</algebraicRule></listOfRules>`),
    );
    expect(r.issues, formatIssues(r.issues)).toEqual([]);
    expect(r.network!.algebraicRules).toEqual([]);
    expect(r.network!.assignmentRules[0].variable).toBe("x");
    expect(r.warnings[0]).toMatchObject({ code: "algebraic-rule-solved", line: 5 });
  });

  it("keeps a non-linear algebraic rule for the DAE solver", () => {
    const r = importSbml(
      L3(`<listOfParameters><parameter id="x" value="1" constant="false"/></listOfParameters>
<listOfRules><algebraicRule>${math("<apply><minus/><apply><power/><ci>x</ci><cn>2</cn></apply><cn>2</cn></apply>")}</algebraicRule></listOfRules>`),
    );
    expect(r.issues, formatIssues(r.issues)).toEqual([]);
    expect(r.network!.algebraicRules.length).toBe(1);
  });

  it("reports what the simulator cannot do (an algebraic rule that determines nothing) instead of ignoring it", () => {
    const r = importSbml(
      L3(`<listOfParameters><parameter id="x" value="1" constant="true"/></listOfParameters>
<listOfRules><algebraicRule>${math("<apply><minus/><apply><power/><ci>x</ci><cn>2</cn></apply><cn>2</cn></apply>")}</algebraicRule></listOfRules>`),
    );
    expect(r.ok).toBe(false);
    expect(formatIssues(r.issues)).toMatch(/algebraic rule #1 .*determines nothing/);
    expect(r.issues[0]).toMatchObject({ line: 5, column: 14 }); // the <algebraicRule>
  });

  it("survives garbage of every kind", () => {
    for (const text of [
      "",
      "<",
      "<<<>>>",
      "\u0000\u0001",
      L3("<listOfSpecies><species/></listOfSpecies>"),
      L3(`<listOfRules><assignmentRule>${math("<apply/>")}</assignmentRule></listOfRules>`),
    ]) {
      const r = importSbml(text);
      expect(r.ok).toBe(false);
      expect(r.issues.length).toBeGreaterThan(0);
    }
  });
});
