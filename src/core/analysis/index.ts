export { parseMetric, computeMetric, type MetricSpec, type MetricKind } from "./metrics.js";
export { localSensitivity, type LocalSensitivityResult, type LocalSensitivityOptions } from "./local.js";
export { type Factor, factorValue, foldRange, validateFactors, type VectorModel } from "./design.js";
export {
  morris,
  morrisTrajectory,
  type MorrisResult,
  type MorrisIndices,
  type MorrisOptions,
} from "./morris.js";
export { sobol, type SobolResult, type SobolIndices, type SobolOptions } from "./sobol.js";
