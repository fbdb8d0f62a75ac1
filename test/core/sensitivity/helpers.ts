/** Shared by the sensitivity tests: compile a network, and the truth from finite differences. */
import { compileNetwork, type CompiledModel } from "../../../src/core/compile/index.js";
import type { Network } from "../../../src/core/network/index.js";
import { simulate } from "../../../src/core/simulate/index.js";
import type { SimulateOptions } from "../../../src/core/simulate/types.js";
import { bdf } from "../../../src/core/solve/index.js";

export function compiled(net: Network): CompiledModel {
  const r = compileNetwork(net);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.model;
}

/**
 * d(series of `ids`)/dθ by fourth-order central differences of full simulations at tight
 * tolerances (rtol 1e-12): out[id][i]. `run` maps an override value of θ to a simulation's series.
 */
export function differences(
  run: (value: number) => Record<string, Float64Array>,
  value: number,
  relStep = 1e-3,
): Record<string, Float64Array> {
  const h = relStep * (Math.abs(value) || 1);
  const [a, b, c, d] = [2, 1, -1, -2].map((o) => run(value + o * h));
  const out: Record<string, Float64Array> = {};
  for (const id of Object.keys(a))
    out[id] = a[id].map((_, i) => (-a[id][i] + 8 * b[id][i] - 8 * c[id][i] + d[id][i]) / (12 * h));
  return out;
}

/** Series of `ids` from a plain BDF simulation with θ overridden. */
export function seriesWith(
  model: CompiledModel,
  options: SimulateOptions,
  ids: readonly string[],
  theta: string,
): (value: number) => Record<string, Float64Array> {
  return (value) => {
    const base =
      options.overrides instanceof Map ? Object.fromEntries(options.overrides) : (options.overrides ?? {});
    const r = simulate(model, {
      method: bdf,
      rtol: 1e-12,
      atol: 1e-14,
      ...options,
      overrides: { ...base, [theta]: value },
    });
    if (r.status !== "ok") throw new Error(r.message);
    return Object.fromEntries(ids.map((id) => [id, r.series(id)]));
  };
}

/** max_i |a_i − b_i| / (rel·|b_i| + abs): ≤ 1 means agreement. */
export function scaledError(a: ArrayLike<number>, b: ArrayLike<number>, rel: number, abs: number): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++)
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / (rel * Math.abs(b[i]) + abs));
  return worst;
}
