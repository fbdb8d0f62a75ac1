export * from "./problem.js";
export * from "./simulation-model.js";
export { validateProblem, type Locator, type TableKind } from "./validate.js";
export {
  createEvaluator,
  experimentLayout,
  type ModelEvaluator,
  type PredictionEvaluation,
} from "./evaluator.js";
export { finiteDifferenceGradient, type GradientProvider, type PredictionJacobian } from "./gradient.js";
export { sensitivityGradient, defaultGradient } from "./sensitivities.js";
export { createObjective, type Objective, type ResidualEvaluation } from "./objective.js";
export { levenbergMarquardt, type LocalResult, type LmOptions } from "./levenberg-marquardt.js";
export { cmaes, type CmaesOptions, type CmaesResult } from "./cmaes.js";
export { multiStart, startPoints, type StartResult } from "./multistart.js";
export { profileParameter, type ProfileResult } from "./profile.js";
export { fitProblem, type FitOptions, type FitProgress } from "./fit.js";
export type { FitReport, FitParameterRow, FitStatus } from "./report.js";
export { rngFor, latinHypercube, permutation, type Rng } from "./rng.js";
export { normalQuantile, chiSquare1Quantile, percentileSorted } from "./stats.js";
