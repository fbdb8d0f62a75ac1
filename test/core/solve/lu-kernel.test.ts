/**
 * The WebAssembly LU kernel (lu-kernel.ts) against the TypeScript loops it replaces: the same
 * factors and solutions to the last bit, through static and pivoted sequences, more SparseLu
 * objects than the kernel has slots (write-back), multi-column solves that read the factors in
 * JavaScript, memory growth, and whole IL-6 runs. Also: the committed module is the assembled
 * .wat, so the binary in the repository is reproducible from its source.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { luKernel, setLuKernelEnabled } from "../../../src/core/solve/linalg/lu-kernel.js";
import { SparseLu } from "../../../src/core/solve/linalg/sparse-lu.js";
import { LU_KERNEL_BASE64 } from "../../../src/core/solve/linalg/wasm/lu-kernel-binary.js";
import type { SparsityPattern } from "../../../src/core/solve/index.js";
import { modelById } from "../../../src/models/registry.js";
import { runScenario } from "../../../src/models/run.js";
import { assembleWat, binaryModuleSource } from "../../../scripts/wat.js";

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A banded pattern with a few far entries (diagonal included). */
function pattern(n: number, seed: number): SparsityPattern {
  const r = rng(seed);
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    const set = new Set<number>([i]);
    for (let d = -2; d <= 2; d++) if (i + d >= 0 && i + d < n) set.add(i + d);
    if (r() < 0.3) set.add(Math.floor(r() * n));
    cols.push(...[...set].sort((a, b) => a - b));
    rowStart[i + 1] = cols.length;
  }
  return { rowStart, colIndex: Int32Array.from(cols) };
}

/** Jacobian values; with `weakDiagonal`, small diagonals that force row exchanges. */
function values(p: SparsityPattern, seed: number, weakDiagonal: boolean): Float64Array {
  const r = rng(seed);
  const n = p.rowStart.length - 1;
  const v = new Float64Array(p.colIndex.length);
  for (let i = 0; i < n; i++)
    for (let q = p.rowStart[i]; q < p.rowStart[i + 1]; q++)
      v[q] = p.colIndex[q] === i ? (weakDiagonal && r() < 0.4 ? 1e-9 : -5 - 10 * r()) : 2 * r() - 1;
  return v;
}

