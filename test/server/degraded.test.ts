/**
 * The store in trouble, against the real server: a database locked by another program, a
 * read-only store, a file that is not a database. Answers are 503 (server trouble, never 4xx or
 * 500 for the user's input), the server keeps serving, and no finished run is lost.
 */
import { writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, quickScenario, type Running, SLOW, startServer, tempDb, waitFor } from "./helpers.js";

describe("a database locked by another program", { timeout: SLOW }, () => {
  let s: Running;
  beforeAll(async () => {
    s = await startServer(["--workers", "1"]);
  }, SLOW);
  afterAll(async () => {
    expect(await s.stop()).toBe(0);
  }, SLOW);

  it("new runs get 503 with Retry-After while it is locked; reads and health go on; runs start again after", async () => {
    const lock = new Database(s.db);
    lock.exec("BEGIN EXCLUSIVE");
    try {
      const r = await http(`${s.url}/api/runs`, { body: quickScenario("while-locked") });
      expect(r.status).toBe(503);
      expect(r.headers.get("retry-after")).toBe("5");
      expect(r.body).toMatchObject({ error: "store-locked" });
      expect(String(r.body.message)).toContain("locked by another program");
      const h = await http<{ status: string; store: { ok: boolean } }>(`${s.url}/api/health`);
      expect(h.body).toMatchObject({ status: "ok", store: { ok: false } });
      expect((await http(`${s.url}/api/runs`)).status).toBe(200);
      // bad input is still bad input, not a store error
      expect((await http(`${s.url}/api/runs`, { raw: "{" })).status).toBe(400);
    } finally {
      lock.exec("COMMIT");
      lock.close();
    }
    const ok = await http<{ id: string }>(`${s.url}/api/runs`, { body: quickScenario("after-lock") });
    expect(ok.status).toBe(202);
    expect((await waitFor(s.url, ok.body.id)).status).toBe("done");
  });

  it("a run that finishes while the store is locked is served from memory, reported unsaved, and written when the lock is gone", async () => {
    const { body } = await http<{ id: string }>(`${s.url}/api/runs`, {
      body: quickScenario("finishes-locked"),
    });
    const lock = new Database(s.db);
    lock.exec("BEGIN EXCLUSIVE");
    let finished: Record<string, unknown>;
    try {
      finished = await waitFor(s.url, body.id);
      expect(finished).toMatchObject({ status: "done", stored: false });
      expect((finished.result as { t: number[] }).t.length).toBe(25);
      const h = await http<{ store: { ok: boolean; unsaved: number; error: { kind: string } } }>(
        `${s.url}/api/health`,
      );
      expect(h.body.store).toMatchObject({ ok: false, error: { kind: "locked" } });
      expect(h.body.store.unsaved).toBeGreaterThanOrEqual(1);
      const listed = await http<{ runs: { id: string; status: string; stored: boolean }[] }>(
        `${s.url}/api/runs`,
      );
      expect(listed.body.runs.find((r) => r.id === body.id)).toMatchObject({ status: "done", stored: false });
      expect((await http(`${s.url}/api/runs/${body.id}/result.csv`)).status).toBe(200);
    } finally {
      lock.exec("COMMIT");
      lock.close();
    }
    let stored = false;
    for (let k = 0; k < 100 && !stored; k++) {
      await new Promise((r) => setTimeout(r, 100));
      stored = (await http(`${s.url}/api/runs/${body.id}?result=false`)).body.stored === true;
    }
    expect(stored).toBe(true);
    const row = new Database(s.db, { readonly: true })
      .prepare("SELECT status, result_json FROM runs WHERE id = ?")
      .get(body.id) as Record<string, string>;
    expect(row.status).toBe("done");
    expect(JSON.parse(row.result_json).t).toEqual((finished.result as { t: number[] }).t);
    expect((await http<{ store: { ok: boolean } }>(`${s.url}/api/health`)).body.store.ok).toBe(true);
  });
});

describe("a read-only store", { timeout: SLOW }, () => {
  it("past runs can be browsed; a new run gets 503 saying the store is read-only", async () => {
    const first = await startServer(["--workers", "1"]);
    const { body } = await http<{ id: string }>(`${first.url}/api/runs`, { body: quickScenario("archived") });
    await waitFor(first.url, body.id);
    await first.stop();
    const ro = await startServer(["--db-readonly", "--workers", "1"], first.db);
    try {
      expect((await http(`${ro.url}/api/runs/${body.id}`)).body).toMatchObject({
        status: "done",
        stored: true,
      });
      const r = await http(`${ro.url}/api/runs`, { body: quickScenario("refused") });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ error: "store-readonly" });
      expect(String(r.body.message)).toContain("read-only");
      expect((await http(`${ro.url}/api/health`)).body).toMatchObject({
        status: "ok",
        store: { readonly: true },
      });
      expect((await http(`${ro.url}/api/scenarios/validate`, { body: quickScenario() })).status).toBe(200);
    } finally {
      await ro.stop();
    }
  });

  it("a file that is not a database stops the server at once with a clear message (exit code 2)", async () => {
    const junk = tempDb("junk.sqlite");
    writeFileSync(junk, "not a database ".repeat(100));
    await expect(startServer([], junk)).rejects.toThrow(/exited with 2[\s\S]*not a usable il6sim run store/);
  });
});
