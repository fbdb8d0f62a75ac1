/**
 * Network -> SBML Level 3 Version 2: every component with its units (as unit definitions),
 * SBO terms and MIRIAM `bqbiol:is` annotations where the network has them, notes, and
 * parameter provenance (as notes). What SBML L3V2 cannot say (a fast reaction, an operator
 * without MathML) is a warning, never dropped silently.
 */
import type { Expr } from "../../../core/expr/ast.js";
import { type Issue, issue } from "../../../core/issues.js";
import type {
  Annotation,
  Network,
  NetworkEvent,
  Reaction,
  SpeciesReference,
} from "../../../core/network/types.js";
import { escapeXml, ExportError, mathElement } from "./mathml-out.js";
import { UnitTable } from "./units-out.js";

export interface SbmlExportOptions {
  /** Pretty-print indentation unit (default two spaces). */
  readonly indent?: string;
}

export interface SbmlExportResult {
  readonly xml: string;
  readonly warnings: Issue[];
}

const q = escapeXml;
const attrs = (pairs: Record<string, string | number | boolean | undefined>): string =>
  Object.entries(pairs)
    .filter(([, v]) => v !== undefined && !(typeof v === "number" && Number.isNaN(v)))
    .map(([k, v]) => ` ${k}="${q(typeof v === "number" ? formatNumber(v) : String(v))}"`)
    .join("");

function formatNumber(v: number): string {
  if (v === Infinity) return "INF";
  if (v === -Infinity) return "-INF";
  return String(v);
}

/** SBML L3V2 text for a network (warnings are dropped; use exportSbml to see them). */
export function toSbml(net: Network, options: SbmlExportOptions = {}): string {
  return exportSbml(net, options).xml;
}

