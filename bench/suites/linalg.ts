/**
 * Linear-algebra micro-benchmark behind the dense/sparse choice (SPARSE_MIN_SIZE in
 * iteration-matrix.ts): one factorisation of c·I − J plus one solve, dense LU with partial
 * pivoting vs the sparse LU on the fixed pattern, for reaction-network-like patterns
 * (about 4 off-diagonal entries per row) of growing size, and for POLLU.
 */
import type { BenchArgs, Suite } from "../main.js";
import type { SparsityPattern } from "../../src/core/solve/types.js";
import { denseLuFactor, denseLuSolve } from "../../src/core/solve/linalg/dense-lu.js";
import { SparseLu } from "../../src/core/solve/linalg/sparse-lu.js";
import { setLuKernelEnabled } from "../../src/core/solve/linalg/lu-kernel.js";
import { modelById } from "../../src/models/registry.js";
import { compiledFor } from "../../src/models/run.js";
import { pollu } from "../problems/ivp.js";
import { measure, measurePair } from "../timing.js";

function networkPattern(n: number, perRow: number, seed: number): SparsityPattern {
  let s = seed;
  const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    rowStart[i] = cols.length;
    const set = new Set<number>([i]);
    // Mostly near neighbours (cascades), some long-range couplings (shared species).
    while (set.size < Math.min(n, perRow + 1))
      set.add(
        rnd() < 0.7 ? Math.min(n - 1, Math.max(0, i + Math.round((rnd() - 0.5) * 6))) : Math.floor(rnd() * n),
      );
    cols.push(...[...set].sort((a, b) => a - b));
  }
  rowStart[n] = cols.length;
  return { rowStart, colIndex: Int32Array.from(cols) };
}

export const linalgSuite: Suite = {
  name: "linalg",
  description: "dense vs sparse LU (factor + solve of c·I − J) by size, to set the sparse threshold",
  run({ log, minTime }: BenchArgs): object[] {
    const rows: object[] = [];
    log("\n#### LU of c·I − J: factor + one solve, µs (median)\n");
    log("| pattern | n | nnz | sparse flops | dense µs | sparse µs | dense/sparse |");
    log("|---|--:|--:|--:|--:|--:|--:|");
    const cases: { name: string; n: number; pattern: SparsityPattern }[] = [
      ...[4, 8, 12, 16, 20, 30, 50, 100, 200, 300].map((n) => ({
        name: "network",
        n,
        pattern: networkPattern(n, 4, n),
      })),
      { name: "pollu", n: 20, pattern: pollu.system.sparsity! },
    ];
    for (const { name, n, pattern } of cases) {
      const nnz = pattern.colIndex.length;
      const vals = Float64Array.from({ length: nnz }, (_, k) => ((k * 7919) % 13) - 6.5);
      const J = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let q = pattern.rowStart[i]; q < pattern.rowStart[i + 1]; q++)
          J[i * n + pattern.colIndex[q]] = vals[q];
      const lu = new Float64Array(n * n);
      const piv = new Int32Array(n);
      const b = new Float64Array(n);
      const inner = Math.max(1, Math.round(20000 / (n * n)));
      const dense = measure(() => {
        for (let r = 0; r < inner; r++) {
          for (let k = 0; k < n * n; k++) lu[k] = -J[k];
          for (let i = 0; i < n; i++) lu[i * n + i] += 50;
          denseLuFactor(n, lu, piv);
          b.fill(1);
          denseLuSolve(n, lu, piv, b);
        }
      }, minTime / 4);
      const slu = new SparseLu(n, pattern);
      const sparse = measure(() => {
        for (let r = 0; r < inner; r++) {
          slu.factorShifted(50, vals);
          b.fill(1);
          slu.solve(b);
        }
      }, minTime / 4);
      const dUs = (dense.medianMs * 1e3) / inner;
      const sUs = (sparse.medianMs * 1e3) / inner;
      rows.push({ suite: "linalg", pattern: name, n, nnz, flops: slu.flops, dense_us: dUs, sparse_us: sUs });
      log(
        `| ${name} | ${n} | ${nnz} | ${slu.flops} | ${dUs.toFixed(2)} | ${sUs.toFixed(2)} | ${(dUs / sUs).toFixed(1)} |`,
      );
    }
    rows.push(...kernelRows(log, minTime));
    return rows;
  },
};

