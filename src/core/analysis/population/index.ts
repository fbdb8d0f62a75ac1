export {
  type LognormalPrior,
  type PopulationPriors,
  type PriorSampler,
  omegaOf,
  priorSampler,
  validatePriors,
} from "./priors.js";
export { QuantileSketch } from "./sketch.js";
export {
  PopulationAggregator,
  wilson,
  DEFAULT_PERCENTILES,
  type Band,
  type OutcomeSpec,
  type OutcomeSummary,
} from "./aggregate.js";
export {
  runChunk,
  type ChunkContext,
  type ChunkResult,
  type ChunkTask,
  type MemberSimulator,
} from "./member.js";
export {
  runPopulation,
  validatePopulation,
  type ChunkExecutor,
  type PopulationResult,
  type PopulationRunOptions,
  type PopulationSpec,
} from "./run.js";
