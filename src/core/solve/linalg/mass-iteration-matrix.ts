/**
 * The iteration matrix c·M − J of a system with a mass matrix M (M·y' = f): Rosenbrock methods
 * for index-1 DAEs factor M/(hγ) − J (Hairer & Wanner, Solving ODEs II, VI.4). Same choice as
 * IterationMatrix between the dense LU with partial pivoting and the sparse LU on a fixed
 * pattern (here the union of the Jacobian's and M's patterns plus the diagonal). Algebraic rows
 * have no c on their diagonal, so a static sparse pivot may be too small: the sparse LU then
 * pivots (threshold partial pivoting, sparse-lu.ts) and keeps that pivot sequence while it
 * stays stable. Should it find a column singular, that factorisation is left to the dense LU
 * (as before this matrix had a pivoting sparse LU), so singularity is judged as on the dense path.
 */
import type { MassMatrix, OdeSystem, SolverStats, SparsityPattern } from "../types.js";
import { denseLuFactor, denseLuSolve } from "./dense-lu.js";
import { SparseLu } from "./sparse-lu.js";
import { type ColumnGroups, fdJacobianDense, fdJacobianGrouped, groupColumns } from "./fd-jacobian.js";
import { type LinearSolver, type LinearSolverChoice, SPARSE_MIN_SIZE } from "./iteration-matrix.js";

/** Sparse only when it does at most this fraction of the dense LU's multiply-adds (as IterationMatrix). */
const SPARSE_MAX_FLOP_RATIO = 0.5;

export class MassIterationMatrix implements LinearSolver {
  readonly n: number;
  private readonly mass: MassMatrix;
  /** M's values in the order of mass.pattern. */
  readonly massValues: Float64Array;
  private readonly rhs: (t: number, y: Float64Array, dydt: Float64Array) => void;
  /** Dense row-major J and LU (dense mode). */
  private readonly J: Float64Array;
  private readonly lu: Float64Array;
  private readonly piv: Int32Array;
  /** Sparse mode: LU on the union pattern, J and M values in union order, scratch. */
  private readonly slu: SparseLu | null;
  /** The last factorisation is the dense LU (sparse mode, a column the sparse LU found singular). */
  private denseNow = false;
  private readonly union: SparsityPattern | null;
  private readonly jU: Float64Array;
  private readonly mU: Float64Array;
  private readonly work: Float64Array;
  /** system pattern entry q -> union entry; mass pattern entry q -> union entry. */
  private readonly posJ: Int32Array;
  private readonly posM: Int32Array;
  /** Jacobian values in the system's pattern order (sparse sources). */
  private readonly jvals: Float64Array;
  private readonly groups: ColumnGroups | null;
  private readonly ftmp: Float64Array;
  private readonly ysave: Float64Array;

  constructor(
    private readonly system: OdeSystem,
    private readonly p: Float64Array,
    private readonly stats: SolverStats,
    choice: LinearSolverChoice = "auto",
  ) {
    if (!system.mass)
      throw new Error("il6sim internal error: MassIterationMatrix needs a system with a mass matrix");
    const n = system.size;
    this.n = n;
    this.mass = system.mass;
    this.massValues = new Float64Array(system.mass.pattern.colIndex.length);
    this.rhs = (t, y, dydt) => system.rhs(t, y, p, dydt);
    const pattern = system.sparsity;
    this.union = pattern ? unionPattern(n, [pattern, system.mass.pattern]) : null;
    let slu: SparseLu | null = null;
    if (this.union && choice !== "dense" && (choice === "sparse" || n >= SPARSE_MIN_SIZE)) {
      slu = new SparseLu(n, this.union);
      if (choice === "auto" && slu.flops > (SPARSE_MAX_FLOP_RATIO * n * n * n) / 3) slu = null;
    }
    this.slu = slu;
    const nu = this.union ? this.union.colIndex.length : 0;
    this.jU = new Float64Array(nu);
    this.mU = new Float64Array(nu);
    this.work = new Float64Array(nu);
    this.posJ = pattern && this.union ? positions(pattern, this.union) : new Int32Array(0);
    this.posM = this.union ? positions(system.mass.pattern, this.union) : new Int32Array(0);
    this.jvals = new Float64Array(pattern ? pattern.colIndex.length : 0);
    this.groups = pattern && !system.jacobian && !system.jacobianSparse ? groupColumns(n, pattern) : null;
    this.J = new Float64Array(n * n);
    this.lu = new Float64Array(n * n);
    this.piv = new Int32Array(n);
    this.ftmp = new Float64Array(n);
    this.ysave = new Float64Array(n);
  }

  /** True when the sparse LU is used. */
  get sparse(): boolean {
    return this.slu !== null;
  }

