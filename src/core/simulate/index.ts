export * from "./types.js";
export { simulate, evenGrid } from "./simulate.js";
export { slotWriter, type SlotWriter } from "./slots.js";
