/**
 * Doses in the units people use -> timed actions. Amounts: a mass per animal or patient (ng, ug,
 * mg, g), a mass per body weight (ug/kg, mg/kg; multiplied by the organism's body_weight when the
 * dose is given) or an amount of substance (pmol, nmol). Routes: iv (bolus into plasma),
 * iv_infusion (a rate switched on for `duration`), sc / ip / po (into a depot, times the
 * bioavailability F, absorbed first-order). Every problem is reported at once, with what is allowed.
 */
import { type Issue, issue, suggestion } from "../../core/issues.js";
import type { Intervention } from "../../core/scenario/types.js";
import type { ActionState, TimedAction } from "../../core/simulate/types.js";
import { convert, parseUnit, type Quantity } from "../../core/units.js";
import { DEPOT_ROUTES, DRUGS, type DrugDef, depotSpecies, plasmaSpecies } from "./drugs.js";
import type { ParamSet } from "./parameters/index.js";

type Dose = Extract<Intervention, { kind: "dose" }>;

/** How a dose amount is expressed. */
export type DoseAmount =
  { kind: "mass"; mg: number } | { kind: "perKg"; mgPerKg: number } | { kind: "moles"; pmol: number };

const isMass = (u: string) => {
  const r = parseUnit(u);
  return r.ok && r.unit.dim.every((e, k) => e === (k === 0 ? 1 : 0));
};

/** Read a dose amount, or say what units are allowed. */
export function readAmount(
  q: Quantity,
  path: string,
): { ok: true; amount: DoseAmount } | { ok: false; issue: Issue } {
  const bad = (msg: string) =>
    ({
      ok: false,
      issue: issue("wrong-unit", path, msg, {
        hint: 'Write a mass ("2 ug", "0.5 mg"), a mass per body weight ("8 mg/kg") or an amount ("10 pmol").',
      }),
    }) as const;
  const u = parseUnit(q.unit, path);
  if (!u.ok) return u;
  const slash = q.unit.split("/");
  if (slash.length === 2 && isMass(slash[0]) && isMass(slash[1])) {
    const r = convert(q.value, q.unit, "mg/kg", path);
    return r.ok ? { ok: true, amount: { kind: "perKg", mgPerKg: r.value } } : r;
  }
  if (isMass(q.unit)) {
    const r = convert(q.value, q.unit, "mg", path);
    return r.ok ? { ok: true, amount: { kind: "mass", mg: r.value } } : r;
  }
  const d = u.unit.dim;
  if (d[1] === 1 && d.every((e, k) => k === 1 || e === 0)) {
    const r = convert(q.value, q.unit, "pmol", path);
    return r.ok ? { ok: true, amount: { kind: "moles", pmol: r.value } } : r;
  }
  return bad(`"${q.value} ${q.unit}" is not a dose.`);
}

/** pmol of drug for a dose, with the model's current body weight and molar mass. */
export function dosePmol(a: DoseAmount, bodyWeightKg: number, mw: number): number {
  if (a.kind === "moles") return a.pmol;
  const mg = a.kind === "mass" ? a.mg : a.mgPerKg * bodyWeightKg;
  return (mg * 1e-3 * 1e12) / mw;
}

