/**
 * The forward-sensitivity system of a compiled model: state Y = [y, S_1, ..., S_np] with
 *   y' = f(t, y, p),   S_k' = J(t, y, p) S_k + (∂f/∂p)(t, y, p) · Sp_k,
 * where S_k = dy/dθ_k and Sp_k = dp/dθ_k (the parameter slots' dependence on θ_k: a unit column
 * for a parameter itself, more when initial assignments or actions derive slots from it).
 * Sp is piecewise constant: it changes only at jumps (an action that sets or scales a
 * parameter), where the jump handler calls setParameterSensitivities.
 *
 * One generated function gives f, J (in the sparsity order) and ∂f/∂p for the slots in use;
 * each column then costs one sparse matrix-vector product. Nothing is allocated per call. The
 * system declares `blocks` with `staggered` (StaggeredBlocks), so BDF iterates on y alone with
 * the model's own f and, once per step, corrects the columns with J and ∂f/∂p prepared at the
 * converged y (bdf-staggered.ts); `rhs` (all of Y) serves starting steps and other callers.
 */
import type { CompiledModel } from "../compile/index.js";
import { type SensitivityTerms, sensitivityTerms } from "../compile/sensitivity.js";
import type { BlockStructure, OdeSystem, SparsityPattern, StaggeredBlocks } from "../solve/types.js";

const termsCache = new WeakMap<CompiledModel, Map<string, SensitivityTerms>>();

function termsFor(model: CompiledModel, pattern: SparsityPattern, slots: number[]): SensitivityTerms {
  let byKey = termsCache.get(model);
  if (!byKey) termsCache.set(model, (byKey = new Map()));
  const key = slots.join(",");
  let terms = byKey.get(key);
  if (!terms) {
    terms = sensitivityTerms(model.equations, model.system.size, pattern, slots);
    byKey.set(key, terms);
  }
  return terms;
}

export class SensitivitySystem implements OdeSystem, StaggeredBlocks {
  readonly size: number;
  readonly stateIds: readonly string[];
  readonly timeDependent: boolean;
  readonly blocks: BlockStructure;
  /** States, sensitivity parameters, parameter slots. */
  readonly n: number;
  readonly m: number;
  readonly nP: number;
  /** dp/dθ in effect: nP × m, row-major (sp[s·m + k] = dp_s/dθ_k). Read-only outside. */
  readonly sp: Float64Array;
  private readonly pattern: SparsityPattern;
  private terms!: SensitivityTerms;
  private jac: Float64Array;
  private dfdp = new Float64Array(0);
  /** The non-zero entries of Sp on the slots in use: slot position a, column k, value (slot-major). */
  private spSlot = new Int32Array(0);
  private spCol = new Int32Array(0);
  private spValue = new Float64Array(0);
  /** f of the fused evaluation in prepare (only J and ∂f/∂p are wanted there). */
  private readonly fScratch: Float64Array;

  constructor(
    private readonly model: CompiledModel,
    readonly parameterIds: readonly string[],
    sp0: Float64Array,
    /** Sensitivities in the local error test (CVODES errconS). */
    errorControl: boolean,
  ) {
    const sys = model.system;
    if (!sys.sparsity || !sys.jacobianSparse)
      throw new Error(
        `Model "${model.network.id}" has no analytic Jacobian (see its compile warnings), so forward sensitivities are unavailable.`,
      );
    this.n = sys.size;
    this.m = parameterIds.length;
    this.nP = model.layout.paramIds.length;
    this.size = this.n * (1 + this.m);
    this.timeDependent = sys.timeDependent !== false;
    this.blocks = {
      block: sys,
      count: 1 + this.m,
      staggered: this,
      ...(errorControl ? {} : { errorBlocks: 1 }),
    };
    this.pattern = sys.sparsity;
    this.jac = new Float64Array(sys.sparsity.colIndex.length);
    this.fScratch = new Float64Array(this.n);
    const ids = [...sys.stateIds];
    for (const th of parameterIds) for (const s of sys.stateIds) ids.push(`∂${s}/∂${th}`);
    this.stateIds = ids;
    this.sp = new Float64Array(this.nP * this.m);
    this.setParameterSensitivities(sp0);
  }

