/**
 * The run store's SQLite file: opened with better-sqlite3 (synchronous, so every statement is
 * short), WAL journal (readers never wait for the writer), migrated to the newest schema on
 * open. Errors from SQLite become StoreError with a kind a person can act on.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { type Migration, MIGRATIONS } from "./migrations/index.js";

export type Db = Database.Database;

/** Why the store cannot do what was asked: the database is busy, read-only, full, or broken. */
export type StoreErrorKind = "locked" | "readonly" | "full" | "corrupt" | "cannot-open" | "schema" | "io";

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

/** Map an error thrown by better-sqlite3 (or fs) to a StoreError with a message that says what to do. */
export function storeError(err: unknown, file: string): StoreError {
  if (err instanceof StoreError) return err;
  const code = String((err as { code?: unknown }).code ?? "");
  const text = err instanceof Error ? err.message : String(err);
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
    return new StoreError(
      "locked",
      `The run store ${file} is locked by another program (${text}). Runs are kept in memory and written when it is free.`,
    );
  if (code.startsWith("SQLITE_READONLY") || code === "EROFS" || code === "EACCES")
    return new StoreError(
      "readonly",
      `The run store ${file} is read-only (${text}). Point il6sim at a writable file with --db or IL6SIM_DB.`,
    );
  if (code === "SQLITE_FULL" || code === "ENOSPC")
    return new StoreError("full", `The disk holding the run store ${file} is full (${text}).`);
  if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB")
    return new StoreError("corrupt", `${file} is not a usable il6sim run store (${text}).`);
  if (code.startsWith("SQLITE_CANTOPEN") || code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR")
    return new StoreError("cannot-open", `Cannot open the run store ${file} (${text}).`);
  return new StoreError("io", `The run store ${file} failed: ${text}`);
}

export interface OpenOptions {
  /** Path of the SQLite file; created (with its folder) when missing unless readonly. */
  readonly file: string;
  /** Open for reading only: past runs can be browsed, new runs are refused with 503. */
  readonly readonly?: boolean;
  /** How long a statement waits for another writer's lock, in ms (keep short: it blocks the event loop). */
  readonly busyTimeoutMs?: number;
  /** For tests: the migrations to apply (default: all). */
  readonly migrations?: readonly Migration[];
}

export function openDatabase(o: OpenOptions): Db {
  const file = resolve(o.file);
  let db: Db | undefined;
  try {
    if (!o.readonly) mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { readonly: o.readonly ?? false, fileMustExist: o.readonly ?? false });
    // migrations may wait a little longer for a lock than the statements of a running server
    db.pragma("busy_timeout = 5000");
    if (!o.readonly) {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
    }
    migrate(db, o.migrations ?? MIGRATIONS, file, o.readonly ?? false);
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(o.busyTimeoutMs ?? 200))}`);
    return db;
  } catch (err) {
    db?.close();
    throw storeError(err, file);
  }
}

/** The schema version a database is at (0 for a new file). */
export function schemaVersion(db: Db): number {
  const has = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (!has) return 0;
  const row = db.prepare("SELECT MAX(version) AS v FROM schema_version").get() as { v: number | null };
  return row.v ?? 0;
}

/** Apply the migrations newer than the database, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[], file: string, readonly: boolean): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(
        `il6sim internal error: migration ${m.name} has version ${m.version}, expected ${i + 1}`,
      );
  });
  const newest = sorted.length;
  const current = schemaVersion(db);
  if (current > newest)
    throw new StoreError(
      "schema",
      `The run store ${file} has schema version ${current}, newer than this il6sim understands (${newest}). Upgrade il6sim or use another --db file.`,
    );
  if (current === newest) return current;
  if (readonly)
    throw new StoreError(
      "schema",
      `The run store ${file} has schema version ${current}; this il6sim needs ${newest}. Open it once without --db-readonly to migrate it.`,
    );
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  for (const m of sorted.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)").run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    }).immediate();
  }
  return newest;
}
