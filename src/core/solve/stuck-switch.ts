/**
 * A step that cannot get past a switch. When the solution itself jumps at a root of g (a
 * piecewise rate law whose branch sets a different equilibrium of a fast reaction or an
 * algebraic rule), every step that crosses the root fails its error test however small it is,
 * and the stepper stops with stepSizeTooSmall just before the root, so the root finder, which
 * looks only inside accepted steps, never sees it. If some g changes sign within a few minimum
 * steps ahead, on the last step's dense output continued that far, that root is where the run
 * goes on: it is located by bisection in time and handled as any other root.
 */
import type { HybridHandler } from "./hybrid.js";
import { minStep } from "./stepper-common.js";
import type { Stepper } from "./types.js";

/** How far ahead, in minimum step sizes, a stuck step looks for a switch. */
const REACH = 1024;

/** The switch, and the state there in `y`, or null (y is then scratch). */
export function switchAhead(
  hybrid: HybridHandler,
  p: Float64Array,
  stepper: Stepper,
  tStop: number,
  hmin: number,
  y: Float64Array,
): { t: number; directions: Int8Array } | null {
  const nr = hybrid.nRoots;
  if (nr === 0 || !hybrid.roots) return null;
  const t = stepper.t;
  const g0 = new Float64Array(nr);
  const g = new Float64Array(nr);
  hybrid.roots(t, stepper.y, p, g0);
  // strictly across: at g = 0 itself the old and the new branch may both hold (k·S = 0 at
  // k = 0), and the algebraic equations determine nothing there
  const crossed = (tau: number): boolean => {
    stepper.interpolate(tau, y); // continued a little beyond the step (frozen after a restart)
    hybrid.roots!(tau, y, p, g);
    for (let k = 0; k < nr; k++) if (g0[k] !== 0 && g[k] !== 0 && g0[k] < 0 !== g[k] < 0) return true;
    return false;
  };
  let b = Math.min(t + REACH * minStep(t, hmin), tStop);
  if (!(b > t) || !crossed(b)) return null;
  let a = t;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (a + b);
    if (mid <= a || mid >= b) break;
    if (crossed(mid)) b = mid;
    else a = mid;
  }
  stepper.interpolate(b, y);
  hybrid.roots(b, y, p, g);
  const directions = new Int8Array(nr);
  for (let k = 0; k < nr; k++)
    if (g0[k] !== 0 && g[k] !== 0 && g0[k] < 0 !== g[k] < 0) directions[k] = g0[k] < 0 ? 1 : -1;
  return { t: b, directions };
}
