/**
 * The steady state of a compiled model from (y0, p), with its dormant states (zero, and with a
 * rate that vanishes while they are: no drug given) left out of the Newton iteration, as in
 * simulate(). Their f and the coupling J_ZN vanish, so Newton (or the integration fallback) keeps
 * them at zero in the full system too: the result is that system's, found on the smaller one.
 */
import type { CompiledModel } from "../compile/index.js";
import { steadyState, type SteadyStateOptions, type SteadyStateResult } from "../solve/steady-state.js";
import { dormantStates } from "./dormant.js";
import { ReducedSystem } from "./reduced-system.js";

const NOTHING_SET = { states: new Set<number>(), params: new Set<number>() };

export function modelSteadyState(
  model: CompiledModel,
  p: Float64Array,
  y0: Float64Array,
  options: SteadyStateOptions = {},
): SteadyStateResult {
  const plain = model.system.mass || model.equations.delays.size > 0;
  const d = plain ? null : dormantStates(model, y0, p, NOTHING_SET);
  if (!d) return steadyState(model.system, p, y0, options);
  const sys = new ReducedSystem(model, d);
  const { atol } = options;
  const active = (v: Float64Array) => Float64Array.from(d.active, (i) => v[i]);
  const r = steadyState(
    sys,
    p,
    active(y0),
    typeof atol === "object" ? { ...options, atol: active(atol) } : options,
  );
  return { ...r, y: sys.expanded(r.y) };
}
