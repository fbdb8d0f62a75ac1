/**
 * An imported SBML network as a library model, so `il6sim run model.xml` goes through the
 * same scenario checks, runScenario and report as the library: every species (concentration,
 * or amount where the species has only substance units), non-constant parameter and
 * compartment is an observable by its SBML id; `set` is the only intervention; no steady-state
 * pre-equilibration unless asked for.
 */
import { sym } from "../core/expr/ast.js";
import { issue } from "../core/issues.js";
import type { Network } from "../core/network/types.js";
import { sbmlDefaultObservables } from "../io/sbml/observables.js";
import type { LibraryModel, ObservableDef } from "./types.js";

const SECONDS: Record<number, string> = { 1: "s", 60: "min", 3600: "h", 86400: "d" };

/** The model's time unit as il6sim writes it ("s", "h", ...), or "" when it declares none. */
export function sbmlTimeUnit(net: Network): string {
  const t = net.units?.time;
  if (t === undefined || t === "dimensionless") return "";
  if (t === "second") return "s";
  const def = net.unitDefinitions?.find((u) => u.id === t);
  if (!def || def.units.length !== 1) return "";
  const u = def.units[0];
  if (u.kind !== "second" || u.exponent !== 1) return "";
  return SECONDS[Math.round(u.multiplier * 10 ** u.scale)] ?? "";
}

export function sbmlLibraryModel(net: Network, file: string): LibraryModel {
  const named = new Map<string, { name?: string; unit?: string; kind: string }>([
    ...net.species.map((s) => [s.id, { name: s.name, unit: s.unit, kind: "species" }] as const),
    ...net.parameters.map((p) => [p.id, { name: p.name, unit: p.unit, kind: "parameter" }] as const),
    ...net.compartments.map((c) => [c.id, { name: c.name, unit: c.unit, kind: "compartment" }] as const),
  ]);
  const observables: ObservableDef[] = sbmlDefaultObservables(net).map((id) => {
    const n = named.get(id);
    return {
      id,
      description: n?.name ? `${n.name} (${n?.kind})` : (n?.kind ?? "quantity"),
      unit: n?.unit ?? "",
      expr: sym(id),
    };
  });
  return {
    id: file,
    description: net.name ?? net.id,
    version: "sbml",
    timeUnit: sbmlTimeUnit(net),
    organisms: ["default"],
    genotypes: [],
    drugs: [],
    injuries: [],
    observables,
    scenarios: [],
    defaultObservables: observables.map((o) => o.id),
    network(_organism, genotype) {
      if (genotype.length > 0)
        return { ok: false, issues: [issue("unsupported", "genotype", "An SBML model has no genotypes.")] };
      return { ok: true, network: net };
    },
    actions(entry, context) {
      const iv = entry.intervention;
      if (iv.kind === "set")
        return {
          actions: [
            { t: entry.at, label: `set ${iv.id} = ${iv.value}`, apply: (s) => s.set(iv.id, iv.value) },
          ],
          issues: [],
        };
      return {
        actions: [],
        issues: [
          issue(
            "unsupported",
            context.path,
            `An SBML model has no ${iv.kind === "dose" ? "drug" : "injury"} catalogue.`,
            { hint: "Use `set` to change a parameter at a time." },
          ),
        ],
      };
    },
  };
}
