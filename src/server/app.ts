/**
 * The il6sim HTTP server: fastify with the JSON API under /api, the built web app at /, the
 * SQLite run store, and the worker pool. `startServer` opens everything and listens;
 * `close()` stops taking runs, cancels those in flight, writes what the store still owes,
 * and ends the pool and the database.
 */
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import { errorHandler, HttpError } from "./errors.js";
import { defaultOptions, type ServerOptions } from "./options.js";
import { packageVersion, webDist } from "./paths.js";
import { chartRoutes } from "./routes/charts.js";
import { catalogRoutes } from "./routes/catalog.js";
import { runRoutes, TEXT_TYPES } from "./routes/runs.js";
import { RunManager } from "./runs/manager.js";
import { runPool } from "./runs/pool.js";
import { openDatabase } from "./store/db.js";
import { StoreKeeper } from "./store/keeper.js";
import { RunStore } from "./store/runs.js";

export interface Server {
  readonly app: FastifyInstance;
  readonly manager: RunManager;
  readonly keeper: StoreKeeper;
  readonly options: ServerOptions;
  /** http://host:port once listening. */
  url: string;
  close(): Promise<{ unsavedFile?: string }>;
}

/** Build the server (not yet listening). Throws StoreError when the database cannot be used. */
export async function createServer(
  partial: Partial<ServerOptions> = {},
  log: (line: string) => void = () => {},
): Promise<Server> {
  const o: ServerOptions = { ...defaultOptions(), ...partial };
  const version = packageVersion();
  const db = openDatabase({ file: o.db, readonly: o.dbReadonly });
  const store = new RunStore(db, o.db, o.dbReadonly);
  if (!o.dbReadonly) {
    // runs left queued or running by a server that stopped will never finish: say so
    for (const id of store.unfinished())
      store.update(id, {
        status: "failed",
        finished_at: new Date().toISOString(),
        message: "The server stopped before this run finished. Start it again.",
      });
  }
  const keeper = new StoreKeeper(store);
  const pool = runPool({ threads: o.workers, memoryMb: o.runMemoryMb }, (err) =>
    log(`il6sim: worker pool: ${err.message}`),
  );
  const manager = new RunManager(
    keeper,
    pool,
    { maxRunSeconds: o.maxRunSeconds, memoryMb: o.runMemoryMb, maxActive: o.maxActive },
    { il6sim: version },
  );

  const app = Fastify({
    bodyLimit: o.maxBodyBytes,
    logger: o.requestLog ? { level: "info" } : false,
    forceCloseConnections: true,
  });
  app.setErrorHandler(errorHandler(o.maxBodyBytes, log));
  app.addContentTypeParser(TEXT_TYPES, { parseAs: "string", bodyLimit: o.maxBodyBytes }, (_req, body, done) =>
    done(null, body),
  );

  app.get("/api/health", async () => ({
    status: "ok",
    version,
    store: keeper.health(),
    runs: manager.activeCount(),
    workers: o.workers,
    limits: {
      max_run_seconds: o.maxRunSeconds,
      run_memory_mb: o.runMemoryMb,
      max_active_runs: o.maxActive,
      max_body_bytes: o.maxBodyBytes,
      max_output_points: o.maxOutputPoints,
    },
  }));
  catalogRoutes(app, pool);
  runRoutes(app, manager, { maxOutputPoints: o.maxOutputPoints });
  chartRoutes(app, manager, pool);

  const web = o.web === undefined ? webDist() : o.web;
  if (web) await app.register(fastifyStatic, { root: web, prefix: "/", index: "index.html" });
  else
    app.get("/", async (_req, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(
          '<!doctype html><title>il6sim</title><p>The il6sim API is running (<a href="/api/health">/api/health</a>), but the web app is not built. Run <code>npm run build</code> and start the server again.</p>',
        ),
    );
  app.setNotFoundHandler((req) => {
    throw new HttpError(
      404,
      "not-found",
      `No such page or API route: ${req.method} ${req.url.split("?")[0]}. The API is under /api (see docs/web.md).`,
    );
  });

  let closed: Promise<{ unsavedFile?: string }> | undefined;
  const server: Server = {
    app,
    manager,
    keeper,
    options: o,
    url: "",
    close: () =>
      (closed ??= (async () => {
        const r = await manager.close();
        await app.close();
        await pool.close();
        store.close();
        return r;
      })()),
  };
  return server;
}

/** Create and listen; resolves with the server once it accepts connections. */
export async function startServer(
  partial: Partial<ServerOptions> = {},
  log: (line: string) => void = () => {},
): Promise<Server> {
  const s = await createServer(partial, log);
  try {
    await s.app.listen({ host: s.options.host, port: s.options.port });
  } catch (err) {
    await s.close();
    throw err;
  }
  const addr = s.app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : s.options.port;
  const host = s.options.host.includes(":") ? `[${s.options.host}]` : s.options.host;
  s.url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  return s;
}
