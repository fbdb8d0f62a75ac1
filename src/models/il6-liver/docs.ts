/**
 * The generated reference page of il6-liver (docs/models/il6-liver.md): structure, observables,
 * drugs, injuries, genotypes, scenarios and every parameter with value, unit, confidence and source,
 * all read from the code, so the page cannot drift. `npm run docs:models` writes it; a test
 * fails when the checked-in page differs.
 */
import { toText } from "../../core/expr/index.js";
import type { Network, Parameter } from "../../core/network/types.js";
import { il6Liver } from "./index.js";
import { ORGANISMS } from "./parameters/index.js";
import { DRUGS } from "./drugs.js";
import { HEP_STATES } from "./fate.js";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const num = (v: number) =>
  v === 0
    ? "0"
    : Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3
      ? v.toExponential(3).replace(/\.?0+e/, "e")
      : Number(v.toPrecision(4)).toString();

function networkOf(organism: string): Network {
  const r = il6Liver.network(organism, []);
  if (!r.ok) throw new Error(`il6sim internal error: ${r.issues[0].message}`);
  return r.network;
}

/** States by module, counted from the network itself. */
const HGF_STATES = ["HGF", "HGF_matrix", "uPA_trigger", "uPA", "HGF_tx_hsc"];
const KUPFFER = ["LPS_liver", "TNF_kc", "IL6_tx_kc"];
const TOXIN_STATES = ["ccl4_depot", "ccl4", "CYP2E1", "apap", "GSH", "apap_adducts", "cona", "tcell", "galn"];
const ACUTE = (id: string) => /^(CRP|SAA|FGG|HP)_/.test(id);

/** States by module, counted from the network itself. */
function structure(net: Network): [string, number][] {
  const sp = net.species;
  const count = (f: (s: (typeof sp)[number]) => boolean) => sp.filter(f).length;
  const perCell = (c: string) =>
    [
      [
        `receptors, ${c} (in liver fluid)`,
        count((s) => s.compartment === "liver" && s.hasOnlySubstanceUnits && s.id.endsWith(`_${c}`)),
      ],
      [
        `JAK1/STAT3/SOCS3, ${c} (one cell)`,
        count((s) => (s.compartment === `cyt_${c}` || s.compartment === `nuc_${c}`) && !ACUTE(s.id)),
      ],
    ] as [string, number][];
  const inTissue = (ids: readonly string[]) => count((s) => ids.includes(s.id));
  return [
    [
      "ligands and soluble receptors, plasma",
      count((s) => s.compartment === "plasma" && !ACUTE(s.id) && s.id !== "ALT"),
    ],
    [
      "ligands and soluble receptors, liver fluid",
      count((s) => s.compartment === "liver" && !s.hasOnlySubstanceUnits),
    ],
    ["antibodies and Fc fusions, periphery", count((s) => s.compartment === "periph")],
    ["dose depots", count((s) => s.compartment === "depot")],
    ["ruxolitinib", count((s) => s.compartment === "rux_vd")],
    ...["hep", "kc", "lsec", "hsc"].flatMap(perCell),
    [
      "hepatocyte fate: Q, P, late G1 (6), S (4), G2 (2), M, injured; mass, STAT3 programme, non-parenchymal cells, S-entry counter (fate.ts)",
      inTissue([...HEP_STATES, "hep_mass", "hep_prot", "npc", "S_entries"]),
    ],
    [
      "HGF: plasma pool, matrix store, protease trigger and activity, stellate-cell induction (hgf.ts)",
      inTissue(HGF_STATES),
    ],
    ["Kupffer cells: endotoxin, TNF/NF-kB, IL-6 transcription (injury.ts)", inTissue(KUPFFER)],
    [
      "toxins: CCl4 (2) and CYP2E1, acetaminophen, glutathione, adducts, concanavalin A, T cells, D-galactosamine (toxins.ts)",
      inTissue(TOXIN_STATES),
    ],
    ["ALT (injury.ts) and cumulative failure hazard (survival.ts)", inTissue(["ALT", "hazard_cum"])],
    [
      "acute phase: CRP (human), SAA (mouse), fibrinogen and haptoglobin (delays, mRNA, plasma)",
      count((s) => ACUTE(s.id)),
    ],
  ];
}

function paramRow(q: Parameter, net: Network): string {
  const ia = net.initialAssignments.find((a) => a.symbol === q.id);
  const pv = q.provenance!;
  const note = [ia ? `= ${toText(ia.math)}` : "", pv.note ?? ""].filter(Boolean).join("; ");
  return `| \`${q.id}\` | ${num(q.value)} | ${cell(q.unit ?? "")} | ${pv.confidence} | ${cell(pv.source)} | ${cell(note)} |`;
}

