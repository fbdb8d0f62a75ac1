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
  /** For tests: another worker module (a file URL). */
  readonly workerUrl?: string;
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

/**
 * A worker that fails outside a task (while starting, say) makes piscina stop starting threads
 * and emit 'error': the tasks waiting in that pool would wait forever. Then every waiting task
 * is rejected with the error (its run fails with the message) and the next task gets a new pool.
 */
export function runPool(o: PoolOptions, onError: (err: Error) => void = () => {}): RunPool {
  const fromSource = import.meta.url.endsWith(".ts");
  const filename = o.workerUrl ?? new URL(`./worker.${fromSource ? "ts" : "js"}`, import.meta.url).href;
  let closed = false;
  const make = () =>
    new Piscina({
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
  let current: { pool: Piscina; pending: Set<(err: Error) => void> } | undefined;
  const instance = () => {
    if (current) return current;
    const c = { pool: make(), pending: new Set<(err: Error) => void>() };
    c.pool.on("error", (err: Error) => {
      onError(err);
      if (current === c) current = undefined;
      const why = new Error(`A worker thread failed: ${err.message}`);
      for (const reject of c.pending) reject(why);
      void c.pool.destroy().catch(() => {});
    });
    return (current = c);
  };
  const submit = <T>(task: unknown, signal?: AbortSignal): Promise<T> => {
    if (closed) return Promise.reject(new Error("The worker pool is closed."));
    const c = instance();
    return new Promise<T>((resolve, reject) => {
      const settle = (f: () => void) => {
        c.pending.delete(reject);
        f();
      };
      c.pending.add(reject);
      (c.pool.run(task, signal ? { signal } : {}) as Promise<T>).then(
        (v) => settle(() => resolve(v)),
        (e: unknown) => settle(() => reject(e)),
      );
    });
  };
  instance(); // threads start now, not at the first run
  return {
    threads: o.threads,
    run: (task, signal) => submit<RunOutcome>(task, signal),
    validate: (task) => submit<ValidateOutcome>(task),
    render: async (task) => {
      const bytes = await submit<Uint8Array>(task);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    queued: () => current?.pool.queueSize ?? 0,
    close: async () => {
      closed = true;
      const c = current;
      current = undefined;
      if (c) await c.pool.destroy();
    },
  };
}
