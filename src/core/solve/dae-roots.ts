/**
 * Events on a DAE: the state at a root comes from the dense output, whose algebraic part holds
 * only to the integration tolerance; projecting it (dae-init.ts) moves a root function by as
 * much, and may put it back on the side it just left. A change of g that small is projection
 * noise, not a crossing: the same relative 1e-12 the simulation handler allows an assignment
 * that does not move a trigger (simulate/handler.ts).
 */
import type { HybridHandler } from "./hybrid.js";
import type { RootFinder } from "./roots.js";

const NOISE = 1e-12;

/** True when g moved by no more than noise from `before` to `after`. */
export function unmoved(before: number, after: number): boolean {
  return Math.abs(after - before) <= NOISE * (1 + Math.abs(before));
}

export class DaeRootNoise {
  private readonly g: Float64Array;

  constructor(
    private readonly hybrid: HybridHandler,
    private readonly p: Float64Array,
  ) {
    this.g = new Float64Array(hybrid.nRoots);
  }

  /** g at the consistent state at a root, before the handler runs. */
  record(t: number, y: Float64Array): void {
    this.hybrid.roots!(t, y, this.p, this.g);
  }

  /**
   * After finder.reset at the root: a function that fired there and is back on its old side
   * only by noise counts as sitting at its root (0), so that it is not found crossing again.
   */
  settle(finder: RootFinder): void {
    const { gLeft, directions } = finder;
    for (let k = 0; k < gLeft.length; k++) {
      const d = directions[k];
      if (d === 0 || gLeft[k] === 0) continue;
      const oldSide = d > 0 ? gLeft[k] < 0 : gLeft[k] > 0;
      if (oldSide && unmoved(this.g[k], gLeft[k])) gLeft[k] = 0;
    }
  }
}