export function exportSbml(net: Network, _options: SbmlExportOptions = {}): SbmlExportResult {
  const warnings: Issue[] = [];
  const units = new UnitTable(net.unitDefinitions ?? []);
  const lines: string[] = [];
  const out = (s: string) => lines.push(s);
  const math = (e: Expr, indent: string, where: string): string => {
    try {
      return mathElement(e, indent);
    } catch (err) {
      if (!(err instanceof ExportError)) throw err;
      warnings.push(
        issue("export-math", where, `Cannot write ${where} in SBML: ${err.message}; it is exported as NaN.`, {
          severity: "warning",
        }),
      );
      return mathElement({ kind: "num", value: NaN }, indent);
    }
  };
  const meta = (id: string, a?: Annotation) => (a?.is?.length ? `meta_${id}` : undefined);
  const annotations = (id: string, a: Annotation | undefined, notes: string | undefined, indent: string) => {
    if (notes !== undefined) out(notesXml(notes, indent));
    if (!a?.is?.length) return;
    out(`${indent}<annotation>`);
    out(
      `${indent}  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:bqbiol="http://biomodels.net/biology-qualifiers/">`,
    );
    out(`${indent}    <rdf:Description rdf:about="#meta_${q(id)}">`);
    out(
      `${indent}      <bqbiol:is><rdf:Bag>${a.is.map((r) => `<rdf:li rdf:resource="${q(r)}"/>`).join("")}</rdf:Bag></bqbiol:is>`,
    );
    out(`${indent}    </rdf:Description>`);
    out(`${indent}  </rdf:RDF>`);
    out(`${indent}</annotation>`);
  };
  const element = (
    tag: string,
    id: string,
    a: Annotation | undefined,
    notes: string | undefined,
    rest: Record<string, string | number | boolean | undefined>,
    indent: string,
    body?: () => void,
  ) => {
    const head = `${indent}<${tag}${attrs({ metaid: meta(id, a), id, ...rest, sboTerm: a?.sbo })}`;
    if (!body && notes === undefined && !a?.is?.length) return out(`${head}/>`);
    out(`${head}>`);
    annotations(id, a, notes, `${indent}  `);
    body?.();
    out(`${indent}</${tag}>`);
  };

  const changed = new Set([
    ...net.assignmentRules.map((r) => r.variable),
    ...net.rateRules.map((r) => r.variable),
    ...net.events.flatMap((e) => e.assignments.map((x) => x.variable)),
  ]);

  const body: string[] = [];
  const section = (name: string, fill: () => void) => {
    const start = lines.length;
    fill();
    if (lines.length > start) {
      lines.splice(start, 0, `    <${name}>`);
      lines.push(`    </${name}>`);
    }
  };
  const I = "      ";
  section("listOfCompartments", () =>
    net.compartments.forEach((c) =>
      element(
        "compartment",
        c.id,
        c.annotation ?? { sbo: "SBO:0000290" },
        c.notes,
        {
          name: c.name,
          spatialDimensions: c.spatialDimensions,
          size: c.size,
          units: units.ref(c.unit),
          constant: c.constant,
        },
        I,
      ),
    ),
  );
  section("listOfSpecies", () =>
    net.species.forEach((s) =>
      element(
        "species",
        s.id,
        s.annotation,
        s.notes,
        {
          name: s.name,
          compartment: s.compartment,
          initialAmount: s.initialAmount,
          initialConcentration: s.initialAmount === undefined ? s.initialConcentration : undefined,
          substanceUnits: s.hasOnlySubstanceUnits ? units.ref(s.unit) : units.substanceRef(s.unit),
          hasOnlySubstanceUnits: s.hasOnlySubstanceUnits,
          boundaryCondition: s.boundaryCondition,
          constant: s.constant,
          conversionFactor: s.conversionFactor,
        },
        I,
      ),
    ),
  );
  section("listOfParameters", () =>
    net.parameters.forEach((p) => {
      const provenance = p.provenance
        ? `Source: ${p.provenance.source} (${p.provenance.confidence})${p.provenance.note ? `. ${p.provenance.note}` : ""}`
        : undefined;
      element(
        "parameter",
        p.id,
        p.annotation,
        p.notes ?? provenance,
        {
          name: p.name,
          value: p.value,
          units: units.ref(p.unit),
          constant: p.constant && !changed.has(p.id),
        },
        I,
      );
    }),
  );
  section("listOfInitialAssignments", () =>
    net.initialAssignments.forEach((a) => {
      out(`${I}<initialAssignment${attrs({ symbol: a.symbol })}>`);
      out(math(a.math, `${I}  `, `the initial assignment to "${a.symbol}"`));
      out(`${I}</initialAssignment>`);
    }),
  );
  section("listOfRules", () => {
    const rule = (tag: string, variable: string | undefined, e: Expr, where: string) => {
      out(`${I}<${tag}${attrs({ variable })}>`);
      out(math(e, `${I}  `, where));
      out(`${I}</${tag}>`);
    };
    net.assignmentRules.forEach((r) =>
      rule("assignmentRule", r.variable, r.math, `the assignment rule for "${r.variable}"`),
    );
    net.rateRules.forEach((r) => rule("rateRule", r.variable, r.math, `the rate rule for "${r.variable}"`));
    net.algebraicRules.forEach((r, i) =>
      rule("algebraicRule", undefined, r.math, `algebraic rule #${i + 1}`),
    );
  });
  section("listOfReactions", () => net.reactions.forEach((r) => reaction(r)));
  section("listOfEvents", () => net.events.forEach((e, i) => event(e, i)));

  function reaction(r: Reaction): void {
    if (r.fast)
      warnings.push(
        issue(
          "export-fast",
          `reactions (${r.id})`,
          `Reaction "${r.id}" is fast; SBML L3V2 has no fast attribute, so it is exported as an ordinary reaction.`,
          { severity: "warning" },
        ),
      );
    element("reaction", r.id, r.annotation, r.notes, { name: r.name, reversible: r.reversible }, I, () => {
      const refs = (tag: string, xs: readonly SpeciesReference[]) => {
        if (xs.length === 0) return;
        out(`${I}  <${tag}>`);
        for (const x of xs)
          out(
            `${I}    <speciesReference${attrs({ id: x.id, species: x.species, stoichiometry: x.stoichiometry, constant: x.id === undefined ? true : (x.constant ?? true) && !changed.has(x.id) })}/>`,
          );
        out(`${I}  </${tag}>`);
      };
      refs("listOfReactants", r.reactants);
      refs("listOfProducts", r.products);
      if (r.modifiers.length) {
        out(`${I}  <listOfModifiers>`);
        for (const m of r.modifiers) out(`${I}    <modifierSpeciesReference${attrs({ species: m })}/>`);
        out(`${I}  </listOfModifiers>`);
      }
      out(`${I}  <kineticLaw>`);
      out(math(r.rate, `${I}    `, `the kinetic law of "${r.id}"`));
      if (r.localParameters?.length) {
        out(`${I}    <listOfLocalParameters>`);
        for (const lp of r.localParameters)
          out(
            `${I}      <localParameter${attrs({ id: lp.id, value: lp.value, units: units.ref(lp.unit) })}/>`,
          );
        out(`${I}    </listOfLocalParameters>`);
      }
      out(`${I}  </kineticLaw>`);
    });
  }

  function event(e: NetworkEvent, i: number): void {
    const where = `event "${e.id || `#${i + 1}`}"`;
    element(
      "event",
      e.id,
      e.annotation,
      e.notes,
      { name: e.name, useValuesFromTriggerTime: e.useValuesFromTriggerTime },
      I,
      () => {
        out(`${I}  <trigger${attrs({ initialValue: e.initialValue, persistent: e.persistent })}>`);
        out(math(e.trigger, `${I}    `, `the trigger of ${where}`));
        out(`${I}  </trigger>`);
        for (const [tag, x] of [
          ["priority", e.priority],
          ["delay", e.delay],
        ] as const) {
          if (!x) continue;
          out(`${I}  <${tag}>`);
          out(math(x, `${I}    `, `the ${tag} of ${where}`));
          out(`${I}  </${tag}>`);
        }
        out(`${I}  <listOfEventAssignments>`);
        for (const a of e.assignments) {
          out(`${I}    <eventAssignment${attrs({ variable: a.variable })}>`);
          out(math(a.math, `${I}      `, `the assignment to "${a.variable}" in ${where}`));
          out(`${I}    </eventAssignment>`);
        }
        out(`${I}  </listOfEventAssignments>`);
      },
    );
  }

  body.push(...lines.splice(0, lines.length));
  const modelUnits: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(net.units ?? {}))
    modelUnits[`${k}Units`] = k === "substance" || k === "extent" ? units.ref(v) : units.ref(v);
  for (const text of units.unknown)
    warnings.push(
      issue(
        "export-unit",
        "units",
        `The unit "${text}" could not be written as SBML units; elements using it have no units attribute.`,
        { severity: "warning", hint: 'Write units like "nM", "1/h", "nmol/L/min" or use an SBML unit id.' },
      ),
    );

  const head = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2">`,
    `  <model${attrs({ metaid: meta(net.id, net.annotation), id: net.id, name: net.name, ...modelUnits, conversionFactor: net.conversionFactor, sboTerm: net.annotation?.sbo })}>`,
  ];
  annotations(net.id, net.annotation, net.notes, "    ");
  head.push(...lines.splice(0, lines.length));
  if (units.definitions.size) {
    head.push("    <listOfUnitDefinitions>");
    for (const d of units.definitions.values()) {
      head.push(`      <unitDefinition${attrs({ id: d.id, name: d.name })}>`);
      head.push("        <listOfUnits>");
      for (const x of d.units)
        head.push(
          `          <unit${attrs({ kind: x.kind, exponent: x.exponent, scale: x.scale, multiplier: x.multiplier })}/>`,
        );
      head.push("        </listOfUnits>");
      head.push("      </unitDefinition>");
    }
    head.push("    </listOfUnitDefinitions>");
  }
  return { xml: [...head, ...body, "  </model>", "</sbml>", ""].join("\n"), warnings };
}

function notesXml(notes: string, indent: string): string {
  const xhtml = notes.trim().startsWith("<")
    ? notes
    : `<body xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXml(notes)}</p></body>`;
  return `${indent}<notes>${xhtml}</notes>`;
}
