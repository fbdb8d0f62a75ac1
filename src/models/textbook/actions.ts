/**
 * Timeline entries of textbook-pk as timed actions: a dose becomes an amount added to the
 * plasma (i.v.), to the depot (s.c., i.p.; times the bioavailability), or an infusion switched
 * on and off; a resection removes a fraction of the tissue and of its receptors.
 */
import { type Issue, issue } from "../../core/issues.js";
import type { TimelineEntry } from "../../core/scenario/types.js";
import type { TimedAction } from "../../core/simulate/types.js";
import { convert, type Quantity, sameDimension } from "../../core/units.js";
import { DEPOT_BIOAVAILABILITY, DRUG_MW_KDA, ORGANISMS } from "./network.js";
import { DRUGS } from "./catalog.js";

type Outcome = { actions: TimedAction[]; issues: Issue[] };

/** A dose in nmol of drug, from a mass, a mass per body weight or an amount. */
export function doseInNmol(
  amount: Quantity,
  bodyWeightKg: number,
  path: string,
): { ok: true; nmol: number } | { ok: false; issue: Issue } {
  const gramsToNmol = (g: number) => (g / (DRUG_MW_KDA * 1000)) * 1e9;
  const given = `${amount.value} ${amount.unit}`;
  if (sameDimension(amount.unit, "mg")) {
    const g = convert(amount.value, amount.unit, "g", path);
    return g.ok ? { ok: true, nmol: gramsToNmol(g.value) } : g;
  }
  if (sameDimension(amount.unit, "mg/kg")) {
    const gPerKg = convert(amount.value, amount.unit, "g/kg", path);
    return gPerKg.ok ? { ok: true, nmol: gramsToNmol(gPerKg.value * bodyWeightKg) } : gPerKg;
  }
  if (sameDimension(amount.unit, "nmol")) {
    const n = convert(amount.value, amount.unit, "nmol", path);
    return n.ok ? { ok: true, nmol: n.value } : n;
  }
  return {
    ok: false,
    issue: issue("wrong-unit", path, `"${given}" is not a dose.`, {
      hint: "Give a mass (ug, mg), a mass per body weight (mg/kg) or an amount (nmol).",
    }),
  };
}

function doseActions(
  entry: TimelineEntry & { intervention: { kind: "dose" } },
  organism: string,
  path: string,
): Outcome {
  const d = entry.intervention;
  const issues: Issue[] = [];
  const drug = DRUGS.find((x) => x.id === d.drug);
  if (!drug) {
    return { actions: [], issues: [issue("unknown-id", `${path}.dose.drug`, `Unknown drug "${d.drug}".`)] };
  }
  if (!drug.organisms.includes(organism)) {
    const alt = DRUGS.find((x) => x.organisms.includes(organism));
    issues.push(
      issue("wrong-organism", `${path}.dose.drug`, `"${d.drug}" does not bind the ${organism} receptor.`, {
        hint: alt ? `Use "${alt.id}" in ${organism}.` : `It is active in ${drug.organisms.join(", ")}.`,
      }),
    );
  }
  const bw = ORGANISMS[organism].bodyWeight;
  const amount = doseInNmol(d.amount, bw, `${path}.dose.amount`);
  if (!amount.ok) issues.push(amount.issue);
  else if (amount.nmol < 0)
    issues.push(
      issue(
        "negative-dose",
        `${path}.dose.amount`,
        `A dose cannot be negative (got ${d.amount.value} ${d.amount.unit}).`,
      ),
    );
  let hours = 0;
  if (d.route === "iv_infusion") {
    const dur = d.duration
      ? convert(d.duration.value, d.duration.unit, "h", `${path}.dose.duration`)
      : undefined;
    if (!dur)
      issues.push(
        issue("missing", `${path}.dose.duration`, "An iv_infusion needs a duration.", {
          hint: 'e.g. "duration: 1 h".',
        }),
      );
    else if (!dur.ok) issues.push(dur.issue);
    else if (!(dur.value > 0))
      issues.push(issue("out-of-range", `${path}.dose.duration`, "An infusion's duration must be positive."));
    else hours = dur.value;
  }
  if (issues.length > 0 || !amount.ok) return { actions: [], issues };
  const nmol = amount.nmol;
  const label = `${d.drug} ${d.amount.value} ${d.amount.unit} ${d.route}`;
  switch (d.route) {
    case "iv":
      return { actions: [{ t: entry.at, label, apply: (s) => s.addAmount("D", nmol) }], issues };
    case "sc":
    case "ip":
      return {
        actions: [{ t: entry.at, label, apply: (s) => s.addAmount("depot", nmol * DEPOT_BIOAVAILABILITY) }],
        issues,
      };
    case "iv_infusion": {
      const rate = nmol / hours;
      return {
        actions: [
          {
            t: entry.at,
            label: `${label} start`,
            apply: (s) => s.set("infusion_rate", s.value("infusion_rate") + rate),
          },
          {
            t: entry.at + hours,
            label: `${label} end`,
            apply: (s) => s.set("infusion_rate", s.value("infusion_rate") - rate),
          },
        ],
        issues,
      };
    }
    default:
      return {
        actions: [],
        issues: [
          issue("unknown-id", `${path}.dose.route`, `Unknown route "${d.route}".`, {
            hint: `Allowed: ${drug.routes.join(", ")}.`,
          }),
        ],
      };
  }
}

export function pkActions(entry: TimelineEntry, context: { organism: string; path: string }): Outcome {
  const { path } = context;
  const iv = entry.intervention;
  switch (iv.kind) {
    case "dose":
      return doseActions({ ...entry, intervention: iv }, context.organism, path);
    case "set":
      return {
        actions: [{ t: entry.at, label: `set ${iv.id} = ${iv.value}`, apply: (s) => s.set(iv.id, iv.value) }],
        issues: [],
      };
    case "injury": {
      if (iv.injury !== "resection")
        return {
          actions: [],
          issues: [
            issue("unknown-id", path, `Unknown injury "${iv.injury}".`, { hint: 'Allowed: "resection".' }),
          ],
        };
      const f = iv.params.fraction_removed;
      if (typeof f !== "number" || !(f > 0 && f < 1))
        return {
          actions: [],
          issues: [
            issue(
              "out-of-range",
              `${path}.resection.fraction_removed`,
              `fraction_removed must lie in (0, 1), got ${JSON.stringify(f)}.`,
            ),
          ],
        };
      const keep = 1 - f;
      return {
        actions: [
          {
            t: entry.at,
            label: `resection ${Math.round(f * 100)}%`,
            apply: (s) => ["tissue", "R", "DR"].forEach((id) => s.scale(id, keep)),
          },
        ],
        issues: [],
      };
    }
  }
}
