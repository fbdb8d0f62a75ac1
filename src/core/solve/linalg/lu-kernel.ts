/**
 * The sparse LU's elimination and triangular solve in WebAssembly (wasm/lu-kernel.wat), with the
 * TypeScript loops of sparse-lu-numeric.ts as the fallback. Same operations in the same order,
 * so the results are bit-identical either way (tested); the WebAssembly loops are faster because
 * each indexed load is one instruction without a bounds check. Measured (`npm run bench --
 * linalg`, kernel table): factor + solve 2.5–2.9× faster, a solve alone 2.3–2.6× (IL-6 liver
 * pattern, 1 698 LU entries: 16 → 6.5 µs and 6.9 → 3.0 µs); a 70 % PHx population member, whose
 * Newton solves mostly use pivoted sequences, takes 8.5–9.2 ms instead of 10.3–11.3 ms (same
 * bits; one thread, separate processes).
 *
 * Memory: one WebAssembly memory per thread holds up to SLOTS working sets. A slot is a program's
 * index arrays (loaded once, re-used while the program stays the same) plus the factor values of
 * one SparseLu, its right-hand side and a scratch vector. The JavaScript Float64Array of each
 * SparseLu stays the owner of its values: a slot caches them (write-back), and a slot that is
 * re-used for other values first copies its own back. Nothing is allocated per factorisation
 * or solve once the slots are warm. The memory is never grown (see `reserve`: growing would
 * detach an ArrayBuffer and slow every typed-array access in the process).
 */
import { LU_KERNEL_BASE64 } from "./wasm/lu-kernel-binary.js";
import type { Program } from "./sparse-lu-symbolic.js";

/** The part of the WebAssembly API used here (the Node typings leave the namespace to lib.dom). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const WASM = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Working sets kept in WebAssembly memory (a run uses one or two at a time; LRU beyond). */
const SLOTS = 8;
const PAGE = 65536;
/** 2 MB: the IL-6 model's working sets, with a 247-column solve, take about 1 MB. */
const INITIAL_PAGES = 32;

interface Exports {
  eliminate(
    n: number,
    jacLen: number,
    jacPos: number,
    cPos: number,
    diagPos: number,
    rowStart: number,
    lStart: number,
    lPos: number,
    targetStart: number,
    targets: number,
    v: number,
    nnz: number,
    c: number,
    jac: number,
    check: number,
  ): number;
  solve(
    n: number,
    pB: number,
    qB: number,
    rowStart: number,
    diagPos: number,
    colX: number,
    v: number,
    invd: number,
    x: number,
  ): void;
  solveMany(
    n: number,
    count: number,
    pB: number,
    qB: number,
    bBase: number,
    rowStart: number,
    diagPos: number,
    colX: number,
    xBase: number,
    v: number,
    invd: number,
    B: number,
    X: number,
  ): void;
}

/** Byte offsets of one slot's arrays (all inside [base, base + capacity)). */
interface Slot {
  base: number;
  capacity: number;
  program: Program | null;
  /** The SparseLu values array whose factors the slot holds, and whether they are newer here. */
  owner: Float64Array | null;
  dirty: boolean;
  used: number;
  n: number;
  nnz: number;
  jacLen: number;
  jacPos: number;
  cPos: number;
  diagPos: number;
  rowStart: number;
  lStart: number;
  lPos: number;
  targetStart: number;
  targets: number;
  colX: number;
  pB: number;
  qB: number;
  v: number;
  b: number;
  x: number;
}

export class LuKernel {
  private memory!: WasmMemory;
  private fns!: Exports;
  private f64: Float64Array;
  private i32: Int32Array;
  private top = 64;
  private readonly slots: Slot[] = [];
  private clock = 0;
  private jacAt = 0;
  private jacCapacity = 0;
  /** Scratch of solveMany: the right-hand sides and their interleaved copy (doubles each). */
  private manyAt = 0;
  private manyCapacity = 0;

  constructor(
    private readonly api: WasmApi,
    private readonly module: object,
  ) {
    this.f64 = this.i32 = null!;
    this.instantiate(INITIAL_PAGES);
  }

  private instantiate(pages: number): void {
    this.memory = new this.api.Memory({ initial: pages });
    const instance = new this.api.Instance(this.module, { env: { memory: this.memory } });
    this.fns = instance.exports as unknown as Exports;
    this.f64 = new Float64Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
  }

