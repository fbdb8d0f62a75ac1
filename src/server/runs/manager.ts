/**
 * Runs from request to stored result: queued in the worker pool, progress read from shared
 * memory, cancelled by a flag (or by ending the thread when a run does not stop), limited in
 * time and memory, and written to the store at each change of status. Listeners (progress
 * streams) hear every change.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import type { Prepared } from "../scenario.js";
import {
  FINISHED,
  type ListQuery,
  type RunPatch,
  type RunRecord,
  type RunStatus,
  type RunSummary,
} from "../store/runs.js";
import type { StoreKeeper } from "../store/keeper.js";
import { isAbort, isOutOfMemory, type RunPool } from "./pool.js";
import type { RunOutcome } from "./worker.js";

export interface RunLimits {
  /** Wall-clock limit of one simulation, in seconds. */
  readonly maxRunSeconds: number;
  /** Heap limit of a worker thread, in MB (for messages). */
  readonly memoryMb: number;
  /** Most runs queued or running at once; more are refused with 429. */
  readonly maxActive: number;
  /** How long a run that was asked to stop (cancel, time limit) may take before its thread is ended. */
  readonly graceMs?: number;
}

/** A run as the API shows it. */
export type RunView = RunRecord & { readonly progress: number; readonly stored: boolean };

interface Active {
  record: RunRecord;
  readonly progress: Float64Array;
  readonly stop: Int32Array;
  readonly abort: AbortController;
  cancelAt?: number;
  abortReason?: "cancelled" | "time-limit";
}

type Listener = (view: RunView) => void;

export class TooBusy extends Error {}

function summaryOf(r: RunRecord): RunSummary {
  const { result: _r, fluxes: _f, scenario: _s, ...rest } = r;
  return rest;
}

