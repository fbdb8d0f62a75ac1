/**
 * The worker-thread pool of `il6sim population`: piscina (a maintained pool library; Node ≥ 20),
 * one thread per worker. From the TypeScript sources (tests, tsx) the worker is loaded through
 * tsx; from the build, the compiled .js beside this file.
 */
import { Piscina } from "piscina";
import type { ChunkExecutor } from "../../core/analysis/population/index.js";
import type { WorkerJob } from "./population-worker.js";

export interface WorkerPool {
  readonly execute: ChunkExecutor;
  readonly threads: number;
  close(): Promise<void>;
}

export function workerPool(threads: number, setup: WorkerJob["setup"]): WorkerPool {
  const fromSource = import.meta.url.endsWith(".ts");
  const filename = new URL(`./population-worker.${fromSource ? "ts" : "js"}`, import.meta.url).href;
  const pool = new Piscina({
    filename,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
    ...(fromSource ? { execArgv: ["--import", "tsx"] } : {}),
  });
  return {
    threads,
    execute: (task) => pool.run({ task, setup } satisfies WorkerJob),
    close: () => pool.destroy(),
  };
}