  /** Replace dp/dθ (after a jump); recompiles ∂f/∂p only when a new slot comes into use. */
  setParameterSensitivities(sp: Float64Array): void {
    const { m, nP } = this;
    this.sp.set(sp);
    const slots: number[] = [];
    for (let s = 0; s < nP; s++) {
      for (let k = 0; k < m; k++) {
        if (sp[s * m + k] !== 0) {
          slots.push(s);
          break;
        }
      }
    }
    const key = slots.join(",");
    if (!this.terms || key !== Array.from(this.terms.slots).join(",")) {
      this.terms = termsFor(this.model, this.pattern, slots);
      this.dfdp = new Float64Array(this.terms.columns.rowIndex.length);
    }
    const a: number[] = [];
    const k: number[] = [];
    const v: number[] = [];
    slots.forEach((s, pos) => {
      for (let c = 0; c < m; c++) {
        const x = sp[s * m + c];
        if (x === 0) continue;
        a.push(pos);
        k.push(c);
        v.push(x);
      }
    });
    this.spSlot = Int32Array.from(a);
    this.spCol = Int32Array.from(k);
    this.spValue = Float64Array.from(v);
  }

  rhs(t: number, Y: Float64Array, p: Float64Array, dY: Float64Array): void {
    this.terms.evaluate(t, Y, p, dY, this.jac, this.dfdp);
    this.product(Y, this.n, dY, this.n);
  }

  /** J and ∂f/∂p at (t, y) for blockRhs (the staggered corrector: once per step). */
  prepare(t: number, y: Float64Array, p: Float64Array): void {
    this.terms.evaluate(t, y, p, this.fScratch, this.jac, this.dfdp);
  }

  blockRhs(S: Float64Array, dS: Float64Array): void {
    this.product(S, 0, dS, 0);
  }

  /** J at the y of the last prepare, in the order of the block's sparsity pattern. */
  jacobianValues(): Float64Array {
    return this.jac;
  }

  /**
   * dS_k = J·S_k + ∂f/∂p · Sp_k for the m columns stored from S[so] (and dS[dso]) on: a row-wise
   * dot product per column (contiguous within the column; J, 16 KB on the IL-6 model, stays
   * in cache across columns — the column-interleaved loop strode through all of S per entry),
   * four columns at a time so that each entry of J and its column index are loaded once for
   * four products (2× faster for 247 columns; each sum keeps its order, so the same bits).
   */
  private product(S: Float64Array, so: number, dS: Float64Array, dso: number): void {
    const { n, m, jac } = this;
    const { rowStart, colIndex } = this.pattern;
    let k = 0;
    for (; k + 4 <= m; k += 4) {
      const s0 = so + k * n;
      const s1 = s0 + n;
      const s2 = s1 + n;
      const s3 = s2 + n;
      const d0 = dso + k * n;
      for (let i = 0; i < n; i++) {
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        for (let q = rowStart[i], stop = rowStart[i + 1]; q < stop; q++) {
          const v = jac[q];
          const c = colIndex[q];
          a0 += v * S[s0 + c];
          a1 += v * S[s1 + c];
          a2 += v * S[s2 + c];
          a3 += v * S[s3 + c];
        }
        dS[d0 + i] = a0;
        dS[d0 + n + i] = a1;
        dS[d0 + 2 * n + i] = a2;
        dS[d0 + 3 * n + i] = a3;
      }
    }
    for (; k < m; k++) {
      const si = so + k * n;
      const di = dso + k * n;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let q = rowStart[i], stop = rowStart[i + 1]; q < stop; q++) acc += jac[q] * S[si + colIndex[q]];
        dS[di + i] = acc;
      }
    }
    // + ∂f/∂p · Sp_k, over the non-zero entries of Sp (slot-major, as listed when Sp was set)
    const { dfdp, spSlot, spCol, spValue } = this;
    const { colStart, rowIndex } = this.terms.columns;
    for (let e = 0; e < spSlot.length; e++) {
      const a = spSlot[e];
      const c = spValue[e];
      const o = dso + n * spCol[e];
      for (let q = colStart[a], stop = colStart[a + 1]; q < stop; q++) dS[o + rowIndex[q]] += dfdp[q] * c;
    }
  }
}
