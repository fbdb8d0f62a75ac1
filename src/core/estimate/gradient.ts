/**
 * Derivatives of predictions and noise parameters with respect to the free parameters (on the
 * optimiser's scale): the seam where engine forward sensitivities will drop in.
 *
 * Today's provider is central finite differences (2·np extra evaluations per Jacobian, each one
 * simulation per experiment), honestly labelled as such in every report. An engine provider
 * implements the same interface from `dY/dp` at the output times (an augmented system solved
 * with the state's LU, cost ≤ (1 + np) × one simulation) and the chain rule through the
 * observable formulas; see docs/fitting.md, "Gradients".
 */
import type { ModelEvaluator, PredictionEvaluation } from "./evaluator.js";

export interface PredictionJacobian extends PredictionEvaluation {
  /** Row-major nRows × nFree: d prediction_i / d u_k. */
  readonly dPredictions: Float64Array;
  /** Row-major nRows × nFree: d sigma_i / d u_k. */
  readonly dSigmas: Float64Array;
}

export interface GradientProvider {
  /** Human-readable method, printed in fit reports and benchmarks. */
  readonly method: string;
  /** True when derivatives are exact up to solver tolerance (sensitivities), false for differences. */
  readonly exact: boolean;
  jacobian(u: Float64Array, shouldStop?: () => boolean): PredictionJacobian;
}

export interface FiniteDifferenceOptions {
  /** Relative step on the optimiser scale (default 1e-4; suits rtol ≈ 1e-8 simulations). */
  readonly relativeStep?: number;
}

/**
 * Central differences in each free parameter; one-sided (forward/backward) next to a bound so
 * that the model is never simulated outside the box.
 */
export function finiteDifferenceGradient(
  evaluator: ModelEvaluator,
  options: FiniteDifferenceOptions = {},
): GradientProvider {
  const rel = options.relativeStep ?? 1e-4;
  const { lower, upper } = evaluator.free;
  const np = evaluator.free.ids.length;
  const m = evaluator.nRows;
  return {
    method: "central finite differences",
    exact: false,
    jacobian(u, shouldStop) {
      const base = evaluator.evaluate(u, shouldStop);
      const dPredictions = new Float64Array(m * np);
      const dSigmas = new Float64Array(m * np);
      if (!base.ok) return { ...base, dPredictions: dPredictions.fill(NaN), dSigmas: dSigmas.fill(NaN) };
      const x = Float64Array.from(u);
      const failures = [...base.failures];
      for (let k = 0; k < np; k++) {
        const h = rel * Math.max(1, Math.abs(u[k]));
        const canUp = u[k] + h <= upper[k];
        const canDown = u[k] - h >= lower[k];
        const up = canUp ? h : 0;
        const down = canDown ? h : 0;
        const plus = up > 0 ? evalAt(x, k, u[k] + up) : base;
        const minus = down > 0 ? evalAt(x, k, u[k] - down) : base;
        x[k] = u[k];
        failures.push(...plus.failures, ...minus.failures);
        const span = up + down || NaN;
        for (let i = 0; i < m; i++) {
          dPredictions[i * np + k] = (plus.predictions[i] - minus.predictions[i]) / span;
          dSigmas[i * np + k] = (plus.sigmas[i] - minus.sigmas[i]) / span;
        }
      }
      return {
        ok: failures.length === 0,
        predictions: base.predictions,
        sigmas: base.sigmas,
        failures,
        dPredictions,
        dSigmas,
      };

      function evalAt(xv: Float64Array, k: number, value: number): PredictionEvaluation {
        xv[k] = value;
        return evaluator.evaluate(xv, shouldStop);
      }
    },
  };
}
