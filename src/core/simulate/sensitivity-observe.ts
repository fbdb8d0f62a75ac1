/**
 * Sensitivities of model expressions (observables) from those of the states:
 *   d e/dθ = ∂e/∂y · dy/dθ + ∂e/∂p · dp/dθ,
 * with ∂e/∂y and ∂e/∂p symbolic (compile/sensitivity.ts), evaluated at each output time.
 */
import type { CompiledModel, ExpressionGradients } from "../compile/index.js";
import type { SparseColumns } from "../compile/sensitivity.js";
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
  // parameter slots that ever depend on θ (the others' ∂e/∂p columns are skipped below)
  const used = new Uint8Array(nP);
  for (const sp of new Set(data.parameterSensitivities))
    for (let s = 0; s < nP; s++) for (let k = 0; k < m; k++) if (sp[s * m + k] !== 0) used[s] = 1;
  // one gradient function per expression list, over every slot: the same code serves every
  // call of a run (the start, the trajectory) and every θ set, so V8 optimises it; a function
  // per slot set was generated anew for the start of each run and ran unoptimised (0.25 ms)
  const key = exprs.map(exprKey).join("|");
  let byKey = cache.get(model);
  if (!byKey) cache.set(model, (byKey = new Map()));
  let g = byKey.get(key);
  if (!g) byKey.set(key, (g = model.expressionGradients(exprs, model.layout.paramIds)));

  const values = exprs.map(() => new Float64Array(nT));
  const sensitivities = exprs.map(() => new Float64Array(nT * m));
  const v = new Float64Array(exprs.length);
  const dyv = new Float64Array(g.dy.rowIndex.length);
  const dpv = new Float64Array(g.dp.rowIndex.length);
  // the ∂e/∂p columns that can contribute: the slots in use (listed once, not per time)
  const dpCols: number[] = [];
  for (let c = 0; c + 1 < g.dp.colStart.length; c++) if (used[g.slots[c]]) dpCols.push(c);
  /** out[e][i·m + k] += ∂e/∂x_c · M[row(c)·m + k] over the columns given. */
  const add = (
    i: number,
    cols: SparseColumns,
    list: Iterable<number>,
    row: (c: number) => number,
    vals: Float64Array,
    M: Float64Array,
  ): void => {
    for (const c of list) {
      const r = row(c) * m;
      for (let q = cols.colStart[c]; q < cols.colStart[c + 1]; q++) {
        const out = sensitivities[cols.rowIndex[q]];
        for (let k = 0; k < m; k++) out[i * m + k] += vals[q] * M[r + k];
      }
    }
  };
  const dyCols = Array.from({ length: g.dy.colStart.length - 1 }, (_, c) => c); // every state
  for (let i = 0; i < nT; i++) {
    g.evaluate(data.times[i], data.states[i], data.params[i], v, dyv, dpv);
    v.forEach((x, e) => (values[e][i] = x));
    add(i, g.dy, dyCols, (c) => c, dyv, data.sensitivities[i]);
    add(i, g.dp, dpCols, (c) => g.slots[c], dpv, data.parameterSensitivities[i]);
  }
  return { values, sensitivities };
}
