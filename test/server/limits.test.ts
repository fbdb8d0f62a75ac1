/**
 * Per-run limits and cancellation against the real server: a running run cancelled keeps its
 * time course up to the stop, a queued one never starts, a run past the time limit fails with
 * a message that says so, and graceful shutdown leaves nothing queued or running in the store.
 * (The memory limit's handling is tested in manager.test.ts with a pool that runs out of heap.)
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, longScenario, quickScenario, type Running, SLOW, startServer, waitFor } from "./helpers.js";

async function untilRunning(url: string, id: string): Promise<void> {
  for (let k = 0; k < 1200; k++) {
    const r = await http(`${url}/api/runs/${id}?result=false`);
    if (r.body.status === "running" && Number(r.body.progress) > 0) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`run ${id} never started`);
}

describe("cancelling", { timeout: SLOW }, () => {
  let s: Running;
  beforeAll(async () => {
    s = await startServer(["--workers", "1"]);
  }, SLOW);
  afterAll(async () => {
    await s.stop();
  }, SLOW);

  it("a running run stops, keeps its partial time course and is stored as cancelled; a queued one never starts", async () => {
    const running = await http<{ id: string }>(`${s.url}/api/runs`, { body: longScenario() });
    const queued = await http<{ id: string; status: string }>(`${s.url}/api/runs`, {
      body: quickScenario("behind"),
    });
    expect(queued.body.status).toBe("queued");
    await untilRunning(s.url, running.body.id);
    // the queued one first: once the running one stops, the worker would take the next
    const c2 = await http(`${s.url}/api/runs/${queued.body.id}`, { method: "DELETE" });
    expect(c2.status).toBe(202);
    const c1 = await http(`${s.url}/api/runs/${running.body.id}`, { method: "DELETE" });
    expect(c1.status).toBe(202);
    const a = await waitFor(s.url, running.body.id);
    expect(a.status).toBe("cancelled");
    const doc = a.result as { status: string; t: number[] };
    expect(doc.status).toBe("terminated");
    expect(doc.t.length).toBeGreaterThan(0);
    expect(doc.t[doc.t.length - 1]).toBeLessThan(87000);
    const b = await waitFor(s.url, queued.body.id);
    expect(b).toMatchObject({ status: "cancelled", result: null, message: "Cancelled before it started." });
    expect((await http(`${s.url}/api/runs/${running.body.id}`, { method: "DELETE" })).status).toBe(409);
    // the worker is free again
    const after = await http<{ id: string }>(`${s.url}/api/runs`, { body: quickScenario("after") });
    expect((await waitFor(s.url, after.body.id)).status).toBe("done");
  });

  it("graceful shutdown cancels what is in flight and stores it", async () => {
    const { body } = await http<{ id: string }>(`${s.url}/api/runs`, { body: longScenario() });
    await untilRunning(s.url, body.id);
    expect(await s.stop()).toBe(0);
    const row = new Database(s.db, { readonly: true })
      .prepare("SELECT status, message FROM runs WHERE id = ?")
      .get(body.id) as Record<string, string>;
    expect(row.status).toBe("cancelled");
    const open = new Database(s.db, { readonly: true })
      .prepare("SELECT COUNT(*) AS n FROM runs WHERE status IN ('queued', 'running')")
      .get() as { n: number };
    expect(open.n).toBe(0);
  });
});

describe("time limit", { timeout: SLOW }, () => {
  let s: Running;
  beforeAll(async () => {
    s = await startServer(["--workers", "1", "--max-run-seconds", "1"]);
  }, SLOW);
  afterAll(async () => {
    await s.stop();
  }, SLOW);

  it("a run past the time limit fails with the limit in its message, keeping what it computed", async () => {
    const { body } = await http<{ id: string }>(`${s.url}/api/runs`, { body: longScenario() });
    const r = await waitFor(s.url, body.id).catch((e: Error) => {
      throw new Error(`${e.message}\nserver stderr: ${s.stderr()}`);
    });
    expect(r.status).toBe("failed");
    expect(String(r.message)).toContain("time limit of 1 s");
    expect((r.result as { t: number[] }).t.length).toBeGreaterThan(0);
  });
});