function same(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Factor and solve with a SparseLu made with or without the kernel. */
function run(
  on: boolean,
  p: SparsityPattern,
  jacs: Float64Array[],
  c: number,
  rhs: Float64Array,
): { x: Float64Array[]; codes: number[]; many: Float64Array } {
  setLuKernelEnabled(on);
  const n = p.rowStart.length - 1;
  const lu = new SparseLu(n, p);
  const x: Float64Array[] = [];
  const codes: number[] = [];
  for (const jac of jacs) {
    codes.push(lu.factorShifted(c, jac));
    const b = Float64Array.from(rhs);
    lu.solve(b);
    x.push(b);
  }
  const many = new Float64Array(3 * n);
  for (let k = 0; k < 3; k++)
    many.set(
      rhs.map((v) => v * (k + 1)),
      k * n,
    );
  lu.solveMany(many, 3);
  return { x, codes, many };
}

describe("WebAssembly LU kernel", () => {
  afterEach(() => setLuKernelEnabled(true));

  it("is available here (Node has WebAssembly), so the tests below compare two implementations", () => {
    expect(luKernel()).not.toBeNull();
  });

  it("is the assembled lu-kernel.wat (the committed bytes are reproducible)", async () => {
    const dir = new URL("../../../src/core/solve/linalg/wasm/", import.meta.url);
    const bytes = await assembleWat(readFileSync(new URL("lu-kernel.wat", dir), "utf8"));
    expect(Buffer.from(bytes).toString("base64")).toBe(LU_KERNEL_BASE64);
    expect(binaryModuleSource(bytes)).toBe(readFileSync(new URL("lu-kernel-binary.ts", dir), "utf8"));
  });

  it("gives bit-identical factors and solutions, static and pivoted, single and multi-column", () => {
    for (const [n, seed] of [
      [12, 1],
      [60, 2],
      [150, 3],
    ] as const) {
      const p = pattern(n, seed);
      // strong diagonals (static order), weak ones (pivoting), then strong again (back to static)
      const jacs = [values(p, seed, false), values(p, seed + 1, true), values(p, seed + 2, true)];
      for (let k = 0; k < 10; k++) jacs.push(values(p, seed + 3 + k, k % 3 === 0));
      // a non-finite entry, and c·I − J singular in one column: the same failure codes
      const nan = values(p, seed + 20, false);
      nan[0] = NaN;
      const singular = values(p, seed + 21, false);
      for (let q = p.rowStart[1]; q < p.rowStart[2]; q++) if (p.colIndex[q] === 1) singular[q] = 3;
      jacs.push(nan, singular, values(p, seed + 22, false));
      const rhs = Float64Array.from({ length: n }, (_, i) => Math.sin(i + seed));
      const js = run(false, p, jacs, 3, rhs);
      const wasm = run(true, p, jacs, 3, rhs);
      expect(wasm.codes).toEqual(js.codes);
      expect(js.codes.some((c) => c >= 0)).toBe(true); // the failures above did fail
      js.x.forEach((x, k) => expect(same(wasm.x[k], x), `n ${n}, factorisation ${k}`).toBe(true));
      expect(same(wasm.many, js.many)).toBe(true);
    }
  });

  it("keeps each SparseLu's factors when more of them are in use than the kernel has slots", () => {
    const n = 40;
    const p = pattern(n, 7);
    const rhs = Float64Array.from({ length: n }, (_, i) => 1 + i);
    const solveAll = (on: boolean): Float64Array[] => {
      setLuKernelEnabled(on);
      const lus = Array.from({ length: 13 }, (_, k) => {
        const lu = new SparseLu(n, p);
        lu.factorShifted(2 + k, values(p, 100 + k, k % 2 === 0));
        return lu;
      });
      // solve in an order that evicts slots between a factorisation and its solves
      const out: Float64Array[] = [];
      for (const k of [0, 12, 1, 11, 2, 10, 3, 9, 4, 8, 5, 7, 6, 0, 12]) {
        const b = Float64Array.from(rhs);
        lus[k].solve(b);
        out.push(b);
      }
      return out;
    };
    const js = solveAll(false);
    const wasm = solveAll(true);
    js.forEach((x, k) => expect(same(wasm[k], x), `solve ${k}`).toBe(true));
  });

  it("moves to a larger memory for a large system (never growing one in place)", () => {
    const n = 3000;
    const p = pattern(n, 11);
    const jacs = [values(p, 12, false), values(p, 13, true)];
    const rhs = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const before = luKernel()!.memoryBytes;
    const js = run(false, p, jacs, 1.5, rhs);
    const wasm = run(true, p, jacs, 1.5, rhs);
    expect(luKernel()!.memoryBytes).toBeGreaterThan(before);
    js.x.forEach((x, k) => expect(same(wasm.x[k], x)).toBe(true));
  });

  it("leaves IL-6 liver runs bit-identical (70 % PHx: pivoted sequences, steady state, events)", () => {
    const lib = modelById("il6-liver");
    if (!lib.ok) throw new Error("il6-liver missing");
    const named = lib.model.scenarios.find((s) => s.id === "mouse_phx70")!;
    const observe = (on: boolean) => {
      setLuKernelEnabled(on);
      const r = runScenario(lib.model, named.scenario);
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
      return r.result;
    };
    const js = observe(false);
    const wasm = observe(true);
    expect(wasm.solver.steps).toBe(js.solver.steps);
    for (const id of Object.keys(js.observables))
      expect(same(Float64Array.from(wasm.observables[id]), Float64Array.from(js.observables[id])), id).toBe(
        true,
      );
  });
});
