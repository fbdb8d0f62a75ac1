/**
 * Runs in SQLite: each run's resolved scenario, model version, parameter overrides, solver
 * statistics and result document, so that any figure can be drawn again from the store alone.
 * JSON columns hold the documents; the columns people filter and sort on are plain.
 */
import type { Issue } from "../../core/issues.js";
import { type Db, storeError } from "./db.js";

export const RUN_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINISHED: readonly RunStatus[] = ["done", "failed", "cancelled"];

/** Net classic / trans / Hyper-IL-6 binding flux per cell type over the run's output times. */
export interface Fluxes {
  readonly unit: string;
  readonly cells: readonly { readonly id: string; readonly label: string }[];
  /** route -> cell id -> values at the run's output times */
  readonly routes: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>;
}

export interface RunRecord {
  readonly id: string;
  readonly created_at: string;
  readonly started_at?: string;
  readonly finished_at?: string;
  readonly status: RunStatus;
  readonly name: string;
  readonly model_id: string;
  readonly model_version: string;
  readonly organism?: string;
  readonly il6sim_version: string;
  /** The resolved scenario as a scenario file object (what `il6sim run` takes back). */
  readonly scenario: Record<string, unknown>;
  readonly parameters: Readonly<Record<string, number>>;
  readonly message?: string;
  readonly issues?: readonly Issue[];
  readonly solver?: Record<string, unknown>;
  /** The document of `il6sim run --format json`. */
  readonly result?: Record<string, unknown>;
  readonly fluxes?: Fluxes;
}

export type RunPatch = Partial<Omit<RunRecord, "id" | "created_at">>;

/** A row of the run list: no result document. */
export type RunSummary = Omit<RunRecord, "result" | "fluxes" | "scenario">;

const JSON_FIELDS = ["scenario", "parameters", "issues", "solver", "result", "fluxes"] as const;
const PLAIN_FIELDS = [
  "created_at",
  "started_at",
  "finished_at",
  "status",
  "name",
  "model_id",
  "model_version",
  "organism",
  "il6sim_version",
  "message",
] as const;

type Row = Record<string, string | null>;

function toRow(r: RunPatch & { id?: string }): Row {
  const row: Row = {};
  if (r.id !== undefined) row.id = r.id;
  for (const f of PLAIN_FIELDS) {
    const v = (r as Record<string, unknown>)[f];
    if (v !== undefined) row[f] = v === null ? null : String(v);
  }
  for (const f of JSON_FIELDS) {
    const v = (r as Record<string, unknown>)[f];
    if (v !== undefined) row[`${f}_json`] = v === null ? null : JSON.stringify(v);
  }
  return row;
}

function fromRow(row: Row): RunRecord {
  const out: Record<string, unknown> = { id: row.id };
  for (const f of PLAIN_FIELDS) if (row[f] !== null && row[f] !== undefined) out[f] = row[f];
  for (const f of JSON_FIELDS) {
    const v = row[`${f}_json`];
    if (v !== null && v !== undefined) out[f] = JSON.parse(v);
  }
  return out as unknown as RunRecord;
}

export interface ListQuery {
  readonly limit: number;
  readonly offset: number;
  readonly status?: RunStatus;
  /** Substring of the name or the model id. */
  readonly q?: string;
}

export class RunStore {
  constructor(
    readonly db: Db,
    readonly file: string,
    readonly readonly = false,
  ) {}

  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (err) {
      throw storeError(err, this.file);
    }
  }

  insert(r: RunRecord): void {
    const row = toRow(r);
    const cols = Object.keys(row);
    this.guard(() =>
      this.db
        .prepare(`INSERT INTO runs (${cols.join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")})`)
        .run(row),
    );
  }

  /** Insert or update: the row ends up holding every field of `r` (used to flush kept writes). */
  upsert(r: RunRecord): void {
    const row = toRow(r);
    const cols = Object.keys(row);
    const set = cols.filter((c) => c !== "id").map((c) => `${c} = excluded.${c}`);
    this.guard(() =>
      this.db
        .prepare(
          `INSERT INTO runs (${cols.join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")}) ON CONFLICT(id) DO UPDATE SET ${set.join(", ")}`,
        )
        .run(row),
    );
  }

  update(id: string, patch: RunPatch): void {
    const row = toRow(patch);
    const cols = Object.keys(row);
    if (cols.length === 0) return;
    this.guard(() =>
      this.db
        .prepare(`UPDATE runs SET ${cols.map((c) => `${c} = @${c}`).join(", ")} WHERE id = @id`)
        .run({ ...row, id }),
    );
  }

  get(id: string): RunRecord | undefined {
    const row = this.guard(() => this.db.prepare("SELECT * FROM runs WHERE id = ?").get(id)) as
      Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  list(q: ListQuery): { runs: RunSummary[]; total: number } {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    if (q.status) {
      where.push("status = @status");
      args.status = q.status;
    }
    if (q.q) {
      where.push("(name LIKE @q ESCAPE '\\' OR model_id LIKE @q ESCAPE '\\')");
      args.q = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const w = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
    const cols = ["id", ...PLAIN_FIELDS, "parameters_json", "issues_json", "solver_json"].join(", ");
    return this.guard(() => {
      const rows = this.db
        .prepare(
          `SELECT ${cols} FROM runs ${w} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`,
        )
        .all({ ...args, limit: q.limit, offset: q.offset }) as Row[];
      const { n } = this.db.prepare(`SELECT COUNT(*) AS n FROM runs ${w}`).get(args) as { n: number };
      return { runs: rows.map(fromRow), total: n };
    });
  }

  /** Runs left queued or running by a server that stopped: they will never finish. */
  unfinished(): string[] {
    return this.guard(() =>
      (
        this.db.prepare("SELECT id FROM runs WHERE status IN ('queued', 'running')").all() as { id: string }[]
      ).map((r) => r.id),
    );
  }

  close(): void {
    try {
      this.db.close();
    } catch {
      // already closed
    }
  }
}
