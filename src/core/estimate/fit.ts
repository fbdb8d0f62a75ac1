/**
 * fitProblem(problem, model, options): validate → objective → optimise (multi-start LM, or
 * CMA-ES then LM polish) → Wald and profile-likelihood CIs → a report. Never throws for bad
 * input or numerical failure: the report says what happened, with whatever was finished.
 */
import { type Issue, hasErrors, issue } from "../issues.js";
import { cmaes } from "./cmaes.js";
import { spdInverse } from "./dense.js";
import { createEvaluator } from "./evaluator.js";
import type { GradientProvider } from "./gradient.js";
import { defaultGradient } from "./sensitivities.js";
import type { ModelEvaluator } from "./evaluator.js";
import { levenbergMarquardt, type LocalResult } from "./levenberg-marquardt.js";
import { multiStart, type StartResult } from "./multistart.js";
import { createObjective, type Objective } from "./objective.js";
import type { EstimationProblem } from "./problem.js";
import { profileParameter, type ProfileResult } from "./profile.js";
import type { SimulationModel } from "./simulation-model.js";
import { normalQuantile } from "./stats.js";
import { type Locator, validateProblem } from "./validate.js";
import { buildReport, type FitReport } from "./report.js";

export type { FitReport } from "./report.js";

export interface FitProgress {
  readonly phase: "optimize" | "profile";
  readonly done: number;
  readonly total: number;
  readonly bestNll: number;
  readonly message: string;
}

export interface FitOptions {
  /** "lm": multi-start Levenberg–Marquardt; "cmaes": CMA-ES, then LM polish when possible. */
  readonly optimizer?: "lm" | "cmaes";
  readonly starts?: number;
  readonly seed?: number;
  readonly maxIterations?: number;
  /** Profile all estimated parameters (true), none (false, default), or these ids. */
  readonly profiles?: boolean | readonly string[];
  readonly level?: number;
  /** Gradient provider; default: forward sensitivities when the model has them, else central finite differences. */
  readonly gradient?: (evaluator: ModelEvaluator) => GradientProvider;
  readonly locate?: Locator;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (p: FitProgress) => void;
}

export function fitProblem(
  problem: EstimationProblem,
  model: SimulationModel,
  options: FitOptions = {},
): FitReport {
  const started = performance.now();
  const issues: Issue[] = validateProblem(problem, model, options.locate);
  if (hasErrors(issues)) return buildReport({ problem, status: "invalid", issues, started });
  const evaluator = createEvaluator(problem, model);
  const gradient = (options.gradient ?? defaultGradient)(evaluator);
  const objective = createObjective(evaluator, gradient);
  const stop = options.shouldStop;
  const level = options.level ?? 0.95;

  const atNominal = objective.nll(objective.free.nominal, stop);
  if (!Number.isFinite(atNominal.nll)) {
    const why =
      atNominal.evaluation.failures.map((f) => `${f.experiment}: ${f.message}`).join("; ") ||
      "the likelihood is not finite (a prediction ≤ 0 on a log scale, or σ ≤ 0)";
    issues.push(
      issue(
        "nominal-fails",
        "parameters",
        `The model cannot be evaluated at the nominal parameters (${why}).`,
        { severity: "warning", hint: "Other starts may still work; check the nominal values." },
      ),
    );
  }

  let optimizer = options.optimizer ?? "lm";
  if (optimizer === "lm" && !objective.leastSquares) {
    issues.push(
      issue(
        "not-least-squares",
        "observables",
        "Laplace noise or non-Gaussian priors make the objective not a sum of squares; using CMA-ES instead of Levenberg–Marquardt.",
        { severity: "warning" },
      ),
    );
    optimizer = "cmaes";
  }

  let starts: StartResult[] = [];
  try {
    starts = optimizer === "lm" ? runLm(objective, options) : runCmaes(objective, options);
  } catch (err) {
    issues.push(
      issue(
        "optimizer-failed",
        "optimizer",
        `The optimiser stopped with an error: ${(err as Error).message}`,
        { hint: "The report holds what finished before it." },
      ),
    );
  }
  const failedStarts = starts.filter((s) => s.result.status === "failed");
  if (failedStarts.length > 0)
    issues.push(
      issue(
        "starts-failed",
        "optimizer",
        `${failedStarts.length} of ${starts.length} starts failed; the first: ${failedStarts[0].result.message}`,
        {
          severity: "warning",
          hint: "Failed starts are listed in the report; the fit uses the others.",
        },
      ),
    );
  const cancelled = stop?.() ?? false;
  const best = starts.find((s) => Number.isFinite(s.nll));
  if (!best) {
    issues.push(
      issue(
        "no-fit",
        "optimizer",
        cancelled
          ? "Cancelled before any start finished."
          : "No start reached a finite likelihood: every simulation failed or every prediction was invalid.",
        { hint: "Check bounds, nominal values and the model; try --optimizer cmaes." },
      ),
    );
    return buildReport({
      problem,
      status: cancelled ? "cancelled" : "failed",
      issues,
      started,
      starts,
      objective,
      gradientMethod: gradient.method,
      optimizer,
    });
  }

  // Wald intervals from the Gauss–Newton Hessian at the optimum (on the optimiser scale)
  const np = objective.free.ids.length;
  let wald: [number, number][] | undefined;
  if (objective.leastSquares) {
    const at = objective.residuals(best.result.u, true, stop);
    if (at.ok && at.J) {
      const H = new Float64Array(np * np);
      for (let i = 0; i < at.r.length; i++)
        for (let a = 0; a < np; a++)
          for (let b = 0; b < np; b++) H[a * np + b] += at.J[i * np + a] * at.J[i * np + b];
      const cov = spdInverse(H, np);
      const z = normalQuantile(0.5 + level / 2);
      if (cov)
        wald = objective.free.ids.map((_, k) => [
          best.result.u[k] - z * Math.sqrt(cov[k * np + k]),
          best.result.u[k] + z * Math.sqrt(cov[k * np + k]),
        ]);
      else
        issues.push(
          issue(
            "singular-fisher",
            "parameters",
            "The Fisher information is singular at the optimum: some parameters are structurally non-identifiable.",
            { severity: "warning", hint: "Profiles show which." },
          ),
        );
    }
  }

  const profiles: ProfileResult[] = [];
  const wanted =
    options.profiles === true
      ? objective.free.ids
      : options.profiles === false || options.profiles === undefined
        ? []
        : options.profiles;
  if (wanted.length > 0 && !objective.leastSquares)
    issues.push(
      issue(
        "profiles-skipped",
        "profiles",
        "Profiles need a least-squares objective (normal noise, normal or uniform priors).",
        { severity: "warning" },
      ),
    );
  else
    for (const id of wanted) {
      const k = objective.free.ids.indexOf(id);
      if (k < 0) {
        issues.push(
          issue("unknown-id", "profiles", `Cannot profile "${id}": it is not an estimated parameter.`, {
            severity: "warning",
          }),
        );
        continue;
      }
      if (stop?.()) break;
      options.onProgress?.({
        phase: "profile",
        done: profiles.length,
        total: wanted.length,
        bestNll: best.nll,
        message: `profile ${id}`,
      });
      try {
        const pr = profileParameter(objective, best.result.u, best.result.cost, k, {
          level,
          ...(stop ? { shouldStop: stop } : {}),
        });
        profiles.push(pr);
        if (pr.betterOptimum)
          issues.push(
            issue(
              "better-optimum",
              `profiles.${id}`,
              `The profile of "${id}" found a lower objective than the fit: the optimum was not reached.`,
              { severity: "warning", hint: "Run more starts." },
            ),
          );
      } catch (err) {
        issues.push(
          issue(
            "profile-failed",
            `profiles.${id}`,
            `The profile of "${id}" stopped with an error: ${(err as Error).message}`,
            { severity: "warning" },
          ),
        );
      }
    }

  const status = stop?.()
    ? "cancelled"
    : issues.some((i) => i.code === "optimizer-failed" || i.code === "profile-failed")
      ? "partial"
      : "ok";
  return buildReport({
    problem,
    status,
    issues,
    started,
    starts,
    objective,
    gradientMethod: gradient.method,
    optimizer,
    best,
    wald,
    profiles,
    level,
  });
}

