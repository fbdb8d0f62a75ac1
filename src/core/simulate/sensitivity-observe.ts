/**
 * Sensitivities of model expressions (observables) from those of the states:
 *   d e/dθ = ∂e/∂y · dy/dθ + ∂e/∂p · dp/dθ,
 * with ∂e/∂y and ∂e/∂p symbolic (compile/sensitivity.ts), evaluated at each output time.
 */
import type { CompiledModel, ExpressionGradients } from "../compile/index.js";
import { type Expr, exprKey } from "../expr/ast.js";

export interface ObservableSensitivities {
  /** values[e][i] = exprs[e] at times[i]. */
  readonly values: Float64Array[];
  /** sensitivities[e][i·np + k] = d exprs[e] / d θ_k at times[i]. */
  readonly sensitivities: Float64Array[];
}

/** What observableSensitivities reads of a result. */
export interface SensitivityTrajectory {
  readonly times: Float64Array;
  readonly states: readonly Float64Array[];
  readonly params: readonly Float64Array[];
  /** n × np row-major per time. */
  readonly sensitivities: readonly Float64Array[];
  /** nP × np row-major per time. */
  readonly parameterSensitivities: readonly Float64Array[];
}

const cache = new WeakMap<CompiledModel, Map<string, ExpressionGradients>>();

export function observableSensitivities(
  model: CompiledModel,
  ids: readonly string[],
  data: SensitivityTrajectory,
  exprs: readonly Expr[],
): ObservableSensitivities {
  const m = ids.length;
  const nT = data.times.length;
  const nP = model.layout.paramIds.length;
  // parameter slots that ever depend on θ
  const used = new Set<number>();
  for (const sp of new Set(data.parameterSensitivities))
    for (let s = 0; s < nP; s++) for (let k = 0; k < m; k++) if (sp[s * m + k] !== 0) used.add(s);
  const slotIds = [...used].sort((a, b) => a - b).map((s) => model.layout.paramIds[s]);
  const key = `${exprs.map(exprKey).join("|")}#${slotIds.join(",")}`;
  let byKey = cache.get(model);
  if (!byKey) cache.set(model, (byKey = new Map()));
  let g = byKey.get(key);
  if (!g) byKey.set(key, (g = model.expressionGradients(exprs, slotIds)));

  const values = exprs.map(() => new Float64Array(nT));
  const sensitivities = exprs.map(() => new Float64Array(nT * m));
  const v = new Float64Array(exprs.length);
  const dyv = new Float64Array(g.dy.rowIndex.length);
  const dpv = new Float64Array(g.dp.rowIndex.length);
  for (let i = 0; i < nT; i++) {
    g.evaluate(data.times[i], data.states[i], data.params[i], v, dyv, dpv);
    v.forEach((x, e) => (values[e][i] = x));
    const S = data.sensitivities[i];
    const Sp = data.parameterSensitivities[i];
    const add = (
      cols: ExpressionGradients["dy"],
      vals: Float64Array,
      M: Float64Array,
      index: (c: number) => number,
    ) => {
      for (let c = 0; c + 1 < cols.colStart.length; c++) {
        const row = index(c) * m;
        for (let q = cols.colStart[c]; q < cols.colStart[c + 1]; q++) {
          const out = sensitivities[cols.rowIndex[q]];
          for (let k = 0; k < m; k++) out[i * m + k] += vals[q] * M[row + k];
        }
      }
    };
    add(g.dy, dyv, S, (c) => c);
    add(g.dp, dpv, Sp, (c) => g.slots[c]);
  }
  return { values, sensitivities };
}
