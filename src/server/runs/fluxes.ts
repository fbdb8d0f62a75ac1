/**
 * What the IL-6 system diagram draws: the net rate at which each route forms its receptor
 * complex on each cell type — IL-6·mIL-6R meeting gp130 (classic), IL-6·sIL-6R binding gp130
 * (trans), Hyper-IL-6 binding gp130 — read from the simulation as reaction rates at the output
 * times. Found by reaction id (`classic_assembly_<cell>`, `trans_binding_<cell>`,
 * `hil6_binding_<cell>`, see models/il6-liver/receptors.ts); a model without them has none.
 */
import type { SimulationResult } from "../../core/simulate/types.js";
import type { Fluxes } from "../store/runs.js";

export const FLUX_ROUTES = [
  { route: "classic", prefix: "classic_assembly_" },
  { route: "trans", prefix: "trans_binding_" },
  { route: "hil6", prefix: "hil6_binding_" },
] as const;

const CELL_LABELS: Record<string, string> = {
  hep: "Hepatocytes",
  kc: "Kupffer cells",
  lsec: "LSEC",
  hsc: "Stellate cells",
};

export function fluxesOf(sim: SimulationResult, timeUnit: string): Fluxes | undefined {
  const ids = sim.model.network.reactions.map((r) => r.id);
  const found = FLUX_ROUTES.flatMap((r) =>
    ids
      .filter((id) => id.startsWith(r.prefix))
      .map((id) => ({ route: r.route, cell: id.slice(r.prefix.length), id })),
  );
  if (found.length === 0) return undefined;
  const series = sim.seriesMany(found.map((f) => f.id));
  const routes: Record<string, Record<string, number[]>> = {};
  found.forEach((f, k) => {
    (routes[f.route] ??= {})[f.cell] = Array.from(series[k], (v) => (Number.isFinite(v) ? v : 0));
  });
  const cells = [...new Set(found.map((f) => f.cell))].map((id) => ({ id, label: CELL_LABELS[id] ?? id }));
  return { unit: `pmol/${timeUnit || "time"}`, cells, routes };
}
