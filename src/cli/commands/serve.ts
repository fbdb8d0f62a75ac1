/**
 * il6sim serve: the web app and HTTP API (src/server). Prints the address it listens on and
 * the run store it uses, then serves until Ctrl-C (SIGINT) or SIGTERM, when it stops taking
 * runs, cancels those in flight and writes everything the store still owes.
 */
import type { Command } from "commander";
import { defaultOptions, type ServerOptions } from "../../server/options.js";
import { badArgument, EXIT } from "../errors.js";

interface ServeOptions {
  port?: string;
  host?: string;
  db?: string;
  dbReadonly?: boolean;
  workers?: string;
  maxRunSeconds?: string;
  runMemoryMb?: string;
  log?: boolean;
}

function int(v: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw badArgument(flag, `${flag} must be a whole number from ${min} to ${max}; got "${v}".`);
  return n;
}

export function register(program: Command): void {
  const d = defaultOptions();
  program
    .command("serve")
    .summary("start the web app and HTTP API")
    .description(
      "Serve the web app (scenario builder, plots, comparisons, downloads) and the JSON API. Runs are stored in a SQLite file: --db, else the IL6SIM_DB environment variable, else ./il6sim-data/runs.sqlite. See docs/web.md.",
    )
    .option("--port <n>", `port to listen on (0: any free port) (default: ${d.port})`)
    .option("--host <address>", `address to listen on; 0.0.0.0 opens it to the network (default: ${d.host})`)
    .option("--db <file>", "SQLite run store (default: $IL6SIM_DB or ./il6sim-data/runs.sqlite)")
    .option("--db-readonly", "open the run store read-only: browse past runs, start none")
    .option("--workers <n>", `simulation worker threads (default: ${d.workers})`)
    .option("--max-run-seconds <s>", `wall-clock limit of one run (default: ${d.maxRunSeconds})`)
    .option("--run-memory-mb <mb>", `heap limit of a worker thread (default: ${d.runMemoryMb})`)
    .option("--log", "log every request to stderr (JSON lines)")
    .addHelpText(
      "after",
      `
Examples:
  il6sim serve                          then open http://127.0.0.1:${d.port}
  il6sim serve --port 9000 --db ~/il6sim/runs.sqlite
  IL6SIM_DB=/srv/lab/runs.sqlite il6sim serve --host 0.0.0.0`,
    )
    .action(async (o: ServeOptions) => {
      process.exitCode = await serve(o);
    });
}

export async function serve(o: ServeOptions): Promise<number> {
  const partial: Partial<ServerOptions> = {
    ...(o.port !== undefined ? { port: int(o.port, "--port", 0, 65535) } : {}),
    ...(o.host !== undefined ? { host: o.host } : {}),
    ...(o.db !== undefined ? { db: o.db } : {}),
    ...(o.dbReadonly ? { dbReadonly: true } : {}),
    ...(o.workers !== undefined ? { workers: int(o.workers, "--workers", 1, 64) } : {}),
    ...(o.maxRunSeconds !== undefined
      ? { maxRunSeconds: int(o.maxRunSeconds, "--max-run-seconds", 1, 86_400) }
      : {}),
    ...(o.runMemoryMb !== undefined
      ? { runMemoryMb: int(o.runMemoryMb, "--run-memory-mb", 32, 65_536) }
      : {}),
    ...(o.log ? { requestLog: true } : {}),
  };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // fastify, SQLite and the pool load only for this command, not for every il6sim command
  const { startServer, StoreError } = await import("../../server/index.js");
  let server;
  try {
    server = await startServer(partial, log);
  } catch (err) {
    if (err instanceof StoreError) throw badArgument("--db", err.message);
    const code = (err as { code?: string }).code;
    if (code === "EADDRINUSE")
      throw badArgument(
        "--port",
        `Port ${o.port ?? defaultOptions().port} is in use. Choose another with --port (0: any free port).`,
      );
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      throw badArgument("--host", `Cannot listen on "${o.host}": no such address on this machine.`);
    throw err;
  }
  const s = server;
  process.stdout.write(
    `il6sim: serving ${s.url} (runs stored in ${s.options.db}${s.options.dbReadonly ? ", read-only" : ""})\n`,
  );
  process.stdout.write("il6sim: press Ctrl-C to stop\n");
  await new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      process.stderr.write(`il6sim: ${signal}: stopping (runs in flight are cancelled and stored)\n`);
      void s.close().then((r) => {
        if (r.unsavedFile)
          process.stderr.write(
            `il6sim: the run store could not be written; unsaved runs are in ${r.unsavedFile}\n`,
          );
        resolveStop();
      });
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  return EXIT.ok;
}