function runLm(objective: Objective, o: FitOptions): StartResult[] {
  return multiStart(objective, {
    starts: o.starts ?? 10,
    seed: o.seed ?? 1,
    ...(o.maxIterations !== undefined ? { maxIterations: o.maxIterations } : {}),
    ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
    onStart: (done, total, bestNll) =>
      o.onProgress?.({ phase: "optimize", done, total, bestNll, message: `start ${done}/${total}` }),
  });
}

function runCmaes(objective: Objective, o: FitOptions): StartResult[] {
  const { lower, upper, nominal, ids } = objective.free;
  const np = ids.length;
  const g = cmaes((u) => objective.nll(u, o.shouldStop).nll, nominal, {
    lower,
    upper,
    seed: o.seed ?? 1,
    ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
    onIteration: (it, bestNll, evals) =>
      o.onProgress?.({
        phase: "optimize",
        done: it,
        total: 0,
        bestNll,
        message: `CMA-ES iteration ${it} (${evals} evaluations)`,
      }),
  });
  const costAt = (u: Float64Array) =>
    objective.leastSquares
      ? 0.5 * objective.residuals(u, false).r.reduce((a, x) => a + x * x, 0)
      : objective.nll(u).nll;
  let result: LocalResult = {
    u: g.u,
    cost: costAt(g.u),
    status: g.status === "cancelled" ? "cancelled" : "converged",
    message: `CMA-ES: ${g.message}`,
    iterations: g.iterations,
    evaluations: g.evaluations,
    gradient: new Float64Array(np),
    hessian: new Float64Array(np * np),
  };
  let nll = g.value;
  if (objective.leastSquares && g.status !== "cancelled") {
    const lm = levenbergMarquardt((x, withJ) => objective.residuals(x, withJ, o.shouldStop), g.u, {
      lower,
      upper,
      ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
    });
    const polished = lm.status === "failed" ? Infinity : objective.nll(lm.u).nll;
    if (polished <= nll) {
      nll = polished;
      result = {
        ...lm,
        message: `CMA-ES (${g.message}), then Levenberg–Marquardt: ${lm.message}`,
        evaluations: g.evaluations + lm.evaluations,
      };
    }
  }
  return [{ index: 0, start: nominal, nll, result }];
}