export function doseActions(
  at: number,
  dose: Dose,
  organism: string,
  set: ParamSet,
  path: string,
): { actions: TimedAction[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const drug = DRUGS.find((d) => d.id === dose.drug);
  if (!drug) {
    issues.push(
      issue("unknown-id", `${path}.dose.drug`, `Unknown drug "${dose.drug}".`, {
        hint: suggestion(
          dose.drug,
          DRUGS.map((d) => d.id),
          "drug",
        ),
      }),
    );
    return { actions: [], issues };
  }
  if (!drug.organisms.includes(organism)) {
    issues.push(
      issue("wrong-organism", `${path}.dose.drug`, `${drug.name} is not active in the ${organism}.`, {
        hint: drug.wrongOrganismHint?.[organism] ?? `It is defined for: ${drug.organisms.join(", ")}.`,
      }),
    );
  }
  if (!drug.routes.includes(dose.route)) {
    issues.push(
      issue(
        "unknown-route",
        `${path}.dose.route`,
        `Route "${dose.route}" is not available for ${drug.name}.`,
        {
          hint: `Allowed: ${drug.routes.map((r) => `"${r}"`).join(", ")}.`,
        },
      ),
    );
  }
  const amount = checkAmount(dose, drug, set, path, issues);
  const duration = checkDuration(dose, path, issues);
  if (issues.some((i) => i.severity === "error") || !amount) return { actions: [], issues };
  return { actions: actionsFor(at, dose, drug, amount, duration), issues };
}

function checkAmount(
  dose: Dose,
  drug: DrugDef,
  set: ParamSet,
  path: string,
  issues: Issue[],
): DoseAmount | undefined {
  const p = `${path}.dose.amount`;
  const { value, unit } = dose.amount;
  if (!Number.isFinite(value)) {
    issues.push(issue("bad-value", p, `The dose amount ${value} is not a finite number.`));
    return undefined;
  }
  if (value < 0) {
    issues.push(
      issue("bad-value", p, `A dose cannot be negative (${value} ${unit}).`, {
        hint: "Give an amount >= 0.",
      }),
    );
    return undefined;
  }
  const r = readAmount(dose.amount, p);
  if (!r.ok) {
    issues.push(r.issue);
    return undefined;
  }
  const bw = set.body_weight.value;
  const mgPerKg =
    r.amount.kind === "perKg"
      ? r.amount.mgPerKg
      : r.amount.kind === "mass"
        ? r.amount.mg / bw
        : (r.amount.pmol * set[drug.mw].value * 1e-9) / bw;
  if (mgPerKg > drug.maxMgPerKg) {
    issues.push(
      issue(
        "absurd-dose",
        p,
        `${value} ${unit} of ${drug.name} is ${fmt(mgPerKg)} mg/kg for a ${bw} kg body, above the ${drug.maxMgPerKg} mg/kg this model accepts.`,
        {
          hint: "Check the unit (ug vs mg, per animal vs per kg).",
        },
      ),
    );
    return undefined;
  }
  return r.amount;
}

function checkDuration(dose: Dose, path: string, issues: Issue[]): number | undefined {
  const p = `${path}.dose.duration`;
  if (dose.route !== "iv_infusion") {
    if (dose.duration !== undefined)
      issues.push(
        issue("ignored", p, `A duration is only used for route "iv_infusion" (route is "${dose.route}").`, {
          severity: "warning",
        }),
      );
    return undefined;
  }
  if (!dose.duration) {
    issues.push(issue("missing", p, "An i.v. infusion needs a duration.", { hint: 'e.g. duration: "1 h".' }));
    return undefined;
  }
  const h = convert(dose.duration.value, dose.duration.unit, "h", p);
  if (!h.ok) {
    issues.push(h.issue);
    return undefined;
  }
  if (!(h.value > 0) || !Number.isFinite(h.value)) {
    issues.push(
      issue(
        "bad-value",
        p,
        `The infusion duration must be > 0 (got ${dose.duration.value} ${dose.duration.unit}).`,
      ),
    );
    return undefined;
  }
  return h.value;
}

function actionsFor(
  at: number,
  dose: Dose,
  drug: DrugDef,
  amount: DoseAmount,
  duration: number | undefined,
): TimedAction[] {
  const d = drug.species;
  const label = `${drug.id} ${dose.amount.value} ${dose.amount.unit} ${dose.route}${duration ? ` over ${fmt(duration)} h` : ""}`;
  const pmol = (s: ActionState) => dosePmol(amount, s.value("body_weight"), s.value(drug.mw));
  if (dose.route === "iv") return [{ t: at, label, apply: (s) => s.addAmount(plasmaSpecies(d), pmol(s)) }];
  if (dose.route === "iv_infusion") {
    const rate = `infusion_${d}`;
    let perHour = 0; // fixed when the infusion starts, so the stop removes exactly what the start added
    return [
      {
        t: at,
        label: `${label} (start)`,
        apply: (s) => {
          perHour = pmol(s) / duration!;
          s.set(rate, s.value(rate) + perHour);
        },
      },
      {
        t: at + duration!,
        label: `${label} (end)`,
        apply: (s) => s.set(rate, Math.max(0, s.value(rate) - perHour)),
      },
    ];
  }
  if (!DEPOT_ROUTES[d].includes(dose.route)) return [];
  return [
    {
      t: at,
      label,
      apply: (s) => s.addAmount(depotSpecies(d, dose.route), s.value(`F_${d}_${dose.route}`) * pmol(s)),
    },
  ];
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Number(x.toPrecision(3)).toString());
