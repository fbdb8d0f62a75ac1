/**
 * Solvers by name, for command lines and files. Shared code asks a method's capabilities
 * (implicit, denseOutput, order), never its name; names are for people.
 */
import type { SolverMethod } from "./types.js";
import { rodas5p } from "./methods/rodas5p.js";
import { tsit5 } from "./methods/tsit5.js";
import { bdf } from "./methods/bdf.js";

export const SOLVERS: readonly SolverMethod[] = [rodas5p, bdf, tsit5];

/** Rodas5P: robust on stiff kinetics, accurate dense output, cheap restarts at doses/events. */
export const defaultMethod: SolverMethod = rodas5p;

/** The method with this name (case-insensitive), or undefined; see SOLVERS for the list. */
export function solverByName(name: string): SolverMethod | undefined {
  const key = name.toLowerCase();
  return SOLVERS.find((m) => m.name.toLowerCase() === key);
}
