/**
 * Estimation problems in the shape of PEtab v1 (Schmiester et al., PLoS Comput. Biol. 17, 2021):
 * parameters with bounds, scale and estimate flag; observables with formulas and noise models;
 * conditions (model changes per experiment); measurements. Built in code or read by io/petab.
 * The model itself is behind the SimulationModel seam, so a problem works for a compiled
 * network, an SBML file or a library-model scenario alike.
 */
import type { Expr } from "../expr/ast.js";

export type ParameterScale = "lin" | "log" | "log10";
export type NoiseDistribution = "normal" | "laplace";

export interface ParameterPrior {
  /** PEtab objectivePriorType; "parameterScale*" act on the transformed value. */
  readonly type:
    | "normal"
    | "laplace"
    | "uniform"
    | "parameterScaleNormal"
    | "parameterScaleLaplace"
    | "parameterScaleUniform"
    | "logNormal";
  readonly parameters: readonly [number, number];
}

export interface ParameterSpec {
  readonly id: string;
  readonly name?: string;
  readonly scale: ParameterScale;
  /** Bounds and nominal value on the linear scale. */
  readonly lower: number;
  readonly upper: number;
  readonly nominal: number;
  readonly estimate: boolean;
  readonly prior?: ParameterPrior;
}

export interface ObservableSpec {
  readonly id: string;
  readonly name?: string;
  /** Over model symbols, problem parameters and observableParameter<k>_<id> placeholders. */
  readonly formula: Expr;
  /** Standard deviation (normal) or scale (laplace), on the transformed scale; may use noiseParameter<k>_<id>. */
  readonly noiseFormula: Expr;
  /** "lin" normal = Gaussian; "log" normal = lognormal. */
  readonly transformation: ParameterScale;
  readonly distribution: NoiseDistribution;
}

/** A condition: model quantities set to a number or to a problem parameter's value. */
export interface ConditionSpec {
  readonly id: string;
  readonly name?: string;
  readonly changes: Readonly<Record<string, number | string>>;
}

/** A number, or the id of a problem parameter, as observableParameters/noiseParameters allow. */
export type ParameterRef = number | string;

export interface MeasurementSpec {
  readonly observableId: string;
  readonly simulationConditionId: string;
  readonly preequilibrationConditionId?: string;
  /** Model time; Infinity means the steady state. */
  readonly time: number;
  readonly value: number;
  readonly observableParameters: readonly ParameterRef[];
  readonly noiseParameters: readonly ParameterRef[];
  readonly datasetId?: string;
  readonly replicateId?: string;
}

export interface EstimationProblem {
  readonly id?: string;
  readonly parameters: readonly ParameterSpec[];
  readonly observables: readonly ObservableSpec[];
  readonly conditions: readonly ConditionSpec[];
  readonly measurements: readonly MeasurementSpec[];
}

// ------------------------------------------------------------------ scales

export function toScale(x: number, scale: ParameterScale): number {
  return scale === "lin" ? x : scale === "log" ? Math.log(x) : Math.log10(x);
}

export function fromScale(u: number, scale: ParameterScale): number {
  return scale === "lin" ? u : scale === "log" ? Math.exp(u) : 10 ** u;
}

/** d(linear value)/d(scaled value) at the scaled value u. */
export function dFromScale(u: number, scale: ParameterScale): number {
  return scale === "lin" ? 1 : scale === "log" ? Math.exp(u) : Math.LN10 * 10 ** u;
}

/** The estimated parameters in order, with their bounds on the optimiser's (transformed) scale. */
export interface FreeParameters {
  readonly ids: readonly string[];
  readonly specs: readonly ParameterSpec[];
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly nominal: Float64Array;
}

export function freeParameters(problem: EstimationProblem): FreeParameters {
  const specs = problem.parameters.filter((p) => p.estimate);
  return {
    ids: specs.map((p) => p.id),
    specs,
    lower: Float64Array.from(specs, (p) => toScale(p.lower, p.scale)),
    upper: Float64Array.from(specs, (p) => toScale(p.upper, p.scale)),
    nominal: Float64Array.from(specs, (p) => toScale(p.nominal, p.scale)),
  };
}

/** Linear-scale values of every problem parameter: fixed ones at nominal, free ones from u. */
export function parameterValues(
  problem: EstimationProblem,
  free: FreeParameters,
  u: Float64Array,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of problem.parameters) out.set(p.id, p.nominal);
  free.specs.forEach((p, k) => out.set(p.id, fromScale(u[k], p.scale)));
  return out;
}
