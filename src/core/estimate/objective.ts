/**
 * The objective: negative log-likelihood of the data (PEtab v1 noise models: normal or Laplace,
 * on a lin, log or log10 observable scale, including the log-Jacobian terms so values compare
 * with other PEtab tools) plus parameter priors, and its least-squares form for
 * Levenberg–Marquardt: r = (h(m) − h(y))/σ, plus σ-residuals sqrt(ln(2πσ²) + C) when σ depends
 * on the parameters (as AMICI/pyPESTO do), so that ½‖r‖² = NLL + const.
 */
import { symbols } from "../expr/ast.js";
import type { ModelEvaluator, PredictionEvaluation } from "./evaluator.js";
import type { GradientProvider } from "./gradient.js";
import {
  dFromScale,
  type EstimationProblem,
  fromScale,
  type FreeParameters,
  type ParameterScale,
} from "./problem.js";

/** Offset that keeps σ-residuals real (AMICI's choice). */
const SIGMA_OFFSET = 50;

export interface ResidualEvaluation {
  readonly ok: boolean;
  readonly nll: number;
  /** Data residuals, then σ-residuals (if any), then prior residuals. */
  readonly r: Float64Array;
  /** Row-major r.length × nFree (when asked for). */
  readonly J?: Float64Array;
  readonly evaluation: PredictionEvaluation;
}

export interface Objective {
  readonly problem: EstimationProblem;
  readonly free: FreeParameters;
  readonly evaluator: ModelEvaluator;
  readonly gradientProvider: GradientProvider;
  /** False when a term is not a sum of squares (Laplace noise or priors): use a global optimiser. */
  readonly leastSquares: boolean;
  nll(u: Float64Array, shouldStop?: () => boolean): { nll: number; evaluation: PredictionEvaluation };
  residuals(u: Float64Array, withJacobian: boolean, shouldStop?: () => boolean): ResidualEvaluation;
  /** NLL and its gradient with respect to u. */
  gradient(u: Float64Array, shouldStop?: () => boolean): { nll: number; grad: Float64Array; ok: boolean };
}

const hOf = (x: number, s: ParameterScale) => (s === "lin" ? x : s === "log" ? Math.log(x) : Math.log10(x));
const dhOf = (x: number, s: ParameterScale) => (s === "lin" ? 1 : s === "log" ? 1 / x : 1 / (x * Math.LN10));
const jacobianTerm = (y: number, s: ParameterScale) =>
  s === "lin" ? 0 : s === "log" ? Math.log(y) : Math.log(y * Math.LN10);

