/**
 * The validation report of il6-liver (`il6sim validate`): each published observation as a row
 * with its source, expected band, simulated value and pass/fail. A check that cannot run is a
 * failing row with the reason, never a missing one.
 */
import type { LibraryModel, ValidationRow } from "../../types.js";
import { baselineRows } from "./baseline.js";
import { potencyRows, receptorSpecificityRows, sgp130fcRows } from "./cells.js";
import { ratRows } from "./rat.js";
import { mousePhxRows } from "./regeneration.js";
import { errorRow } from "./rows.js";
import { stepRows } from "./step.js";
import { tocilizumabRows } from "./tocilizumab.js";

interface Check {
  readonly id: string;
  readonly organism: string;
  readonly observation: string;
  readonly source: string;
  run(lib: LibraryModel): ValidationRow[];
}

export const CHECKS: readonly Check[] = [
  { id: "human_baseline", organism: "human", observation: "healthy human steady state", source: "design/model.md", run: baselineRows },
  { id: "cells_receptor_specificity", organism: "human", observation: "IL-6, Hyper-IL-6 and IL-6 + sIL-6R on the four cell types", source: "Chebath 1997", run: receptorSpecificityRows },
  { id: "cells_potency", organism: "human", observation: "IL-6 vs Hyper-IL-6 potency on hepatocytes", source: "Chebath 1997", run: potencyRows },
  { id: "cells_sgp130fc", organism: "human", observation: "sgp130Fc window", source: "Garbers 2011", run: sgp130fcRows },
  { id: "step", organism: "mouse", observation: "hepatocyte pSTAT3 after an IL-6 step", source: "Sobotta 2017", run: stepRows },
  { id: "tocilizumab", organism: "human", observation: "tocilizumab PK and CRP", source: "ACTEMRA label", run: tocilizumabRows },
  { id: "mouse_phx", organism: "mouse", observation: "mouse partial hepatectomy", source: "design/model.md", run: mousePhxRows },
  { id: "rat_phx", organism: "rat", observation: "rat partial hepatectomy and liver volumes", source: "design/model.md", run: ratRows },
];

export function validateWith(lib: LibraryModel, organism?: string): ValidationRow[] {
  return CHECKS.filter((c) => organism === undefined || c.organism === organism).flatMap((c) => {
    try {
      return c.run(lib);
    } catch (err) {
      return [errorRow(c.id, c.organism, c.observation, c.source, err)];
    }
  });
}
