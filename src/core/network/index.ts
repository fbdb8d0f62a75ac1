export * from "./types.js";
export {
  NetworkBuilder,
  network,
  massAction,
  type Formula,
  type RateLaw,
  type SpeciesOptions,
  type ParameterOptions,
  type EventOptions,
} from "./builder.js";
export { validateNetwork } from "./validate.js";