const HEAD = "| id | value | unit | confidence | source | note |\n|---|---|---|---|---|---|";

function same(a: Parameter, b: Parameter): boolean {
  return (
    a.value === b.value &&
    a.unit === b.unit &&
    a.provenance?.source === b.provenance?.source &&
    a.provenance?.confidence === b.provenance?.confidence &&
    a.provenance?.note === b.provenance?.note
  );
}

function parameterTables(): string[] {
  const nets = Object.fromEntries(ORGANISMS.map((o) => [o, networkOf(o)]));
  const byId = (o: string) => new Map(nets[o].parameters.map((q) => [q.id, q]));
  const maps = Object.fromEntries(ORGANISMS.map((o) => [o, byId(o)]));
  const shared = nets.human.parameters.filter((q) =>
    ORGANISMS.every((o) => maps[o].has(q.id) && same(maps[o].get(q.id)!, q)),
  );
  const sharedIds = new Set(shared.map((q) => q.id));
  const out = [
    "## Parameters",
    "",
    "Confidence: **measured** (read from an experiment), **fitted** (a fit from a published model, or calibrated here as stated), **assumed** (order of magnitude or a stated assumption), **derived** (computed from other parameters; the formula is in the note). Time in hours, concentrations in nM, volumes in mL (fluids) or pL (one cell), amounts in pmol.",
    "",
    `### Shared by mouse, rat and human (${shared.length})`,
    "",
    HEAD,
    ...shared.map((q) => paramRow(q, nets.human)),
  ];
  for (const o of ORGANISMS) {
    const own = nets[o].parameters.filter((q) => !sharedIds.has(q.id));
    out.push(
      "",
      `### ${o[0].toUpperCase()}${o.slice(1)} (${own.length})`,
      "",
      HEAD,
      ...own.map((q) => paramRow(q, nets[o])),
    );
  }
  return out;
}

export function modelDocs(): string {
  const lines: string[] = [
    `# ${il6Liver.id} ${il6Liver.version}: generated reference`,
    "",
    "<!-- Generated by `npm run docs:models` from src/models/il6-liver; do not edit by hand. -->",
    "",
    `${il6Liver.description}. The biology, sources and assumptions are in [src/models/il6-liver/README.md](../../src/models/il6-liver/README.md); this page lists what the code contains.`,
    "",
    "## Structure",
    "",
    "| module | mouse | rat | human |",
    "|---|---|---|---|",
  ];
  const nets = ORGANISMS.map((o) => networkOf(o));
  const rows = nets.map(structure);
  rows[0].forEach(([name], k) => lines.push(`| ${name} | ${rows.map((r) => r[k][1]).join(" | ")} |`));
  lines.push(
    `| **states** | ${nets.map((n) => n.species.length).join(" | ")} |`,
    `| reactions | ${nets.map((n) => n.reactions.length).join(" | ")} |`,
    `| parameters | ${nets.map((n) => n.parameters.length).join(" | ")} |`,
    "",
    "## Observables",
    "",
    "| id | unit | meaning |",
    "|---|---|---|",
    ...il6Liver.observables.map(
      (o) =>
        `| \`${o.id}\` | ${o.unit} | ${cell(o.description)}${o.relativeTo ? " (fold over the scenario start)" : ""}${o.organisms ? ` (${o.organisms.join(", ")} only)` : ""} |`,
    ),
    "",
    "## Drugs",
    "",
    "| id | name | organisms | routes | dose units | model species |",
    "|---|---|---|---|---|---|",
    ...DRUGS.map(
      (d) =>
        `| \`${d.id}\` | ${d.name} | ${d.organisms.join(", ")} | ${d.routes.join(", ")} | ${d.units.join(", ")} | ${d.species} |`,
    ),
    "",
    "## Injuries",
    "",
    "| id | what | parameter | unit | range |",
    "|---|---|---|---|---|",
    ...il6Liver.injuries.flatMap((i) =>
      i.params.map(
        (q) =>
          `| \`${i.id}\` | ${cell(i.description)} | \`${q.name}\`: ${cell(q.description)} | ${q.unit} | ${q.min}-${q.max} |`,
      ),
    ),
    "",
    "## Genotypes",
    "",
    "| id | meaning |",
    "|---|---|",
    ...il6Liver.genotypes.map((g) => `| \`${g.id}\` | ${cell(g.description)} |`),
    "",
    "## Named scenarios",
    "",
    "| id | organism | what | mirrors |",
    "|---|---|---|---|",
    ...il6Liver.scenarios.map(
      (s) => `| \`${s.id}\` | ${s.scenario.organism} | ${cell(s.description)} | ${cell(s.mirrors)} |`,
    ),
    "",
    ...parameterTables(),
    "",
  );
  return lines.join("\n");
}
