/**
 * il6-liver: IL-6 classic and trans-signalling in the liver (part 1: ligands, soluble receptors,
 * drugs and PK, receptors on four liver cell types, JAK1/STAT3/SOCS3, CRP). The LibraryModel the
 * CLI, web app and analysis tools use, plus `validate()` for `il6sim validate`.
 */
import { type Issue, issue, suggestion } from "../../core/issues.js";
import type { Network } from "../../core/network/types.js";
import type { TimedAction } from "../../core/simulate/types.js";
import type { LibraryModel, ValidationRow } from "../types.js";
import { doseActions } from "./doses.js";
import { DRUGS } from "./drugs.js";
import { GENOTYPES, genotypeOverrides } from "./genotypes.js";
import { INJURIES, injuryActions } from "./injuries.js";
import { buildNetwork } from "./model.js";
import { DEFAULT_OBSERVABLES, OBSERVABLES } from "./observables.js";
import { ORGANISMS, type Organism, parameterSet } from "./parameters/index.js";
import { SCENARIOS } from "./scenarios.js";
import { validateWith } from "./validation/index.js";
import { il6LiverPriors } from "./priors.js";

export const MODEL_ID = "il6-liver";
export const MODEL_VERSION = "0.1.0";

const networks = new Map<string, Network>();

const isOrganism = (o: string): o is Organism => (ORGANISMS as readonly string[]).includes(o);

function organismIssue(organism: string, path: string): Issue {
  return issue("unknown-id", path, `Unknown organism "${organism}".`, {
    hint: suggestion(organism, [...ORGANISMS], "organism"),
  });
}

/** The network of an organism and genotype (cached), or issues. */
export function il6LiverNetwork(
  organism: string,
  genotype: readonly string[],
): { ok: true; network: Network } | { ok: false; issues: Issue[] } {
  if (!isOrganism(organism)) return { ok: false, issues: [organismIssue(organism, "organism")] };
  const key = `${organism}|${[...genotype].sort().join(",")}`;
  const hit = networks.get(key);
  if (hit) return { ok: true, network: hit };
  const base = parameterSet(organism);
  const g = genotypeOverrides(genotype, base);
  if (!g.ok) return g;
  const net = buildNetwork(organism, parameterSet(organism, g.overrides));
  networks.set(key, net);
  return { ok: true, network: net };
}

function actions(
  entry: Parameters<LibraryModel["actions"]>[0],
  context: { organism: string; path: string },
): { actions: TimedAction[]; issues: Issue[] } {
  const { organism, path } = context;
  if (!isOrganism(organism)) return { actions: [], issues: [organismIssue(organism, path)] };
  const iv = entry.intervention;
  switch (iv.kind) {
    case "dose":
      return doseActions(entry.at, iv, organism, parameterSet(organism), path);
    case "set": {
      const net = il6LiverNetwork(organism, []);
      const ids = net.ok ? net.network.parameters.map((q) => q.id) : [];
      if (!ids.includes(iv.id))
        return {
          actions: [],
          issues: [
            issue("unknown-id", `${path}.set.id`, `Unknown parameter "${iv.id}".`, {
              hint: suggestion(iv.id, ids, "parameter"),
            }),
          ],
        };
      if (!Number.isFinite(iv.value))
        return {
          actions: [],
          issues: [
            issue("bad-value", `${path}.set.value`, `The value of "${iv.id}" must be a finite number.`),
          ],
        };
      return {
        actions: [{ t: entry.at, label: `set ${iv.id} = ${iv.value}`, apply: (s) => s.set(iv.id, iv.value) }],
        issues: [],
      };
    }
    case "injury":
      return injuryActions(entry.at, iv, path);
  }
}

export interface Il6LiverModel extends LibraryModel {
  /** Validation rows (observation, source, expected band, simulated value, pass), optionally for one organism. */
  validate(organism?: string): ValidationRow[];
}

export const il6Liver: Il6LiverModel = {
  id: MODEL_ID,
  description:
    "IL-6 classic and trans-signalling in the liver: IL-6, sIL-6R, sgp130 and drugs in plasma and liver, receptors and JAK1/STAT3/SOCS3 in hepatocytes, Kupffer cells, LSEC and HSC, CRP (human)",
  version: MODEL_VERSION,
  timeUnit: "h",
  organisms: ORGANISMS,
  genotypes: GENOTYPES.map(({ id, description }) => ({ id, description })),
  drugs: DRUGS.map(({ id, name, description, organisms, routes, units }) => ({
    id,
    name,
    description,
    organisms,
    routes,
    units,
  })),
  injuries: INJURIES,
  observables: OBSERVABLES,
  scenarios: SCENARIOS,
  defaultObservables: DEFAULT_OBSERVABLES,
  // BDF is 2-3x faster than Rodas5P on this 200-state model (bench/suites/model.ts). atol stays
  // at simulate's 1e-10: at 1e-8 plasma IL-6 after clearance is off by 3% of its range
  solver: { method: "BDF" },
  network: il6LiverNetwork,
  actions,
  validate: (organism?: string) => validateWith(il6Liver, organism),
  parameterPriors: il6LiverPriors,
};