export function createObjective(evaluator: ModelEvaluator, gradientProvider: GradientProvider): Objective {
  const { problem, free } = evaluator;
  const np = free.ids.length;
  const rows = problem.measurements;
  const n = rows.length;
  const obs = new Map(problem.observables.map((o) => [o.id, o]));
  const trans = rows.map((m) => obs.get(m.observableId)!.transformation);
  const laplace = rows.map((m) => obs.get(m.observableId)!.distribution === "laplace");
  const yh = Float64Array.from(rows, (m, i) => hOf(m.value, trans[i]));
  const constant = rows.reduce((s, m, i) => s + jacobianTerm(m.value, trans[i]), 0);

  const freeSet = new Set(free.ids);
  const fixedParams = new Set(problem.parameters.filter((p) => !p.estimate).map((p) => p.id));
  const sigmaVaries =
    rows.some((m) => m.noiseParameters.some((r) => typeof r === "string" && freeSet.has(r))) ||
    problem.observables.some((o) =>
      [...symbols(o.noiseFormula)].some((s) => !/^noiseParameter\d+_/.test(s) && !fixedParams.has(s)),
    );
  const priors = free.specs
    .map((p, k) => ({ k, p, prior: p.prior }))
    .filter((x) => x.prior && !x.prior.type.endsWith("niform"));
  const squarePriors = priors.filter(
    (x) => x.prior!.type === "normal" || x.prior!.type === "parameterScaleNormal",
  );
  const otherPriors = priors.filter((x) => !squarePriors.includes(x));
  const uniformConst = free.specs.reduce(
    (s, p) => (p.prior?.type === "uniform" ? s + Math.log(p.prior.parameters[1] - p.prior.parameters[0]) : s),
    0,
  );
  const leastSquares = !laplace.some(Boolean) && otherPriors.length === 0;
  const nSigma = sigmaVaries ? n : 0;
  const nr = n + nSigma + squarePriors.length;

  /** Prior value and derivative on the optimiser scale. */
  const priorTerm = (k: number, u: number): { value: number; d: number; res?: number; dres?: number } => {
    const spec = free.specs[k];
    const pr = spec.prior!;
    const [a, b] = pr.parameters;
    const x = pr.type.startsWith("parameterScale") ? u : fromScale(u, spec.scale);
    const dx = pr.type.startsWith("parameterScale") ? 1 : dFromScale(u, spec.scale);
    switch (pr.type) {
      case "normal":
      case "parameterScaleNormal": {
        const res = (x - a) / b;
        return {
          value: 0.5 * Math.log(2 * Math.PI * b * b) + 0.5 * res * res,
          d: (res / b) * dx,
          res,
          dres: dx / b,
        };
      }
      case "laplace":
      case "parameterScaleLaplace":
        return { value: Math.log(2 * b) + Math.abs(x - a) / b, d: (Math.sign(x - a) / b) * dx };
      case "logNormal": {
        const z = (Math.log(x) - a) / b;
        return {
          value: Math.log(x * b * Math.sqrt(2 * Math.PI)) + 0.5 * z * z,
          d: (1 / x + z / (b * x)) * dx,
        };
      }
      default:
        return { value: 0, d: 0 };
    }
  };

  const dataNll = (ev: PredictionEvaluation): number => {
    let s = constant + uniformConst;
    for (let i = 0; i < n; i++) {
      const m = ev.predictions[i];
      const sg = ev.sigmas[i];
      if (!(sg > 0) || (trans[i] !== "lin" && !(m > 0))) return Infinity;
      const res = (hOf(m, trans[i]) - yh[i]) / sg;
      s += laplace[i]
        ? Math.log(2 * sg) + Math.abs(res)
        : 0.5 * Math.log(2 * Math.PI * sg * sg) + 0.5 * res * res;
    }
    return Number.isFinite(s) ? s : Infinity;
  };
  const priorNll = (u: Float64Array) => priors.reduce((s, x) => s + priorTerm(x.k, u[x.k]).value, 0);

  const objective: Objective = {
    problem,
    free,
    evaluator,
    gradientProvider,
    leastSquares,
    nll(u, shouldStop) {
      const evaluation = evaluator.evaluate(u, shouldStop);
      const nll = evaluation.ok ? dataNll(evaluation) + priorNll(u) : Infinity;
      return { nll, evaluation };
    },
    residuals(u, withJacobian, shouldStop) {
      const ev = withJacobian ? gradientProvider.jacobian(u, shouldStop) : evaluator.evaluate(u, shouldStop);
      const r = new Float64Array(nr);
      const J = withJacobian ? new Float64Array(nr * np) : undefined;
      const nll = ev.ok ? dataNll(ev) + priorNll(u) : Infinity;
      if (!Number.isFinite(nll))
        return { ok: false, nll: Infinity, r: r.fill(NaN), evaluation: ev, ...(J ? { J: J.fill(NaN) } : {}) };
      const jac = withJacobian ? (ev as ReturnType<GradientProvider["jacobian"]>) : undefined;
      for (let i = 0; i < n; i++) {
        const m = ev.predictions[i];
        const sg = ev.sigmas[i];
        const res = (hOf(m, trans[i]) - yh[i]) / sg;
        r[i] = res;
        const sr = sigmaVaries
          ? Math.sqrt(Math.max(Math.log(2 * Math.PI * sg * sg) + SIGMA_OFFSET, 1e-12))
          : 0;
        if (sigmaVaries) r[n + i] = sr;
        if (J && jac) {
          const dh = dhOf(m, trans[i]);
          for (let k = 0; k < np; k++) {
            const dm = jac.dPredictions[i * np + k];
            const ds = jac.dSigmas[i * np + k];
            J[i * np + k] = (dh * dm) / sg - (res / sg) * ds;
            if (sigmaVaries) J[(n + i) * np + k] = ds / (sg * sr);
          }
        }
      }
      squarePriors.forEach((x, j) => {
        const t = priorTerm(x.k, u[x.k]);
        r[n + nSigma + j] = t.res!;
        if (J) J[(n + nSigma + j) * np + x.k] = t.dres!;
      });
      return { ok: true, nll, r, evaluation: ev, ...(J ? { J } : {}) };
    },
    gradient(u, shouldStop) {
      const jac = gradientProvider.jacobian(u, shouldStop);
      const grad = new Float64Array(np);
      const nll = jac.ok ? dataNll(jac) + priorNll(u) : Infinity;
      if (!Number.isFinite(nll)) return { nll: Infinity, grad: grad.fill(NaN), ok: false };
      for (let i = 0; i < n; i++) {
        const m = jac.predictions[i];
        const sg = jac.sigmas[i];
        const diff = hOf(m, trans[i]) - yh[i];
        const dm = laplace[i] ? Math.sign(diff) / sg : diff / (sg * sg);
        const ds = laplace[i] ? 1 / sg - Math.abs(diff) / (sg * sg) : 1 / sg - (diff * diff) / (sg * sg * sg);
        const dh = dhOf(m, trans[i]);
        for (let k = 0; k < np; k++)
          grad[k] += dm * dh * jac.dPredictions[i * np + k] + ds * jac.dSigmas[i * np + k];
      }
      for (const x of priors) grad[x.k] += priorTerm(x.k, u[x.k]).d;
      return { nll, grad, ok: true };
    },
  };
  return objective;
}
