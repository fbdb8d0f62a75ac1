/**
 * Running many suite cases: in this thread (tests) or across worker threads (the CLI), with a
 * per-case time limit so one runaway case cannot stall the run.
 */
import { readdirSync } from "node:fs";
import { Worker } from "node:worker_threads";
import skipList from "./skip-list.json" with { type: "json" };
import { caseId, loadCase } from "./case-files.js";
import { type CaseOutcome, runCase, type SkipList } from "./run-case.js";

export const SKIP_LIST: SkipList = skipList;

/** Case ids in a folder, optionally restricted by "1-100,205"-style ranges. */
export function listCases(casesDir: string, ranges?: string): string[] {
  const all = readdirSync(casesDir)
    .filter((d) => /^\d{5}$/.test(d))
    .sort();
  if (!ranges) return all;
  const wanted = new Set<string>();
  for (const part of ranges
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`bad case range "${part}" (use e.g. 1-100,205)`);
    const a = Number(m[1]);
    const b = Number(m[2] ?? m[1]);
    for (let k = a; k <= b; k++) wanted.add(caseId(k));
  }
  return all.filter((id) => wanted.has(id));
}

export interface RunOptions {
  readonly casesDir: string;
  readonly ids: readonly string[];
  /** 0: run in this thread. */
  readonly workers?: number;
  /** Worker script (compiled JS) for workers > 0. */
  readonly workerUrl?: URL;
  readonly timeoutMs?: number;
  readonly onOutcome?: (o: CaseOutcome) => void;
}

export function runInThread(
  casesDir: string,
  ids: readonly string[],
  onOutcome?: (o: CaseOutcome) => void,
): CaseOutcome[] {
  return ids.map((id) => {
    const o = runCase(loadCase(casesDir, id), SKIP_LIST);
    onOutcome?.(o);
    return o;
  });
}

export async function runSuite(opts: RunOptions): Promise<CaseOutcome[]> {
  const n = opts.workers ?? 0;
  if (n <= 0 || !opts.workerUrl) return runInThread(opts.casesDir, opts.ids, opts.onOutcome);
  const queue = [...opts.ids];
  const out: CaseOutcome[] = [];
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const lane = () =>
    new Promise<void>((resolve) => {
      let worker: Worker | undefined;
      let timer: NodeJS.Timeout | undefined;
      let current: string | undefined;
      const start = () => {
        worker = new Worker(opts.workerUrl!, { workerData: { casesDir: opts.casesDir } });
        worker.on("message", (o: CaseOutcome) => {
          clearTimeout(timer);
          out.push(o);
          opts.onOutcome?.(o);
          next();
        });
        worker.on("error", (err) => {
          clearTimeout(timer);
          if (current !== undefined) record(current, `worker error: ${err.message}`, "crash");
          start();
          next();
        });
      };
      const record = (id: string, detail: string, reason: string) => {
        const c = loadCase(opts.casesDir, id);
        const o: CaseOutcome = {
          id,
          status: "failed",
          reason,
          detail,
          componentTags: c.tags.componentTags,
          testTags: c.tags.testTags,
          ms: timeoutMs,
        };
        out.push(o);
        opts.onOutcome?.(o);
      };
      const next = () => {
        current = queue.shift();
        if (current === undefined) {
          void worker?.terminate();
          resolve();
          return;
        }
        const id = current;
        timer = setTimeout(() => {
          const w = worker;
          current = undefined;
          w?.removeAllListeners();
          void w?.terminate();
          record(id, `no result within ${timeoutMs / 1000} s`, "timeout");
          start();
          next();
        }, timeoutMs);
        worker!.postMessage(id);
      };
      start();
      next();
    });
  await Promise.all(Array.from({ length: n }, lane));
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
