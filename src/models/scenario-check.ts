/**
 * What a library model checks in a scenario before anything is simulated: observables that
 * exist for the organism, parameter overrides that name parameters, interventions the model can
 * give (its own `actions()`), a known solver. One place, used by runScenario, the sensitivity
 * runs and the HTTP server (which answers 400 instead of starting a run that would fail).
 */
import { type Issue, issue, suggestion } from "../core/issues.js";
import type { Network } from "../core/network/types.js";
import type { ResolvedScenario, SolverChoice } from "../core/scenario/types.js";
import type { TimedAction } from "../core/simulate/types.js";
import { solverByName } from "../core/solve/index.js";
import type { SolverMethod } from "../core/solve/types.js";
import type { LibraryModel, ObservableDef } from "./types.js";

export interface CheckedScenario {
  readonly organism: string;
  readonly observed: ObservableDef[];
  readonly actions: TimedAction[];
  /** The scenario's solver settings over the model's defaults. */
  readonly solver: SolverChoice;
  readonly method?: SolverMethod;
  /** Start time: the scenario's, else the earlier of 0 and the first intervention. */
  readonly t0: number;
  readonly issues: Issue[];
}

export function checkScenario(
  lib: LibraryModel,
  scenario: ResolvedScenario,
  network: Network,
): CheckedScenario {
  const organism = scenario.organism ?? lib.organisms[0];
  const issues: Issue[] = [];
  const defs = new Map(lib.observables.map((o) => [o.id, o]));
  const observed: ObservableDef[] = [];
  scenario.output.observables.forEach((id, k) => {
    const d = defs.get(id);
    if (!d)
      issues.push(
        issue("unknown-id", `output.observables[${k}]`, `Unknown observable "${id}".`, {
          hint: suggestion(id, [...defs.keys()], "observable"),
        }),
      );
    else if (d.organisms && !d.organisms.includes(organism))
      issues.push(
        issue(
          "wrong-organism",
          `output.observables[${k}]`,
          `Observable "${id}" is defined for ${d.organisms.join(", ")}, not ${organism}.`,
        ),
      );
    else observed.push(d);
  });
  const paramIds = network.parameters.map((q) => q.id);
  for (const id of Object.keys(scenario.parameters))
    if (!paramIds.includes(id))
      issues.push(
        issue("unknown-id", `parameters.${id}`, `Unknown parameter "${id}".`, {
          hint: suggestion(id, paramIds, "parameter"),
        }),
      );
  const actions: TimedAction[] = [];
  scenario.timeline.forEach((entry, k) => {
    const r = lib.actions(entry, { organism, path: `timeline[${k}]` });
    actions.push(...r.actions);
    issues.push(...r.issues);
  });
  const solver: SolverChoice = { ...lib.solver, ...scenario.solver };
  const method = solver.method ? solverByName(solver.method) : undefined;
  if (solver.method && !method)
    issues.push(
      issue("unknown-id", "solver.method", `Unknown solver "${solver.method}".`, {
        hint: "Use Rodas5P, BDF or Tsit5.",
      }),
    );
  const t0 = scenario.start ?? Math.min(0, ...scenario.timeline.map((e) => e.at));
  return { organism, observed, actions, solver, ...(method ? { method } : {}), t0, issues };
}
