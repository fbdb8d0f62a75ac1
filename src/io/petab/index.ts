/** PEtab v1 in: problem YAML and TSV tables -> an estimation problem and its SBML model. */
export { loadPetab, type PetabLoadResult } from "./load.js";
export { parseTsv, parseNumber, type TsvTable, type TsvRow } from "./tsv.js";
export { readConditions, readMeasurements, readObservables, readParameters } from "./tables.js";
