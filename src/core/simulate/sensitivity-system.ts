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
 * system declares `blocks`, so BDF factors only the n×n block I − γJ (see
 * block-iteration-matrix.ts).
 */
import type { CompiledModel } from "../compile/index.js";
import { type SensitivityTerms, sensitivityTerms } from "../compile/sensitivity.js";
import type { BlockStructure, OdeSystem, SparsityPattern } from "../solve/types.js";

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

export class SensitivitySystem implements OdeSystem {
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
  /** Sp restricted to the slots in use: spActive[a·m + k]. */
  private spActive = new Float64Array(0);

  constructor(
    private readonly model: CompiledModel,
    readonly parameterIds: readonly string[],
    sp0: Float64Array,
    /** Sensitivities in the local error test (CVODES errconS; default true). */
    errorControl = true,
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
    this.blocks = { block: sys, count: 1 + this.m, ...(errorControl ? {} : { errorBlocks: 1 }) };
    this.pattern = sys.sparsity;
    this.jac = new Float64Array(sys.sparsity.colIndex.length);
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
      this.spActive = new Float64Array(slots.length * m);
    }
    slots.forEach((s, a) => {
      for (let k = 0; k < m; k++) this.spActive[a * m + k] = sp[s * m + k];
    });
  }

  rhs(t: number, Y: Float64Array, p: Float64Array, dY: Float64Array): void {
    const { n, m, jac, dfdp, spActive } = this;
    this.terms.evaluate(t, Y, p, dY, jac, dfdp);
    const { rowStart, colIndex } = this.pattern;
    const { colStart, rowIndex } = this.terms.columns;
    const nActive = colStart.length - 1;
    const end = n * (m + 1);
    // J·S_k for all k at once: each Jacobian entry is read once for every column
    for (let i = 0; i < n; i++) {
      for (let o = n; o < end; o += n) dY[o + i] = 0;
      const stop = rowStart[i + 1];
      for (let q = rowStart[i]; q < stop; q++) {
        const v = jac[q];
        if (v === 0) continue;
        const j = colIndex[q];
        for (let o = n; o < end; o += n) dY[o + i] += v * Y[o + j];
      }
    }
    // + ∂f/∂p · Sp_k
    for (let a = 0; a < nActive; a++) {
      const stop = colStart[a + 1];
      for (let k = 0; k < m; k++) {
        const c = spActive[a * m + k];
        if (c === 0) continue;
        const o = n * (k + 1);
        for (let q = colStart[a]; q < stop; q++) dY[o + rowIndex[q]] += dfdp[q] * c;
      }
    }
  }
}
