/**
 * RunManager with a stand-in pool (the real pool is exercised by the API tests): what a run
 * that runs out of heap, a worker bug and a full queue become, and that the store holds it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { RunManager, TooBusy } from "../../src/server/runs/manager.js";
import type { RunPool } from "../../src/server/runs/pool.js";
import type { RunOutcome } from "../../src/server/runs/worker.js";
import { prepareScenario } from "../../src/server/scenario.js";
import { openDatabase } from "../../src/server/store/db.js";
import { StoreKeeper } from "../../src/server/store/keeper.js";
import { RunStore } from "../../src/server/store/runs.js";
import { quickScenario, tempDb } from "./helpers.js";

function pool(run: RunPool["run"]): RunPool {
  return {
    threads: 1,
    run,
    validate: () => Promise.reject(new Error("not used")),
    render: () => Promise.reject(new Error("not used")),
    queued: () => 0,
    close: async () => {},
  };
}

const prepared = () => {
  const p = prepareScenario(quickScenario(), { maxOutputPoints: 1000 });
  if (!p.ok) throw new Error("fixture scenario is invalid");
  return p.prepared;
};

let managers: RunManager[] = [];
afterEach(async () => {
  for (const m of managers) await m.close(100);
  managers = [];
});

function manager(run: RunPool["run"], maxActive = 10, maxRunSeconds = 10) {
  const file = tempDb();
  const store = new RunStore(openDatabase({ file }), file);
  const limits = { maxRunSeconds, memoryMb: 256, maxActive, graceMs: 100 };
  const m = new RunManager(new StoreKeeper(store), pool(run), limits, { il6sim: "test" });
  managers.push(m);
  return { m, store };
}

async function settled(m: RunManager, id: string, ms = 1000) {
  for (let k = 0; k < ms / 10; k++) {
    const v = m.get(id)!;
    if (["done", "failed", "cancelled"].includes(v.status)) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("never settled");
}

describe("RunManager", () => {
  it("a worker that runs out of heap fails that run with the memory limit in the message, stored", async () => {
    const oom = Object.assign(
      new Error("Worker terminated due to reaching memory limit: JS heap out of memory"),
      { code: "ERR_WORKER_OUT_OF_MEMORY" },
    );
    const { m, store } = manager(() => Promise.reject(oom));
    const v = m.start(prepared());
    const done = await settled(m, v.id);
    expect(done.status).toBe("failed");
    expect(done.message).toContain("memory limit of 256 MB");
    expect(store.get(v.id)).toMatchObject({
      status: "failed",
      model_id: "il6-liver",
      il6sim_version: "test",
    });
  });

  it("an unexpected worker error is reported as an internal error of that run only", async () => {
    const { m } = manager(() => Promise.reject(new Error("boom")));
    const done = await settled(m, m.start(prepared()).id);
    expect(done).toMatchObject({ status: "failed", message: "il6sim internal error in the worker: boom" });
  });

  it("ends the thread of a run that does not stop by itself at the time limit (stuck before the solver looks)", async () => {
    const { m } = manager(
      (task, signal) => {
        new Float64Array(task.progress)[1] = Date.now(); // started, then never checks the stop flag
        return new Promise<RunOutcome>((_, reject) =>
          signal.addEventListener("abort", () =>
            reject(Object.assign(new Error("The task has been aborted"), { name: "AbortError" })),
          ),
        );
      },
      10,
      0.2,
    );
    const done = await settled(m, m.start(prepared()).id, 5000);
    expect(done).toMatchObject({
      status: "failed",
      message: "Stopped at the time limit of 0.2 s (the worker thread was ended).",
    });
  });

  it("a running run that ignores its cancel flag has its thread ended after the grace period", async () => {
    const { m } = manager((task, signal) => {
      new Float64Array(task.progress)[1] = Date.now();
      return new Promise<RunOutcome>((_, reject) =>
        signal.addEventListener("abort", () =>
          reject(Object.assign(new Error("The task has been aborted"), { name: "AbortError" })),
        ),
      );
    });
    const id = m.start(prepared()).id;
    for (let k = 0; k < 50 && m.get(id)!.status !== "running"; k++)
      await new Promise((r) => setTimeout(r, 20));
    expect(m.cancel(id)).toMatchObject({ found: true, finished: undefined });
    expect(await settled(m, id, 5000)).toMatchObject({
      status: "cancelled",
      message: "Cancelled (the worker thread was ended).",
    });
  });

  it("refuses more runs than the limit with TooBusy (429 over HTTP)", () => {
    const { m } = manager(() => new Promise(() => {}), 2);
    m.start(prepared());
    m.start(prepared());
    expect(() => m.start(prepared())).toThrow(TooBusy);
  });

  it("a finished run's cancel reports its status instead of cancelling", async () => {
    const { m } = manager(() =>
      Promise.resolve({ kind: "done", doc: { t: [0], observables: {}, units: {}, time_unit: "h" } }),
    );
    const id = m.start(prepared()).id;
    await settled(m, id);
    expect(m.cancel(id)).toMatchObject({ found: true, finished: "done" });
    expect(m.cancel("nope")).toEqual({ found: false });
  });
});
