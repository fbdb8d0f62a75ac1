export * from "./types.js";
export { simulate, evenGrid } from "./simulate.js";
export { slotWriter, type SlotWriter } from "./slots.js";
export {
  simulateSensitivities,
  type SensitivityOptions,
  type SensitivityResult,
  type InitialSensitivities,
  type ObservableSensitivities,
} from "./sensitivities.js";
export { steadyStateSensitivities } from "./sensitivity-steady.js";
