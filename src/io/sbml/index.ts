/** SBML in and out: import (L2V1-L3V2 core + comp), export (L3V2), and what to report. */
export { importSbml, type SbmlImportOptions, type SbmlImportResult } from "./import.js";
export { loadSbmlFile } from "./load.js";
export { exportSbml, toSbml, type SbmlExportOptions, type SbmlExportResult } from "./export/index.js";
export { sbmlDefaultObservables, reportedExpr, isAmountSymbol } from "./observables.js";
export { parseXml, type XmlElement } from "./xml.js";
