/** Scenario files: YAML/JSON schema, quantities with units, issues with paths and lines. */
export { parseScenarioText, pathText, type FieldPath, type ParsedText } from "./text.js";
export {
  resolveScenario,
  defaultStep,
  gridTimes,
  MAX_OUTPUT_POINTS,
  type ModelChoice,
  type ModelLookup,
  type ResolveOptions,
  type ResolveResult,
} from "./resolve.js";
export { toScenarioFile, toScenarioYaml, uniformStep, type ScenarioFileObject } from "./write.js";
export { applyOverrides, loadScenarioText, loadScenarioFile, type Overrides } from "./load.js";