export function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(5).toString("hex")}`;
}

export class RunManager {
  private readonly active = new Map<string, Active>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly ticker: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly keeper: StoreKeeper,
    private readonly pool: RunPool,
    readonly limits: RunLimits,
    private readonly versions: { il6sim: string },
  ) {
    this.ticker = setInterval(() => this.tick(), 200);
    this.ticker.unref();
  }

  /** Start a run: stored as queued, then handed to the pool. Throws StoreError or TooBusy. */
  start(p: Prepared, name?: string): RunView {
    if (this.closing) throw new TooBusy("The server is shutting down.");
    if (this.active.size >= this.limits.maxActive)
      throw new TooBusy(
        `${this.active.size} runs are queued or running (the limit is ${this.limits.maxActive}).`,
      );
    const record: RunRecord = {
      id: newRunId(),
      created_at: new Date().toISOString(),
      status: "queued",
      name: name ?? p.scenario.name ?? "scenario",
      model_id: p.model.id,
      model_version: p.model.version,
      ...(p.scenario.organism !== undefined ? { organism: p.scenario.organism } : {}),
      il6sim_version: this.versions.il6sim,
      scenario: p.file,
      parameters: p.scenario.parameters,
    };
    this.keeper.insert(record);
    const a: Active = {
      record,
      progress: new Float64Array(new SharedArrayBuffer(16)),
      stop: new Int32Array(new SharedArrayBuffer(4)),
      abort: new AbortController(),
    };
    this.active.set(record.id, a);
    this.pool
      .run(
        {
          kind: "run",
          name: record.name,
          scenario: p.file,
          progress: a.progress.buffer as SharedArrayBuffer,
          stop: a.stop.buffer as SharedArrayBuffer,
          maxSeconds: this.limits.maxRunSeconds,
        },
        a.abort.signal,
      )
      .then(
        (o) => this.finish(a, o),
        (err: unknown) => this.finishWithError(a, err),
      );
    return this.view(a);
  }

  /** The run from memory (active or waiting to be written) or the store; undefined if unknown. */
  get(id: string): RunView | undefined {
    const a = this.active.get(id);
    if (a) return this.view(a);
    const kept = this.keeper.keptRecord(id);
    if (kept) return { ...kept, progress: kept.status === "done" ? 1 : 0, stored: false };
    const r = this.keeper.store.get(id);
    return r ? { ...r, progress: r.status === "done" ? 1 : 0, stored: true } : undefined;
  }

  /** Cancel: "cancelling" when it will stop, or the status of a run that had already finished. */
  cancel(id: string): { found: false } | { found: true; finished: RunStatus | undefined; view: RunView } {
    const a = this.active.get(id);
    if (!a) {
      const v = this.get(id);
      return v ? { found: true, finished: v.status, view: v } : { found: false };
    }
    if (a.record.status === "queued") {
      a.abortReason = "cancelled";
      a.abort.abort();
    } else {
      Atomics.store(a.stop, 0, 1);
      a.cancelAt = Date.now();
    }
    return { found: true, finished: undefined, view: this.view(a) };
  }

  /** A page of past runs (newest first), with the live state of runs still in memory. */
  list(q: ListQuery): { runs: (RunSummary & { progress: number; stored: boolean })[]; total: number } {
    const page = this.keeper.store.list(q);
    return {
      total: page.total,
      runs: page.runs.map((r) => {
        const a = this.active.get(r.id);
        const kept = this.keeper.keptRecord(r.id);
        const live = a?.record ?? kept;
        const base = live ? summaryOf(live) : r;
        const progress = a ? Math.min(1, Math.max(0, a.progress[0])) : base.status === "done" ? 1 : 0;
        return { ...base, progress, stored: !kept };
      }),
    };
  }

  subscribe(id: string, f: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(f);
    return () => {
      set.delete(f);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  activeCount(): { queued: number; running: number } {
    let queued = 0;
    for (const a of this.active.values()) if (a.record.status === "queued") queued++;
    return { queued, running: this.active.size - queued };
  }

  private view(a: Active): RunView {
    return {
      ...a.record,
      progress: Math.min(1, Math.max(0, a.progress[0])),
      stored: !this.keeper.keptRecord(a.record.id),
    };
  }

  private emit(id: string, v: RunView): void {
    for (const f of this.listeners.get(id) ?? []) f(v);
  }

  private patch(a: Active, p: RunPatch): void {
    a.record = { ...a.record, ...p };
    this.keeper.update(a.record.id, p, a.record);
  }

  /** Every 200 ms: queued -> running when a thread took the run, limits, progress to listeners. */
  private tick(): void {
    const now = Date.now();
    for (const a of this.active.values()) {
      if (a.record.status === "queued" && a.progress[1] > 0)
        this.patch(a, { status: "running", started_at: new Date(a.progress[1]).toISOString() });
      const grace = this.limits.graceMs ?? 5000;
      if (a.cancelAt !== undefined && now - a.cancelAt > grace && !a.abort.signal.aborted) {
        a.abortReason = "cancelled";
        a.abort.abort();
      }
      const started = a.progress[1];
      if (
        started > 0 &&
        now - started > this.limits.maxRunSeconds * 1000 + grace &&
        !a.abort.signal.aborted
      ) {
        a.abortReason = "time-limit";
        a.abort.abort();
      }
      this.emit(a.record.id, this.view(a));
    }
  }

  private done(a: Active, p: RunPatch): void {
    this.active.delete(a.record.id);
    this.patch(a, { ...p, finished_at: new Date().toISOString() });
    const v = this.view(a);
    this.emit(a.record.id, { ...v, progress: p.status === "done" ? 1 : v.progress });
  }

  private finish(a: Active, o: RunOutcome): void {
    const solver = o.doc?.solver as Record<string, unknown> | undefined;
    const base: RunPatch = {
      ...(o.doc ? { result: o.doc } : {}),
      ...(solver ? { solver } : {}),
      ...("fluxes" in o && o.fluxes ? { fluxes: o.fluxes } : {}),
    };
    if (a.record.status === "queued")
      this.patch(a, { status: "running", started_at: new Date(a.progress[1] || Date.now()).toISOString() });
    if (o.kind === "done") this.done(a, { ...base, status: "done" });
    else if (o.kind === "stopped")
      this.done(a, {
        ...base,
        status: o.reason === "cancelled" ? "cancelled" : "failed",
        message:
          o.reason === "cancelled"
            ? "Cancelled; the result holds the time course up to the stop."
            : `Stopped at the time limit of ${this.limits.maxRunSeconds} s; the result holds the time course up to the stop.`,
      });
    else
      this.done(a, {
        ...base,
        status: "failed",
        message: o.message,
        ...(o.issues ? { issues: o.issues } : {}),
      });
  }

  private finishWithError(a: Active, err: unknown): void {
    if (isAbort(err)) {
      const limit = a.abortReason === "time-limit";
      this.done(a, {
        status: limit ? "failed" : "cancelled",
        message: limit
          ? `Stopped at the time limit of ${this.limits.maxRunSeconds} s (the worker thread was ended).`
          : a.record.status === "queued"
            ? "Cancelled before it started."
            : "Cancelled (the worker thread was ended).",
      });
    } else if (isOutOfMemory(err))
      this.done(a, {
        status: "failed",
        message: `The run needed more than the memory limit of ${this.limits.memoryMb} MB per run. Ask for fewer output times or observables.`,
      });
    else
      this.done(a, {
        status: "failed",
        message: `il6sim internal error in the worker: ${err instanceof Error ? err.message : String(err)}`,
      });
  }

  /** Stop taking runs, cancel queued and running ones, wait for them, write what is kept. */
  async close(waitMs = 10_000): Promise<{ unsavedFile?: string }> {
    this.closing = true;
    for (const id of [...this.active.keys()]) this.cancel(id);
    const until = Date.now() + waitMs;
    while (this.active.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    for (const a of [...this.active.values()])
      this.done(a, { status: "cancelled", message: "The server stopped before the run finished." });
    clearInterval(this.ticker);
    this.keeper.stop();
    if (this.keeper.flush() === 0) return {};
    // the database is still unwritable: keep the records beside it as JSON, never drop them
    const file = `${this.keeper.store.file}.unsaved-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
    try {
      writeFileSync(file, JSON.stringify(this.keeper.keptRecords(), null, 1));
      return { unsavedFile: file };
    } catch {
      return {};
    }
  }

  isFinished(s: RunStatus): boolean {
    return FINISHED.includes(s);
  }
}
