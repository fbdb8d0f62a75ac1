/**
 * Injuries users name (ids of design/interfaces.md) and the timed actions they become:
 *   partial_hepatectomy {fraction_removed}: removes that fraction of every liver cell type, of the
 *     liver fluid with what it holds, of the membrane receptors and of the matrix HGF store; a
 *     small share of the remnant at the cut margin is committed to necrosis; portal endotoxin
 *     reaches the remaining Kupffer cells (x f/(1 - f)) and matrix proteases are activated.
 *     A fraction of 0 changes nothing (it is not a sham operation).
 *   ccl4 {dose mL/kg i.p.}, acetaminophen {dose mg/kg i.p.}, concanavalin_a {dose mg/kg i.v.},
 *   galn_lps {dose: LPS ug/kg, with D-galactosamine galn_dose (700 mg/kg)}: doses into the
 *     toxin states of toxins.ts.
 */
import { type Issue, issue, suggestion } from "../../core/issues.js";
import type { Intervention } from "../../core/scenario/types.js";
import type { ActionState, TimedAction } from "../../core/simulate/types.js";
import { convert, type Quantity } from "../../core/units.js";
import type { InjuryEntry } from "../types.js";
import { HEP_STATES } from "./fate.js";

type Injury = Extract<Intervention, { kind: "injury" }>;

export const INJURIES: readonly InjuryEntry[] = [
  {
    id: "partial_hepatectomy",
    description:
      "partial hepatectomy: removes a fraction of the liver (all cell types, liver fluid, receptors, matrix HGF); portal endotoxin makes Kupffer cells release IL-6",
    params: [
      {
        name: "fraction_removed",
        unit: "1",
        min: 0,
        max: 1,
        description:
          "fraction of the liver mass removed, in (0, 1): 0.7 is the standard mouse 70% PHx, 0.67 the rat 2/3 PHx",
      },
    ],
  },
  {
    id: "ccl4",
    description: "carbon tetrachloride i.p.: CYP2E1-dependent (zone-3) necrosis peaking at 1-2 days",
    params: [
      {
        name: "dose",
        unit: "mL/kg",
        min: 0,
        max: 5,
        description: "CCl4 per kg body weight, e.g. 1 mL/kg (the usual acute dose is 0.5-2 mL/kg)",
      },
    ],
  },
  {
    id: "acetaminophen",
    description:
      "acetaminophen i.p.: NAPQI depletes glutathione, then binds proteins; dose-dependent necrosis within hours",
    params: [
      {
        name: "dose",
        unit: "mg/kg",
        min: 0,
        max: 1000,
        description:
          "acetaminophen per kg body weight, e.g. 300 mg/kg (toxic above ~150 mg/kg in fasted mice)",
      },
    ],
  },
  {
    id: "concanavalin_a",
    description:
      "concanavalin A i.v.: T/NKT-cell-mediated (TNF, IFN-gamma) hepatocyte apoptosis; IL-6/STAT3 protects",
    params: [
      {
        name: "dose",
        unit: "mg/kg",
        min: 0,
        max: 50,
        description: "concanavalin A per kg body weight, e.g. 20 mg/kg",
      },
    ],
  },
  {
    id: "galn_lps",
    description:
      "D-galactosamine (700 mg/kg) with LPS i.p.: transcription block sensitises hepatocytes to Kupffer-cell TNF (fulminant apoptosis)",
    params: [
      {
        name: "dose",
        unit: "ug/kg",
        min: 0,
        max: 1000,
        description: "LPS per kg body weight given with 700 mg/kg D-galactosamine, e.g. 20 ug/kg",
      },
    ],
  },
];

