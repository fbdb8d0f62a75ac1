/** Schema 1: one row per run, with everything needed to reproduce its figures. */
import type { Migration } from "./index.js";

export const runs: Migration = {
  version: 1,
  name: "runs",
  sql: `
CREATE TABLE runs (
  id              TEXT PRIMARY KEY,
  created_at      TEXT NOT NULL,
  started_at      TEXT,
  finished_at     TEXT,
  status          TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  name            TEXT NOT NULL,
  model_id        TEXT NOT NULL,
  model_version   TEXT NOT NULL,
  organism        TEXT,
  il6sim_version  TEXT NOT NULL,
  scenario_json   TEXT NOT NULL,
  parameters_json TEXT NOT NULL,
  message         TEXT,
  issues_json     TEXT,
  solver_json     TEXT,
  result_json     TEXT,
  fluxes_json     TEXT
);
CREATE INDEX runs_by_created ON runs (created_at DESC, id DESC);
CREATE INDEX runs_by_status ON runs (status);
`,
};