/**
 * The sparse LU's numeric kernels, TypeScript loops vs WebAssembly (lu-kernel.ts): one
 * factorisation and one solve, and one solve alone, alternating runs (measurePair). Results are
 * bit-identical (test/core/solve/lu-kernel.test.ts); this is only the speed.
 */
function kernelRows(log: (s: string) => void, minTime: number): object[] {
  const rows: object[] = [];
  log("\n#### Sparse LU kernels: TypeScript vs WebAssembly, µs (median of alternating runs)\n");
  log(
    "| pattern | n | LU entries | factor+solve TS | factor+solve wasm | ratio | solve TS | solve wasm | ratio |",
  );
  log("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
  const cases: { name: string; n: number; pattern: SparsityPattern; vals: Float64Array }[] = [100, 300].map(
    (n) => {
      const pattern = networkPattern(n, 4, n);
      const vals = Float64Array.from({ length: pattern.colIndex.length }, (_, k) => ((k * 7919) % 13) - 6.5);
      return { name: "network", n, pattern, vals };
    },
  );
  const lib = modelById("il6-liver");
  if (lib.ok) {
    const c = compiledFor(lib.model, "mouse", []);
    const sys = c.ok ? c.model.system : null;
    if (c.ok && sys?.sparsity && sys.jacobianSparse) {
      const init = c.model.initial();
      const vals = new Float64Array(sys.sparsity.colIndex.length);
      sys.jacobianSparse(0, init.y0, init.p, vals);
      cases.push({ name: "il6-liver (mouse, J at the start)", n: sys.size, pattern: sys.sparsity, vals });
    }
  }
  for (const { name, n, pattern, vals } of cases) {
    const make = (wasm: boolean): SparseLu => {
      setLuKernelEnabled(wasm);
      const lu = new SparseLu(n, pattern);
      setLuKernelEnabled(true);
      lu.factorShifted(50, vals);
      return lu;
    };
    const ts = make(false);
    const wasm = make(true);
    const b = new Float64Array(n);
    const inner = Math.max(1, Math.round(20000 / (n * 20)));
    const both = (lu: SparseLu) => () => {
      for (let r = 0; r < inner; r++) {
        lu.factorShifted(50, vals);
        b.fill(1);
        lu.solve(b);
      }
    };
    const solveOnly = (lu: SparseLu) => () => {
      for (let r = 0; r < inner; r++) {
        b.fill(1);
        lu.solve(b);
      }
    };
    const [fa, fb] = measurePair(both(ts), both(wasm), minTime / 2);
    const [sa, sb] = measurePair(solveOnly(ts), solveOnly(wasm), minTime / 2);
    const us = (ms: number) => (ms * 1e3) / inner;
    const row = {
      suite: "linalg-kernel",
      pattern: name,
      n,
      lu_entries: ts.nnz,
      factor_solve_ts_us: us(fa.medianMs),
      factor_solve_wasm_us: us(fb.medianMs),
      solve_ts_us: us(sa.medianMs),
      solve_wasm_us: us(sb.medianMs),
    };
    rows.push(row);
    log(
      `| ${name} | ${n} | ${ts.nnz} | ${row.factor_solve_ts_us.toFixed(2)} | ${row.factor_solve_wasm_us.toFixed(2)} | ${(row.factor_solve_ts_us / row.factor_solve_wasm_us).toFixed(2)} | ` +
        `${row.solve_ts_us.toFixed(2)} | ${row.solve_wasm_us.toFixed(2)} | ${(row.solve_ts_us / row.solve_wasm_us).toFixed(2)} |`,
    );
  }
  return rows;
}
