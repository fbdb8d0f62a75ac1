/** The run store on a real SQLite file: migrations, round trips, paging, and kept writes while locked. */
import { writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase, schemaVersion, StoreError } from "../../src/server/store/db.js";
import { StoreKeeper } from "../../src/server/store/keeper.js";
import { MIGRATIONS } from "../../src/server/store/migrations/index.js";
import { type RunRecord, RunStore } from "../../src/server/store/runs.js";
import { tempDb } from "./helpers.js";

const record = (id: string, created: string, patch: Partial<RunRecord> = {}): RunRecord => ({
  id,
  created_at: created,
  status: "queued",
  name: `run ${id}`,
  model_id: "il6-liver",
  model_version: "0.1.0",
  organism: "mouse",
  il6sim_version: "0.1.0",
  scenario: { model: "il6-liver", end: "12 h" },
  parameters: { kon_IL6_IL6R: 0.4 },
  ...patch,
});

describe("migrations", () => {
  it("a new file gets every migration once, recorded in schema_version, in WAL mode", () => {
    const file = tempDb();
    const db = openDatabase({ file });
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    const again = openDatabase({ file });
    const rows = again.prepare("SELECT version, name FROM schema_version ORDER BY version").all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    again.close();
  });

  it("an older file is migrated forward, keeping its rows", () => {
    const file = tempDb();
    const v1 = openDatabase({ file, migrations: MIGRATIONS.slice(0, 1) });
    new RunStore(v1, file).insert(record("a", "2026-01-01T00:00:00Z"));
    v1.close();
    const extra = {
      version: MIGRATIONS.length + 1,
      name: "notes",
      sql: "ALTER TABLE runs ADD COLUMN notes TEXT;",
    };
    const v2 = openDatabase({ file, migrations: [...MIGRATIONS, extra] });
    expect(schemaVersion(v2)).toBe(extra.version);
    expect(new RunStore(v2, file).get("a")?.name).toBe("run a");
    v2.close();
    // and an il6sim that knows fewer migrations refuses the newer file
    expect(() => openDatabase({ file })).toThrow(/newer than this il6sim understands/);
  });

  it("a read-only open never migrates; a file that is not a database is refused clearly", () => {
    const file = tempDb();
    expect(() => openDatabase({ file, readonly: true })).toThrow(StoreError);
    const junk = tempDb("junk.sqlite");
    writeFileSync(junk, "this is not sqlite, it is a text file of some length ".repeat(50));
    expect(() => openDatabase({ file: junk })).toThrow(/not a usable il6sim run store/);
  });
});

describe("RunStore", () => {
  it("round-trips a record with its JSON documents and lists newest first with paging and filters", () => {
    const file = tempDb();
    const store = new RunStore(openDatabase({ file }), file);
    store.insert(record("a", "2026-01-01T00:00:00Z"));
    store.insert(record("b", "2026-01-02T00:00:00Z", { name: "100%_done" }));
    store.insert(record("c", "2026-01-03T00:00:00Z"));
    store.update("b", {
      status: "done",
      result: { t: [0, 1], observables: { x: [1, 2] } },
      solver: { steps: 3 },
    });
    expect(store.get("b")).toMatchObject({
      status: "done",
      result: { t: [0, 1] },
      parameters: { kon_IL6_IL6R: 0.4 },
    });
    expect(store.get("zzz")).toBeUndefined();
    const page = store.list({ limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.runs.map((r) => r.id)).toEqual(["c", "b"]);
    expect(store.list({ limit: 10, offset: 2 }).runs.map((r) => r.id)).toEqual(["a"]);
    expect(store.list({ limit: 10, offset: 0, status: "done" }).runs.map((r) => r.id)).toEqual(["b"]);
    // % and _ in a search are literal characters
    expect(store.list({ limit: 10, offset: 0, q: "100%" }).runs.map((r) => r.id)).toEqual(["b"]);
    expect(store.unfinished().sort()).toEqual(["a", "c"]);
    store.close();
  });
});

describe("StoreKeeper", () => {
  it("keeps a write while another program holds the lock, reports it, and writes it when the lock is gone", () => {
    const file = tempDb();
    const store = new RunStore(openDatabase({ file, busyTimeoutMs: 20 }), file);
    const keeper = new StoreKeeper(store, 60_000);
    const r = record("a", "2026-01-01T00:00:00Z");
    keeper.insert(r);
    const other = new Database(file);
    other.exec("BEGIN EXCLUSIVE");
    expect(() => keeper.insert(record("b", "2026-01-02T00:00:00Z"))).toThrow(/locked by another program/);
    const done = { ...r, status: "done" as const, result: { t: [0] } };
    expect(keeper.update("a", { status: "done", result: { t: [0] } }, done)).toBe(false);
    expect(keeper.keptRecord("a")?.status).toBe("done");
    expect(keeper.health()).toMatchObject({ ok: false, unsaved: 1, error: { kind: "locked" } });
    expect(keeper.flush()).toBe(1);
    other.exec("COMMIT");
    other.close();
    expect(keeper.flush()).toBe(0);
    expect(store.get("a")).toMatchObject({ status: "done", result: { t: [0] } });
    expect(keeper.health()).toMatchObject({ ok: true, unsaved: 0 });
    keeper.stop();
    store.close();
  });
});