  /** Read M at (t, y) (at the start and after every jump); `relax` as in MassMatrix.values. */
  setMass(t: number, y: Float64Array, relax?: Uint8Array): void {
    this.mass.values(t, y, this.p, this.massValues, relax);
    if (this.union) {
      this.mU.fill(0);
      for (let q = 0; q < this.posM.length; q++) this.mU[this.posM[q]] += this.massValues[q];
    }
  }

  /** out = M·x. */
  applyMass(x: Float64Array, out: Float64Array): void {
    const { rowStart, colIndex } = this.mass.pattern;
    const v = this.massValues;
    for (let i = 0; i < this.n; i++) {
      let acc = 0;
      for (let q = rowStart[i]; q < rowStart[i + 1]; q++) acc += v[q] * x[colIndex[q]];
      out[i] = acc;
    }
  }

  /** Evaluate J at (t, y); `fy` = f(t, y), `floor` as in IterationMatrix.evaluate. */
  evaluate(t: number, y: Float64Array, fy: Float64Array, floor: Float64Array): void {
    const { system, p, n } = this;
    this.stats.jacEvals++;
    const pattern = system.sparsity;
    if (!this.slu && system.jacobian) {
      system.jacobian(t, y, p, this.J);
      return;
    }
    if (!pattern) {
      this.stats.rhsEvals += fdJacobianDense(this.rhs, n, t, y, fy, floor, this.J, this.ftmp);
      return;
    }
    // sparse sources (or the sparse LU): J's values in union order
    if (this.slu && system.jacobian && !system.jacobianSparse) {
      system.jacobian(t, y, p, this.J);
      const { rowStart, colIndex } = this.union!;
      for (let i = 0; i < n; i++)
        for (let q = rowStart[i]; q < rowStart[i + 1]; q++) this.jU[q] = this.J[i * n + colIndex[q]];
    } else {
      if (system.jacobianSparse) system.jacobianSparse(t, y, p, this.jvals);
      else
        this.stats.rhsEvals += fdJacobianGrouped(
          this.rhs,
          t,
          y,
          fy,
          floor,
          this.groups!,
          this.jvals,
          this.ftmp,
          this.ysave,
        );
      this.jU.fill(0);
      for (let q = 0; q < this.posJ.length; q++) this.jU[this.posJ[q]] = this.jvals[q];
    }
    if (!this.slu) this.scatterUnion();
  }

  private scatterUnion(): void {
    const { rowStart, colIndex } = this.union!;
    const n = this.n;
    this.J.fill(0);
    for (let i = 0; i < n; i++)
      for (let q = rowStart[i]; q < rowStart[i + 1]; q++) this.J[i * n + colIndex[q]] = this.jU[q];
  }

  /** Factor c·M − J: -1 on success, else the index of a state whose pivot vanished. */
  factor(c: number): number {
    this.stats.luDecompositions++;
    if (this.slu) {
      const w = this.work;
      // SparseLu factors c'·I − values: values = J − c·M and c' = 0 give c·M − J
      for (let q = 0; q < w.length; q++) w[q] = this.jU[q] - c * this.mU[q];
      this.denseNow = this.slu.factorShifted(0, w) >= 0;
      if (!this.denseNow) return -1;
      this.scatterUnion();
    }
    const { n, J, lu } = this;
    for (let k = 0; k < n * n; k++) lu[k] = -J[k];
    const { rowStart, colIndex } = this.mass.pattern;
    const v = this.massValues;
    for (let i = 0; i < n; i++)
      for (let q = rowStart[i]; q < rowStart[i + 1]; q++) lu[i * n + colIndex[q]] += c * v[q];
    return denseLuFactor(n, lu, this.piv);
  }

  /** Solve (c·M − J) x = b in place with the last factorisation. */
  solve(b: Float64Array): void {
    this.stats.linearSolves++;
    if (this.slu && !this.denseNow) this.slu.solve(b);
    else denseLuSolve(this.n, this.lu, this.piv, b);
  }
}

/** Union of patterns plus the diagonal, columns sorted within each row. */
export function unionPattern(n: number, patterns: readonly SparsityPattern[]): SparsityPattern {
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Set<number>([i]);
    for (const pt of patterns)
      for (let q = pt.rowStart[i]; q < pt.rowStart[i + 1]; q++) row.add(pt.colIndex[q]);
    cols.push(...[...row].sort((a, b) => a - b));
    rowStart[i + 1] = cols.length;
  }
  return { rowStart, colIndex: Int32Array.from(cols) };
}

/** For each entry of `sub`, its position in `sup` (sub ⊆ sup, both with sorted rows). */
function positions(sub: SparsityPattern, sup: SparsityPattern): Int32Array {
  const out = new Int32Array(sub.colIndex.length);
  const n = sub.rowStart.length - 1;
  for (let i = 0; i < n; i++) {
    for (let q = sub.rowStart[i]; q < sub.rowStart[i + 1]; q++) {
      let r = sup.rowStart[i];
      while (sup.colIndex[r] !== sub.colIndex[q]) r++;
      out[q] = r;
    }
  }
  return out;
}
