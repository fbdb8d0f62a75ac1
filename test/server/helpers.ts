/**
 * The real server for tests: `node bin/il6sim.js serve --port 0` (the built CLI, as a user
 * starts it) on an ephemeral loopback port with a fresh SQLite file, and small HTTP helpers.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");

export interface Running {
  readonly url: string;
  readonly db: string;
  readonly proc: ChildProcess;
  /** Everything the server printed on stderr so far. */
  stderr(): string;
  /** SIGTERM, then wait for the exit code. */
  stop(): Promise<number | null>;
}

export function tempDb(name = "runs.sqlite"): string {
  return join(mkdtempSync(join(tmpdir(), "il6sim-server-")), name);
}

export async function startServer(
  args: string[] = [],
  db = tempDb(),
  env: NodeJS.ProcessEnv = {},
): Promise<Running> {
  const proc = spawn(
    process.execPath,
    [join(ROOT, "bin", "il6sim.js"), "serve", "--port", "0", "--db", db, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  proc.stderr!.on("data", (b: Buffer) => (err += b.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 90 s: ${err}`)), 90_000);
    proc.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it listened: ${err}`));
    });
  });
  return {
    url,
    db,
    proc,
    stderr: () => err,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve(proc.exitCode);
        proc.once("exit", (code) => resolve(code));
        proc.kill("SIGTERM");
      }),
  };
}

export interface Reply<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
  readonly headers: Headers;
}

export async function http<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; body?: unknown; raw?: string | Buffer; type?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  let body: string | Buffer | undefined;
  if (init.raw !== undefined) {
    body = init.raw;
    headers["content-type"] = init.type ?? "application/json";
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(url, {
    method: init.method ?? (body !== undefined ? "POST" : "GET"),
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

/** Poll a run until it has finished (done, failed or cancelled). */
export async function waitFor(
  url: string,
  id: string,
  timeoutMs = 120_000,
): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  let last: Record<string, unknown> = {};
  while (Date.now() < until) {
    const r = await http(`${url}/api/runs/${id}`);
    last = r.body;
    if (["done", "failed", "cancelled"].includes(String(r.body.status))) return r.body;
    await new Promise((res) => setTimeout(res, 100));
  }
  const { result: _r, ...rest } = last;
  throw new Error(`run ${id} did not finish within ${timeoutMs} ms; last seen: ${JSON.stringify(rest)}`);
}

/** Generous bound for a test against a server on a loaded machine (the whole suite runs in parallel). */
export const SLOW = 180_000;

/** A small, fast scenario (Hyper-IL-6 in a mouse, 12 h). */
export function quickScenario(name = "quick", amount = "2 ug"): Record<string, unknown> {
  return {
    model: "il6-liver",
    name,
    organism: "mouse",
    end: "12 h",
    timeline: [{ at: "0 h", dose: { drug: "hyper_il6", amount, route: "ip" } }],
    output: {
      every: "0.5 h",
      observables: ["serum_hyper_il6_ug_per_mL", "hepatocyte_pSTAT3_nuclear_fraction"],
    },
  };
}

/** A run long enough to cancel: tocilizumab every 4 weeks for ten years. */
export function longScenario(): Record<string, unknown> {
  const timeline = Array.from({ length: 120 }, (_, k) => ({
    at: `${k * 672} h`,
    dose: { drug: "tocilizumab", amount: "8 mg/kg", route: "iv_infusion", duration: "1 h" },
  }));
  return {
    model: "il6-liver",
    name: "long",
    organism: "human",
    end: "87000 h",
    timeline,
    output: { every: "24 h", observables: ["serum_IL6_pg_per_mL"] },
  };
}