/** The value of an injury parameter in its catalogue unit, or an issue. */
function paramValue(
  iv: Injury,
  name: string,
  unit: string,
  path: string,
): { ok: true; value: number } | { ok: false; issue: Issue } {
  const raw = iv.params[name];
  const at = `${path}.${iv.injury}.${name}`;
  if (raw === undefined) return { ok: false, issue: issue("missing", at, `${iv.injury} needs "${name}".`) };
  if (typeof raw === "number")
    return Number.isFinite(raw)
      ? { ok: true, value: raw }
      : { ok: false, issue: issue("bad-value", at, `"${name}" must be a finite number.`) };
  const c = convert((raw as Quantity).value, (raw as Quantity).unit, unit, at);
  return c.ok ? { ok: true, value: c.value } : { ok: false, issue: c.issue };
}

function hepatectomy(f: number): (s: ActionState) => void {
  return (s) => {
    if (f === 0) return;
    const keep = 1 - f;
    const net = s.model.network;
    for (const id of HEP_STATES) s.scale(id, keep);
    // the cut margin: a share of the remnant is committed to necrosis
    const margin = s.value("f_margin");
    for (const id of HEP_STATES)
      if (id !== "hep_injured") {
        const moved = margin * s.value(id);
        s.scale(id, 1 - margin);
        s.addAmount("hep_injured", moved);
      }
    for (const id of ["hep_mass", "npc", "HGF_matrix"]) s.scale(id, keep);
    // everything in the liver fluid: receptor pools (amounts) and soluble species (amounts kept
    // in a compartment that shrinks with the liver mass, so concentrations stay)
    for (const sp of net.species) if (sp.compartment === "liver") s.scale(sp.id, keep);
    s.addAmount("LPS_liver", s.value("LPS_phx") * (f / keep));
    s.addAmount("uPA_trigger", s.value("uPA_phx"));
  };
}

/** Timed actions of one injury entry, or issues. */
export function injuryActions(
  at: number,
  iv: Injury,
  path: string,
): { actions: TimedAction[]; issues: Issue[] } {
  const def = INJURIES.find((d) => d.id === iv.injury);
  if (!def)
    return {
      actions: [],
      issues: [
        issue("unknown-id", `${path}.${iv.injury}`, `Unknown injury "${iv.injury}".`, {
          hint: suggestion(
            iv.injury,
            INJURIES.map((d) => d.id),
            "injury",
          ),
        }),
      ],
    };
  const spec = def.params[0];
  const v = paramValue(iv, spec.name, spec.unit, path);
  if (!v.ok) return { actions: [], issues: [v.issue] };
  const x = v.value;
  const where = `${path}.${iv.injury}.${spec.name}`;
  if (iv.injury === "partial_hepatectomy") {
    if (!(x >= 0 && x < 1))
      return {
        actions: [],
        issues: [
          issue("out-of-range", where, `fraction_removed must lie in [0, 1), got ${x}.`, {
            hint: spec.description,
          }),
        ],
      };
    return {
      actions: [{ t: at, label: `partial hepatectomy ${Math.round(x * 1000) / 10}%`, apply: hepatectomy(x) }],
      issues: [],
    };
  }
  if (!(x >= spec.min && x <= spec.max))
    return {
      actions: [],
      issues: [
        issue(
          "out-of-range",
          where,
          `${spec.name} must lie in [${spec.min}, ${spec.max}] ${spec.unit}, got ${x}.`,
          { hint: spec.description },
        ),
      ],
    };
  const label = `${iv.injury} ${x} ${spec.unit}`;
  const dose = (apply: (s: ActionState) => void): { actions: TimedAction[]; issues: Issue[] } => ({
    actions: [{ t: at, label, apply }],
    issues: [],
  });
  switch (iv.injury) {
    case "ccl4":
      return dose((s) => s.addAmount("ccl4_depot", x));
    case "acetaminophen":
      return dose((s) => s.addAmount("apap", x));
    case "concanavalin_a":
      return dose((s) => s.addAmount("cona", x));
    default: // galn_lps
      return dose((s) => {
        s.addAmount("galn", s.value("galn_dose"));
        s.addAmount("LPS_liver", s.value("LPS_per_ug_kg") * x);
      });
  }
}