  /**
   * Make room for `bytes` more before an operation allocates anything (a slot, the Jacobian
   * buffer, the multi-column scratch; operations that allocate nothing skip this). The memory is never
   * grown: growing detaches its ArrayBuffer, which clears V8's "no ArrayBuffer was ever
   * detached" protector, and from then on every typed-array access in optimised code checks for
   * detachment — all of the solver's JavaScript ran ~40 % slower (measured: a population member
   * lost more time that way than the kernel saved). When it is too small, the kernel writes its
   * slots back and moves to a new, larger memory instead (the old one is dropped, not detached).
   */
  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (align8(this.top) + bytes <= have) return;
    for (const s of this.slots) this.writeBack(s);
    this.slots.length = 0;
    this.jacCapacity = 0;
    this.manyCapacity = 0;
    this.top = 64;
    const need = 64 + bytes;
    this.instantiate(Math.max(2 * Math.ceil(have / PAGE), Math.ceil((2 * need) / PAGE)));
  }

  /** Size of the kernel's memory in bytes (it grows with the largest working sets seen). */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Factor c·I − J with `prog` into `values` (see eliminate in sparse-lu-numeric.ts). */
  eliminate(
    prog: Program,
    Q: Int32Array,
    values: Float64Array,
    c: number,
    jac: Float64Array,
    check: boolean,
  ): number {
    if (!this.holds(prog, values) || jac.length > this.jacCapacity)
      this.reserve(slotBytes(prog) + 8 * jac.length + 16);
    const s = this.slotFor(prog, Q, values, false);
    if (jac.length > this.jacCapacity) {
      this.jacAt = this.alloc(8 * jac.length);
      this.jacCapacity = jac.length;
    }
    this.f64.set(jac, this.jacAt >> 3);
    s.dirty = true;
    return this.fns.eliminate(
      s.n,
      s.jacLen,
      s.jacPos,
      s.cPos,
      s.diagPos,
      s.rowStart,
      s.lStart,
      s.lPos,
      s.targetStart,
      s.targets,
      s.v,
      s.nnz,
      c,
      this.jacAt,
      check ? 1 : 0,
    );
  }

  /** Solve with the factors of `prog` in `values`, in place in b (see luSolve). */
  solve(prog: Program, Q: Int32Array, values: Float64Array, b: Float64Array): void {
    if (!this.holds(prog, values)) this.reserve(slotBytes(prog) + 16);
    const s = this.slotFor(prog, Q, values, true);
    const { f64 } = this;
    const at = s.b >> 3;
    f64.set(b, at);
    this.fns.solve(s.n, s.pB, s.qB, s.rowStart, s.diagPos, s.colX, s.v, s.v + 8 * s.nnz, s.x);
    for (let i = 0, n = s.n; i < n; i++) b[i] = f64[at + i]; // no view object per solve
  }

  /** Solve for `count` right-hand sides stored one after another in b (see luSolveMany). */
  solveMany(prog: Program, Q: Int32Array, values: Float64Array, b: Float64Array, count: number): void {
    const size = prog.cPos.length * count;
    if (!this.holds(prog, values) || size > this.manyCapacity) this.reserve(slotBytes(prog) + 16 * size + 16);
    const s = this.slotFor(prog, Q, values, true);
    if (size > this.manyCapacity) {
      this.manyAt = this.alloc(16 * size);
      this.manyCapacity = size;
    }
    const B = this.manyAt;
    const X = B + 8 * size;
    const { f64 } = this;
    f64.set(b.subarray(0, size), B >> 3);
    this.fns.solveMany(
      s.n,
      count,
      s.pB,
      s.qB,
      s.b,
      s.rowStart,
      s.diagPos,
      s.colX,
      s.x,
      s.v,
      s.v + 8 * s.nnz,
      B,
      X,
    );
    b.set(f64.subarray(B >> 3, (B >> 3) + size));
  }

  /** Whether a slot holds `values` with `prog` loaded (then an operation allocates no slot). */
  private holds(prog: Program, values: Float64Array): boolean {
    for (const x of this.slots) if (x.owner === values) return x.program === prog;
    return false;
  }

  /**
   * The slot holding `values` with `prog` loaded. A slot found for the values with another
   * program (a SparseLu switching between its static and pivoted sequences) is reloaded; else
   * the least recently used slot is taken, its own values written back first. With `load`,
   * the values are copied in when the slot did not hold them.
   */
  private slotFor(prog: Program, Q: Int32Array, values: Float64Array, load: boolean): Slot {
    let s: Slot | undefined;
    for (const x of this.slots)
      if (x.owner === values) {
        s = x;
        break;
      }
    if (s && s.program !== prog) {
      // the values belong to the program they were computed with: keep them before reloading
      this.writeBack(s);
      s.owner = null;
    }
    if (!s || s.owner !== values) {
      s = s ?? this.leastRecent();
      this.writeBack(s);
      // a program belongs to one pattern's analysis, so it fixes Q too
      if (s.program !== prog) this.loadProgram(s, prog, Q);
      s.owner = values;
      s.dirty = false;
      if (load) this.f64.set(values.subarray(0, s.nnz + s.n), s.v >> 3);
    }
    s.used = ++this.clock;
    return s;
  }

  private leastRecent(): Slot {
    if (this.slots.length < SLOTS) {
      const s = emptySlot();
      this.slots.push(s);
      return s;
    }
    let best = this.slots[0];
    for (const x of this.slots) if (x.used < best.used) best = x;
    return best;
  }

  private writeBack(s: Slot): void {
    if (!s.dirty || !s.owner) return;
    const at = s.v >> 3;
    s.owner.set(this.f64.subarray(at, at + s.nnz + s.n));
    s.dirty = false;
  }

  /** Copy a program's index arrays into the slot (growing it when they do not fit). */
  private loadProgram(s: Slot, prog: Program, Q: Int32Array): void {
    const n = prog.cPos.length;
    const nnz = prog.rowStart[n];
    const bytes = slotBytes(prog);
    if (bytes > s.capacity) {
      s.base = this.alloc(bytes);
      s.capacity = bytes;
    }
    let at = s.base;
    const put = (a: Int32Array): number => {
      const o = at;
      this.i32.set(a, o >> 2);
      at += 4 * a.length;
      return o;
    };
    s.jacPos = put(prog.jacPos);
    s.cPos = put(prog.cPos);
    s.diagPos = put(prog.diagPos);
    s.rowStart = put(prog.rowStart);
    s.lStart = put(prog.lStart);
    s.lPos = put(prog.lPos);
    s.targetStart = put(prog.targetStart);
    s.targets = put(prog.targets);
    const colX = at;
    at += 4 * nnz;
    const pB = at;
    at += 4 * n;
    const qB = at;
    at += 4 * n;
    at = align8(at);
    s.v = at;
    at += 8 * (nnz + n);
    s.b = at;
    at += 8 * n;
    s.x = at;
    const { i32 } = this;
    for (let p = 0; p < nnz; p++) i32[(colX >> 2) + p] = s.x + 8 * prog.col[p];
    for (let k = 0; k < n; k++) {
      i32[(pB >> 2) + k] = s.b + 8 * prog.P[k];
      i32[(qB >> 2) + k] = s.b + 8 * Q[k];
    }
    s.colX = colX;
    s.pB = pB;
    s.qB = qB;
    s.n = n;
    s.nnz = nnz;
    s.jacLen = prog.jacPos.length;
    s.program = prog;
  }

  /** Bump allocation within the room `reserve` made (slots and buffers only grow; nothing is freed). */
  private alloc(bytes: number): number {
    const at = align8(this.top);
    const end = at + bytes;
    if (end > this.memory.buffer.byteLength)
      throw new Error("il6sim internal error: LU kernel allocation beyond its reserved memory");
    this.top = end;
    return at;
  }
}

