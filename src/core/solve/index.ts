/** The solver layer: methods, the integration loop, steady states. Sees only OdeSystems. */
export type * from "./types.js";
export type * from "./hybrid.js";
export { rodas5p } from "./methods/rodas5p.js";
export { tsit5 } from "./methods/tsit5.js";
export { bdf } from "./methods/bdf.js";
export { integrate } from "./integrate.js";
export { steadyState, type SteadyStateOptions, type SteadyStateResult } from "./steady-state.js";
export { SOLVERS, defaultMethod, solverByName } from "./registry.js";
export { explicitRk } from "./explicit-rk.js";
export { rosenbrock } from "./rosenbrock.js";
