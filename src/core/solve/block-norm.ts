/**
 * The error norm of a stepper: the weighted RMS norm, or for a system that declares `blocks`
 * the largest of the blocks' weighted RMS norms. For forward sensitivities that is CVODES's
 * norm with errconS (each of y, S_1, ..., S_np must pass on its own), so adding parameters
 * never loosens the control of y by diluting its error in a longer vector.
 */
import type { OdeSystem } from "./types.js";
import { wrmsNorm } from "./norms.js";

export type Norm = (v: Float64Array, w: Float64Array) => number;

/**
 * The norm over all blocks (Newton convergence), or with `errorTest` over the blocks that enter
 * the local error test (`blocks.errorBlocks`, default all).
 */
export function normFor(system: OdeSystem, useBlocks: boolean, errorTest = false): Norm {
  const blocks = useBlocks ? system.blocks : undefined;
  if (!blocks || blocks.count <= 1) return wrmsNorm;
  const n = blocks.block.size;
  const count = errorTest
    ? Math.max(1, Math.min(blocks.count, blocks.errorBlocks ?? blocks.count))
    : blocks.count;
  return maxBlockNorm(n, count);
}

/** The largest weighted RMS norm of the first `count` blocks of size n of v. */
function maxBlockNorm(n: number, count: number): Norm {
  return (v, w) => {
    let worst = 0;
    for (let c = 0; c < count; c++) {
      let s = 0;
      const end = (c + 1) * n;
      for (let i = c * n; i < end; i++) {
        const x = v[i] * w[i];
        s += x * x;
      }
      // Math.max keeps a NaN (a non-finite block must fail the test)
      worst = Math.max(worst, Math.sqrt(s / n));
    }
    return worst;
  };
}
