/**
 * One member of a virtual population for a library-model scenario: the sampled parameter
 * values become scenario overrides, runScenario does the rest. Used alike by the worker
 * threads and by the main thread (nominal run, --workers 0), so a member's result never
 * depends on where it ran.
 */
import type { MemberSimulator } from "../../core/analysis/population/index.js";
import type { ResolvedScenario } from "../../core/scenario/types.js";
import { runScenario } from "../../models/run.js";
import type { LibraryModel } from "../../models/types.js";

export function memberSimulator(
  model: LibraryModel,
  scenario: ResolvedScenario,
  observables: readonly string[],
  nTimes: number,
): MemberSimulator {
  return (values) => {
    const parameters = { ...scenario.parameters, ...Object.fromEntries(values) };
    const out = runScenario(model, { ...scenario, parameters }, { observablesOnly: true });
    if (!out.ok) return { ok: false, message: out.issues.map((i) => i.message).join("; ") };
    const r = out.result;
    if (r.status !== "ok") return { ok: false, message: `${r.status}: ${r.message}` };
    if (r.t.length !== nTimes)
      return { ok: false, message: `expected ${nTimes} output times, got ${r.t.length}` };
    return { ok: true, series: observables.map((id) => r.observables[id]) };
  };
}