/** Bytes of a slot for a program: its index arrays and addresses (i32), values nnz + n, b and x. */
function slotBytes(prog: Program): number {
  const n = prog.cPos.length;
  const nnz = prog.rowStart[n];
  const ints =
    prog.jacPos.length +
    prog.cPos.length +
    prog.diagPos.length +
    prog.rowStart.length +
    prog.lStart.length +
    prog.lPos.length +
    prog.targetStart.length +
    prog.targets.length +
    nnz +
    2 * n;
  return align8(4 * ints) + 8 * (nnz + 3 * n) + 8;
}

function align8(x: number): number {
  return (x + 7) & ~7;
}

function emptySlot(): Slot {
  return {
    base: 0,
    capacity: 0,
    program: null,
    owner: null,
    dirty: false,
    used: 0,
    n: 0,
    nnz: 0,
    jacLen: 0,
    jacPos: 0,
    cPos: 0,
    diagPos: 0,
    rowStart: 0,
    lStart: 0,
    lPos: 0,
    targetStart: 0,
    targets: 0,
    colX: 0,
    pB: 0,
    qB: 0,
    v: 0,
    b: 0,
    x: 0,
  };
}

/** The module's bytes (base64 → bytes with atob, available in Node ≥ 16 and browsers). */
function kernelBytes(): Uint8Array {
  const text = atob(LU_KERNEL_BASE64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

let kernel: LuKernel | null | undefined;
let enabled = true;

/** This thread's kernel, or null when WebAssembly is unavailable or switched off. */
export function luKernel(): LuKernel | null {
  if (!enabled) return null;
  if (kernel === undefined) {
    try {
      kernel = WASM ? new LuKernel(WASM, new WASM.Module(kernelBytes())) : null;
    } catch {
      kernel = null; // no WebAssembly: the TypeScript loops do the same work
    }
  }
  return kernel;
}

/**
 * Use the WebAssembly kernel (default) or the TypeScript loops for SparseLu objects made from
 * now on (tests compare the two; a SparseLu keeps the choice it was made with).
 */
export function setLuKernelEnabled(on: boolean): void {
  enabled = on;
}
