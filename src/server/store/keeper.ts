/**
 * Writes to the run store that must not be lost. A write that fails because the database is
 * locked, read-only, full or failing is kept in memory (the run's whole record, newest wins) and
 * retried every few seconds; reads see kept records first, so a run's result is never out of
 * reach while its write waits. Health reports what is waiting and why.
 */
import type { StoreError } from "./db.js";
import type { RunPatch, RunRecord, RunStore } from "./runs.js";
import { storeError } from "./db.js";

export interface StoreHealth {
  readonly ok: boolean;
  readonly file: string;
  readonly readonly: boolean;
  /** Runs whose latest state is not yet in the database. */
  readonly unsaved: number;
  readonly error?: { readonly kind: string; readonly message: string };
}

export class StoreKeeper {
  private readonly kept = new Map<string, RunRecord>();
  private lastError: StoreError | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly store: RunStore,
    private readonly retryMs = 2000,
  ) {}

  /** A new run; throws StoreError when it cannot be written (the caller refuses the run). */
  insert(r: RunRecord): void {
    try {
      this.store.insert(r);
      this.lastError = undefined;
    } catch (err) {
      this.lastError = storeError(err, this.store.file);
      throw this.lastError;
    }
  }

  /** Update a run; `full` is its whole record after the patch, kept if the write fails. */
  update(id: string, patch: RunPatch, full: RunRecord): boolean {
    if (this.kept.has(id)) {
      this.kept.set(id, full);
      this.flush();
      return !this.kept.has(id);
    }
    try {
      this.store.update(id, patch);
      this.lastError = undefined;
      return true;
    } catch (err) {
      this.lastError = storeError(err, this.store.file);
      this.kept.set(id, full);
      this.schedule();
      return false;
    }
  }

  /** The kept (not yet written) record of a run. */
  keptRecord(id: string): RunRecord | undefined {
    return this.kept.get(id);
  }

  keptRecords(): RunRecord[] {
    return [...this.kept.values()];
  }

  /** Try to write every kept record; returns how many are still waiting. */
  flush(): number {
    for (const [id, r] of this.kept) {
      try {
        this.store.upsert(r);
        this.kept.delete(id);
        this.lastError = undefined;
      } catch (err) {
        this.lastError = storeError(err, this.store.file);
        break;
      }
    }
    if (this.kept.size > 0) this.schedule();
    return this.kept.size;
  }

  /** Note a failed read or write elsewhere (shown in health until a write succeeds). */
  noteError(err: StoreError): void {
    this.lastError = err;
  }

  health(): StoreHealth {
    const e = this.lastError;
    return {
      ok: !e && this.kept.size === 0,
      file: this.store.file,
      readonly: this.store.readonly,
      unsaved: this.kept.size,
      ...(e ? { error: { kind: e.kind, message: e.message } } : {}),
    };
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.retryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
