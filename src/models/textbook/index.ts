/**
 * textbook-pk: a small, documented target-mediated drug disposition model. It is the textbook
 * example of the docs and the fixture the CLI and report tests run against (see README.md).
 */
import type { LibraryModel, ValidationRow } from "../types.js";
import { pkActions } from "./actions.js";
import { DRUGS, GENOTYPES, INJURIES, OBSERVABLES } from "./catalog.js";
import { ORGANISMS, pkNetwork } from "./network.js";
import { SCENARIOS } from "./scenarios.js";
import { validatePk } from "./validate.js";
import { issue, suggestion } from "../../core/issues.js";

export const textbookPk: LibraryModel & { validate(): ValidationRow[] } = {
  id: "textbook-pk",
  description: "textbook antibody PK with target-mediated disposition, depot absorption and tissue resection",
  version: "1.0.0",
  timeUnit: "h",
  organisms: Object.keys(ORGANISMS),
  genotypes: GENOTYPES,
  drugs: DRUGS,
  injuries: INJURIES,
  observables: OBSERVABLES,
  scenarios: SCENARIOS,
  defaultObservables: ["plasma_drug_ug_per_mL", "receptor_occupancy_percent", "free_receptor_nM"],
  network(organism, genotype) {
    const issues = [];
    if (!ORGANISMS[organism])
      issues.push(
        issue("unknown-id", "organism", `Unknown organism "${organism}".`, {
          hint: suggestion(organism, Object.keys(ORGANISMS), "organism"),
        }),
      );
    const known = GENOTYPES.map((g) => g.id);
    genotype.forEach((g, k) => {
      if (!known.includes(g))
        issues.push(
          issue("unknown-id", `genotype[${k}]`, `Unknown genotype "${g}".`, {
            hint: suggestion(g, known, "genotype"),
          }),
        );
    });
    if (issues.length > 0) return { ok: false, issues };
    return { ok: true, network: pkNetwork(organism, genotype) };
  },
  actions: pkActions,
  validate() {
    return validatePk(textbookPk);
  },
};
