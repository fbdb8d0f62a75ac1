/**
 * The gradient provider for models with forward sensitivities: one simulation per experiment
 * gives the quantities and their derivatives with respect to the model ids that the free
 * parameters set; the chain rule through each row's observable and noise formulas (symbolic
 * derivatives from core/expr) and through the parameter scale gives d prediction / d u.
 * `defaultGradient` uses it when the model offers sensitivities and every formula can be
 * differentiated, and central finite differences otherwise, and says which in `method`.
 */
import { type Expr, symbols } from "../expr/ast.js";
import { differentiate, NotDifferentiable } from "../expr/differentiate.js";
import { evaluate } from "../expr/evaluate.js";
import { experimentLayout } from "./evaluator.js";
import type { ModelEvaluator } from "./evaluator.js";
import { finiteDifferenceGradient, type GradientProvider, type PredictionJacobian } from "./gradient.js";
import { dFromScale, parameterValues } from "./problem.js";
import type { SensitivityOutcome } from "./simulation-model.js";

interface RowPlan {
  readonly m: number;
  readonly ti: number;
  readonly obs: Expr;
  readonly noise: Expr;
  /** Symbols of either formula with ∂obs/∂s and ∂noise/∂s. */
  readonly partials: { s: string; dObs: Expr; dNoise: Expr }[];
}

/** The sensitivity provider, or why it cannot be used for this problem. */
export function sensitivityGradient(
  evaluator: ModelEvaluator,
): { ok: true; provider: GradientProvider } | { ok: false; reason: string } {
  const { problem, model, free } = evaluator;
  if (!model.simulateWithSensitivities)
    return { ok: false, reason: "the model gives no forward sensitivities" };
  const layout = experimentLayout(problem, model);
  const freeIndex = new Map(free.ids.map((id, k) => [id, k]));
  const settable = new Set(model.settableIds);
  const condById = new Map(problem.conditions.map((c) => [c.id, c]));

  /** Model id -> index of the free parameter that sets it, in one condition. */
  const targetsOf = (conditionId: string): Map<string, number> => {
    const out = new Map<string, number>();
    for (const [id, k] of freeIndex) if (settable.has(id)) out.set(id, k);
    for (const [target, v] of Object.entries(condById.get(conditionId)!.changes)) {
      if (typeof v === "string" && freeIndex.has(v)) out.set(target, freeIndex.get(v)!);
      else out.delete(target);
    }
    return out;
  };
  const plans: { targets: [string, number][]; rows: RowPlan[] }[] = [];
  try {
    for (const ex of layout.experiments) {
      const targets = targetsOf(ex.simId);
      if (ex.preId) {
        const pre = targetsOf(ex.preId);
        const same = pre.size === targets.size && [...pre].every(([id, k]) => targets.get(id) === k);
        if (!same)
          return {
            ok: false,
            reason: `pre-equilibration condition "${ex.preId}" sets model ids from other parameters than "${ex.simId}"`,
          };
      }
      const rows = ex.rows.map((r) => {
        const names = new Set([...symbols(r.obs), ...symbols(r.noise)]);
        return {
          ...r,
          partials: [...names].map((s) => ({
            s,
            dObs: differentiate(r.obs, s),
            dNoise: differentiate(r.noise, s),
          })),
        };
      });
      plans.push({ targets: [...targets], rows });
    }
  } catch (err) {
    if (err instanceof NotDifferentiable)
      return { ok: false, reason: `a formula cannot be differentiated (${err.message})` };
    throw err;
  }

  const allIds = [...new Set(plans.flatMap((x) => x.targets.map(([id]) => id)))];
  const support = model.supportsSensitivities?.(allIds) ?? true;
  if (support !== true) return { ok: false, reason: support };
  const np = free.ids.length;
  const n = evaluator.nRows;
  const provider: GradientProvider = {
    method: `forward sensitivities (${model.sensitivityMethod ?? "from the model"})`,
    exact: true,
    jacobian(u, shouldStop) {
      const values = parameterValues(problem, free, u);
      const scale = free.specs.map((p, k) => dFromScale(u[k], p.scale));
      const predictions = new Float64Array(n).fill(NaN);
      const sigmas = new Float64Array(n).fill(NaN);
      const dPredictions = new Float64Array(n * np).fill(NaN);
      const dSigmas = new Float64Array(n * np).fill(NaN);
      const failures: { experiment: string; status: string; message: string }[] = [];
      evaluator.countSimulations(layout.experiments.length);
      layout.experiments.forEach((ex, e) => {
        const { targets, rows } = plans[e];
        const ids = targets.map(([id]) => id);
        let out: SensitivityOutcome;
        try {
          out = model.simulateWithSensitivities!({
            overrides: layout.overridesFor(ex.simId, values),
            ...(ex.preId ? { preequilibration: layout.overridesFor(ex.preId, values) } : {}),
            times: ex.times,
            quantities: ex.quantities,
            parameters: ids,
            ...(shouldStop ? { shouldStop } : {}),
          });
        } catch (err) {
          out = { ok: false, status: "error", message: (err as Error).message };
        }
        if (!out.ok) {
          failures.push({ experiment: ex.label, status: out.status, message: out.message });
          return;
        }
        const res = out;
        const nt = ids.length;
        for (const r of rows) {
          const env = {
            time: ex.times[r.ti],
            value: (name: string) => {
              const q = ex.quantities.indexOf(name);
              if (q >= 0) return res.values[q][r.ti];
              return values.get(name) ?? NaN;
            },
          };
          predictions[r.m] = evaluate(r.obs, env);
          sigmas[r.m] = evaluate(r.noise, env);
          const dp = new Float64Array(np);
          const ds = new Float64Array(np);
          for (const { s, dObs, dNoise } of r.partials) {
            const a = evaluate(dObs, env);
            const b = evaluate(dNoise, env);
            if (a === 0 && b === 0) continue;
            const q = ex.quantities.indexOf(s);
            if (q >= 0) {
              // a model quantity: through the model's sensitivities to the ids the parameters set
              for (let j = 0; j < nt; j++) {
                const k = targets[j][1];
                const dq = res.sensitivities[q][r.ti * nt + j] * scale[k];
                dp[k] += a * dq;
                ds[k] += b * dq;
              }
            } else if (freeIndex.has(s)) {
              const k = freeIndex.get(s)!;
              dp[k] += a * scale[k];
              ds[k] += b * scale[k];
            }
          }
          dPredictions.set(dp, r.m * np);
          dSigmas.set(ds, r.m * np);
        }
      });
      return {
        ok: failures.length === 0,
        predictions,
        sigmas,
        failures,
        dPredictions,
        dSigmas,
      } satisfies PredictionJacobian;
    },
  };
  return { ok: true, provider };
}

/** Forward sensitivities when the model has them, else central finite differences. */
export function defaultGradient(evaluator: ModelEvaluator): GradientProvider {
  const s = sensitivityGradient(evaluator);
  return s.ok ? s.provider : finiteDifferenceGradient(evaluator);
}
