/**
 * Predictions for every measurement row: conditions and parameter values become overrides,
 * experiments (pre-equilibration + simulation condition) are simulated once each at all their
 * measurement times, and each row's observable and noise formulas (placeholders filled) are
 * evaluated on the result. No derivatives here: see gradient.ts.
 */
import { type Expr, num, substitute, sym, symbols } from "../expr/ast.js";
import { evaluate } from "../expr/evaluate.js";
import {
  type EstimationProblem,
  type FreeParameters,
  freeParameters,
  parameterValues,
  type ParameterRef,
} from "./problem.js";
import type { SimulationModel } from "./simulation-model.js";

export interface PredictionEvaluation {
  /** False when any experiment failed; its rows are NaN. */
  readonly ok: boolean;
  /** Model prediction per measurement row (linear scale, before the observable transformation). */
  readonly predictions: Float64Array;
  /** Noise parameter (σ of normal, b of Laplace) per row, on the transformed scale. */
  readonly sigmas: Float64Array;
  readonly failures: readonly { experiment: string; status: string; message: string }[];
}

/** Predictions and noise as functions of the free parameters u (optimiser scale). */
export interface ModelEvaluator {
  readonly problem: EstimationProblem;
  readonly model: SimulationModel;
  readonly free: FreeParameters;
  readonly nRows: number;
  evaluate(u: Float64Array, shouldStop?: () => boolean): PredictionEvaluation;
  /** Number of model simulations run so far (one per experiment per evaluation). */
  readonly simulations: number;
  /** Count simulations run on the evaluator's behalf (by a gradient provider). */
  countSimulations(k: number): void;
}

export interface Experiment {
  readonly label: string;
  readonly simId: string;
  readonly preId?: string;
  readonly times: number[];
  readonly quantities: string[];
  /** Measurement rows: index and position of their time in `times`. */
  readonly rows: { m: number; ti: number; obs: Expr; noise: Expr }[];
}

const refExpr = (r: ParameterRef): Expr => (typeof r === "number" ? num(r) : sym(r));

/** Experiments, and the overrides a condition gets from parameter values (shared with sensitivities.ts). */
export interface ExperimentLayout {
  readonly experiments: readonly Experiment[];
  overridesFor(conditionId: string, values: ReadonlyMap<string, number>): Map<string, number>;
}

export function experimentLayout(problem: EstimationProblem, model: SimulationModel): ExperimentLayout {
  const modelSymbols = new Set(model.symbolIds);
  const settable = new Set(model.settableIds);
  const obsById = new Map(problem.observables.map((o) => [o.id, o]));
  const condById = new Map(problem.conditions.map((c) => [c.id, c]));
  const experiments = new Map<string, Experiment>();

  problem.measurements.forEach((m, idx) => {
    const o = obsById.get(m.observableId)!;
    const fill = new Map<string, Expr>();
    m.observableParameters.forEach((r, k) => fill.set(`observableParameter${k + 1}_${o.id}`, refExpr(r)));
    m.noiseParameters.forEach((r, k) => fill.set(`noiseParameter${k + 1}_${o.id}`, refExpr(r)));
    const obsExpr = substitute(o.formula, fill);
    fill.set(o.id, obsExpr);
    const noiseExpr = substitute(o.noiseFormula, fill);
    const key = `${m.preequilibrationConditionId ?? ""}\u0000${m.simulationConditionId}`;
    let ex = experiments.get(key);
    if (!ex) {
      ex = {
        label: m.preequilibrationConditionId
          ? `${m.preequilibrationConditionId} -> ${m.simulationConditionId}`
          : m.simulationConditionId,
        simId: m.simulationConditionId,
        ...(m.preequilibrationConditionId ? { preId: m.preequilibrationConditionId } : {}),
        times: [],
        quantities: [],
        rows: [],
      };
      experiments.set(key, ex);
    }
    ex.rows.push({ m: idx, ti: -1, obs: obsExpr, noise: noiseExpr });
    for (const s of [...symbols(obsExpr), ...symbols(noiseExpr)])
      if (modelSymbols.has(s) && !ex.quantities.includes(s)) ex.quantities.push(s);
  });
  for (const ex of experiments.values()) {
    const times = [...new Set(ex.rows.map((r) => problem.measurements[r.m].time))].sort((a, b) => a - b);
    ex.times.push(...times);
    for (const r of ex.rows) r.ti = times.indexOf(problem.measurements[r.m].time);
  }

  const overridesFor = (conditionId: string, values: ReadonlyMap<string, number>): Map<string, number> => {
    const out = new Map<string, number>();
    for (const [id, v] of values) if (settable.has(id)) out.set(id, v);
    for (const [target, v] of Object.entries(condById.get(conditionId)!.changes)) {
      const value = typeof v === "number" ? v : values.get(v)!;
      if (!Number.isNaN(value)) out.set(target, value);
    }
    return out;
  };
  return { experiments: [...experiments.values()], overridesFor };
}

/** Build the evaluator; assumes validateProblem() found no errors. */
export function createEvaluator(problem: EstimationProblem, model: SimulationModel): ModelEvaluator {
  const free = freeParameters(problem);
  const { experiments, overridesFor } = experimentLayout(problem, model);
  const n = problem.measurements.length;
  let simulations = 0;
  return {
    problem,
    model,
    free,
    nRows: n,
    get simulations() {
      return simulations;
    },
    countSimulations(k) {
      simulations += k;
    },
    evaluate(u, shouldStop) {
      const values = parameterValues(problem, free, u);
      const predictions = new Float64Array(n).fill(NaN);
      const sigmas = new Float64Array(n).fill(NaN);
      const failures: { experiment: string; status: string; message: string }[] = [];
      for (const ex of experiments) {
        simulations++;
        let out: ReturnType<SimulationModel["simulate"]>;
        try {
          out = model.simulate({
            overrides: overridesFor(ex.simId, values),
            ...(ex.preId ? { preequilibration: overridesFor(ex.preId, values) } : {}),
            times: ex.times,
            quantities: ex.quantities,
            ...(shouldStop ? { shouldStop } : {}),
          });
        } catch (err) {
          // an exception inside a simulation fails this experiment at this point, not the fit
          out = { ok: false, status: "error", message: (err as Error).message };
        }
        if (!out.ok) {
          failures.push({ experiment: ex.label, status: out.status, message: out.message });
          continue;
        }
        for (const r of ex.rows) {
          const env = {
            time: ex.times[r.ti],
            value: (name: string) => {
              const q = ex.quantities.indexOf(name);
              if (q >= 0) return out.values[q][r.ti];
              const v = values.get(name);
              return v === undefined ? NaN : v;
            },
          };
          predictions[r.m] = evaluate(r.obs, env);
          sigmas[r.m] = evaluate(r.noise, env);
        }
      }
      return { ok: failures.length === 0, predictions, sigmas, failures };
    },
  };
}
