/**
 * Schema migrations of the run store, in order. A migration is a file NNNN-name.ts exporting
 * { version, name, sql }, added to MIGRATIONS with one line; it runs once, in a transaction,
 * and is recorded in the schema_version table. Never edit a migration that has shipped: add one.
 */
import { runs } from "./0001-runs.js";

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [runs];
