/**
 * The fit report: plain data (JSON as-is) with parameters on their linear scale, CIs (profile
 * where computed, Wald otherwise), the multi-start waterfall, per-row residuals and profiles.
 */
import type { Issue } from "../issues.js";
import type { StartResult } from "./multistart.js";
import type { Objective } from "./objective.js";
import { type EstimationProblem, fromScale, toScale } from "./problem.js";
import type { ProfileResult } from "./profile.js";

export type FitStatus = "ok" | "partial" | "failed" | "cancelled" | "invalid";

export interface FitParameterRow {
  readonly id: string;
  readonly scale: string;
  readonly estimated: boolean;
  readonly value: number;
  readonly nominal: number;
  readonly lower: number;
  readonly upper: number;
  /** 95% (or the chosen level) interval on the linear scale; null side = open (not identifiable). */
  readonly ci?: {
    readonly lower: number | null;
    readonly upper: number | null;
    readonly method: "profile" | "wald";
  };
}

export interface FitReport {
  readonly status: FitStatus;
  readonly problem: string;
  readonly optimizer?: string;
  /** How derivatives were computed ("central finite differences" until the engine has sensitivities). */
  readonly gradientMethod?: string;
  readonly issues: readonly Issue[];
  readonly nll?: number;
  readonly aic?: number;
  readonly bic?: number;
  readonly nData: number;
  readonly level: number;
  readonly parameters: readonly FitParameterRow[];
  readonly starts: readonly {
    index: number;
    nll: number | null;
    status: string;
    iterations: number;
    evaluations: number;
    message: string;
  }[];
  /** Starts whose NLL is within 0.1 of the best. */
  readonly startsAtBest: number;
  readonly residuals: readonly {
    observableId: string;
    conditionId: string;
    time: number;
    measurement: number;
    simulation: number;
    sigma: number;
    residual: number;
  }[];
  readonly profiles: readonly {
    parameter: string;
    threshold: number;
    lower: number | null;
    upper: number | null;
    stoppedLow: string;
    stoppedHigh: string;
    points: { value: number; delta: number }[];
  }[];
  readonly simulations: number;
  readonly wallMs: number;
}

export interface ReportInput {
  readonly problem: EstimationProblem;
  readonly status: FitStatus;
  readonly issues: Issue[];
  readonly started: number;
  readonly starts?: StartResult[];
  readonly objective?: Objective;
  readonly gradientMethod?: string;
  readonly optimizer?: string;
  readonly best?: StartResult;
  readonly wald?: [number, number][];
  readonly profiles?: ProfileResult[];
  readonly level?: number;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

export function buildReport(x: ReportInput): FitReport {
  const { problem, objective, best } = x;
  const free = objective?.free;
  const level = x.level ?? 0.95;
  const parameters: FitParameterRow[] = problem.parameters.map((p) => {
    const k = free ? free.ids.indexOf(p.id) : -1;
    const value = best && k >= 0 ? fromScale(best.result.u[k], p.scale) : p.nominal;
    const prof = x.profiles?.find((q) => q.parameter === p.id);
    const back = (u: number | undefined) => (u === undefined ? null : fromScale(u, p.scale));
    let ci: FitParameterRow["ci"];
    if (prof) ci = { lower: back(prof.lower), upper: back(prof.upper), method: "profile" };
    else if (x.wald && k >= 0) {
      const [lo, hi] = x.wald[k];
      // a Wald interval beyond the bounds is clipped to them
      ci = {
        lower: fromScale(Math.max(lo, toScale(p.lower, p.scale)), p.scale),
        upper: fromScale(Math.min(hi, toScale(p.upper, p.scale)), p.scale),
        method: "wald",
      };
    }
    return {
      id: p.id,
      scale: p.scale,
      estimated: p.estimate,
      value,
      nominal: p.nominal,
      lower: p.lower,
      upper: p.upper,
      ...(ci ? { ci } : {}),
    };
  });
  const starts = (x.starts ?? []).map((s) => ({
    index: s.index,
    nll: finiteOrNull(s.nll),
    status: s.result.status,
    iterations: s.result.iterations,
    evaluations: s.result.evaluations,
    message: s.result.message,
  }));
  const nData = problem.measurements.length;
  let residuals: FitReport["residuals"] = [];
  let nll: number | undefined;
  if (objective && best) {
    const ev = objective.evaluator.evaluate(best.result.u);
    nll = best.nll;
    const obs = new Map(problem.observables.map((o) => [o.id, o]));
    residuals = problem.measurements.map((m, i) => {
      const t = obs.get(m.observableId)!.transformation;
      const h = (v: number) => (t === "lin" ? v : t === "log" ? Math.log(v) : Math.log10(v));
      return {
        observableId: m.observableId,
        conditionId: m.simulationConditionId,
        time: m.time,
        measurement: m.value,
        simulation: ev.predictions[i],
        sigma: ev.sigmas[i],
        residual: (h(ev.predictions[i]) - h(m.value)) / ev.sigmas[i],
      };
    });
  }
  const np = free?.ids.length ?? 0;
  return {
    status: x.status,
    problem: problem.id ?? "problem",
    ...(x.optimizer
      ? {
          optimizer:
            x.optimizer === "lm" ? "multi-start Levenberg–Marquardt (Latin hypercube starts)" : "CMA-ES",
        }
      : {}),
    ...(x.gradientMethod ? { gradientMethod: x.gradientMethod } : {}),
    issues: x.issues,
    ...(nll !== undefined ? { nll, aic: 2 * nll + 2 * np, bic: 2 * nll + Math.log(nData) * np } : {}),
    nData,
    level,
    parameters,
    starts,
    startsAtBest: best ? (x.starts ?? []).filter((s) => s.nll - best.nll <= 0.1).length : 0,
    residuals,
    profiles: (x.profiles ?? []).map((q) => {
      const spec = problem.parameters.find((p) => p.id === q.parameter)!;
      return {
        parameter: q.parameter,
        threshold: q.threshold,
        stoppedLow: q.stoppedLow,
        stoppedHigh: q.stoppedHigh,
        lower: q.lower === undefined ? null : fromScale(q.lower, spec.scale),
        upper: q.upper === undefined ? null : fromScale(q.upper, spec.scale),
        points: q.points.map((pt) => ({ value: fromScale(pt.u, spec.scale), delta: pt.delta })),
      };
    }),
    simulations: objective?.evaluator.simulations ?? 0,
    wallMs: performance.now() - x.started,
  };
}
