/**
 * The server's worker pool (piscina): simulations run in worker threads, so the event loop
 * keeps answering while they compute. Each thread has a heap limit (resourceLimits); a run
 * that exceeds it ends that thread only, and piscina starts a new one. From the TypeScript
 * sources (tests, tsx) the worker is loaded through tsx; from the build, the compiled .js.
 */
import { Piscina } from "piscina";
import type { RenderTask, RunOutcome, RunTask, ValidateOutcome, ValidateTask } from "./worker.js";

export interface PoolOptions {
  readonly threads: number;
  /** Heap limit of each worker thread, in MB. */
  readonly memoryMb: number;
}

export interface RunPool {
  run(task: RunTask, signal: AbortSignal): Promise<RunOutcome>;
  validate(task: ValidateTask): Promise<ValidateOutcome>;
  render(task: RenderTask): Promise<Buffer>;
  readonly threads: number;
  /** Tasks waiting for a thread. */
  queued(): number;
  close(): Promise<void>;
}

/** Errors that mean the worker thread ran out of heap. */
export function isOutOfMemory(err: unknown): boolean {
  const code = String((err as { code?: unknown })?.code ?? "");
  const text = err instanceof Error ? err.message : String(err);
  return code === "ERR_WORKER_OUT_OF_MEMORY" || /out of memory|heap limit/i.test(text);
}

export function isAbort(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  const text = err instanceof Error ? err.message : String(err);
  return name === "AbortError" || /aborted/i.test(text);
}

export function runPool(o: PoolOptions): RunPool {
  const fromSource = import.meta.url.endsWith(".ts");
  const filename = new URL(`./worker.${fromSource ? "ts" : "js"}`, import.meta.url).href;
  const pool = new Piscina({
    filename,
    minThreads: o.threads,
    maxThreads: o.threads,
    idleTimeout: 60_000,
    resourceLimits: {
      maxOldGenerationSizeMb: o.memoryMb,
      maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.round(o.memoryMb / 8))),
    },
    ...(fromSource ? { execArgv: ["--import", "tsx"] } : {}),
  });
  return {
    threads: o.threads,
    run: (task, signal) => pool.run(task, { signal }) as Promise<RunOutcome>,
    validate: (task) => pool.run(task) as Promise<ValidateOutcome>,
    render: async (task) => {
      const bytes = (await pool.run(task)) as Uint8Array;
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    queued: () => pool.queueSize,
    close: () => pool.destroy(),
  };
}
