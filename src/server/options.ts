/**
 * Settings of `il6sim serve`, with their defaults. The run store is the file given by --db, else
 * the IL6SIM_DB environment variable, else ./il6sim-data/runs.sqlite (relative to the folder the
 * server starts in).
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";

export interface ServerOptions {
  /** Address to listen on; 127.0.0.1 keeps the server on this machine. */
  readonly host: string;
  /** 0: any free port (the one taken is printed). */
  readonly port: number;
  /** The SQLite run store. */
  readonly db: string;
  /** Open the store read-only: past runs can be browsed, new runs get 503. */
  readonly dbReadonly: boolean;
  /** Worker threads that simulate. */
  readonly workers: number;
  /** Wall-clock limit of one run, in seconds. */
  readonly maxRunSeconds: number;
  /** Heap limit of each worker thread, in MB. */
  readonly runMemoryMb: number;
  /** Runs queued or running at once; more get 429. */
  readonly maxActive: number;
  /** Largest request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Most output times a web run may ask for. */
  readonly maxOutputPoints: number;
  /** Write a line per request to stderr (JSON, from fastify's logger). */
  readonly requestLog: boolean;
  /** The folder of the built web app; false: API only. Default: web-dist/ of the package. */
  readonly web?: string | false;
}

export const DEFAULT_DB = "il6sim-data/runs.sqlite";

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.IL6SIM_DB && env.IL6SIM_DB.trim() !== "" ? env.IL6SIM_DB : DEFAULT_DB);
}

export function defaultOptions(env: NodeJS.ProcessEnv = process.env): ServerOptions {
  return {
    host: "127.0.0.1",
    port: 8080,
    db: defaultDbPath(env),
    dbReadonly: false,
    // one core stays with the event loop (and the person at the keyboard)
    workers: Math.max(1, Math.min(4, availableParallelism() - 1)),
    maxRunSeconds: 300,
    runMemoryMb: 1024,
    maxActive: 64,
    maxBodyBytes: 256 * 1024,
    maxOutputPoints: 20_000,
    requestLog: false,
  };
}
