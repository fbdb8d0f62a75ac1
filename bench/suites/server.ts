/**
 * Bench suite 'server': a bounded load test of `il6sim serve` on loopback. N concurrent
 * clients each start runs (every run with its own name and dose), poll them to the end and
 * fetch their results, while a health checker asks /api/health throughout. Checks: no run
 * lost (each id listed and done), none mixed up (each result carries its own name and dose),
 * health answered every time. Reports requests/s and latency percentiles.
 * `loadTest` is also what the test suite runs, smaller and without timing assertions.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchArgs, Suite } from "../main.js";

export interface LoadOptions {
  /** Base URL of a server on this machine (loopback only). */
  readonly url: string;
  readonly clients: number;
  readonly runsPerClient: number;
  /** Hard bound on the whole test. */
  readonly timeoutMs?: number;
  /** Pause between two polls of a run. */
  readonly pollMs?: number;
}

export interface LoadReport {
  readonly runs: number;
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly health: {
    readonly count: number;
    readonly failures: number;
    readonly p95Ms: number;
    readonly maxMs: number;
  };
  readonly lost: number;
  readonly mixed: number;
  /** What went wrong, one line each (empty when all is well). */
  readonly problems: readonly string[];
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** The scenario of client c's k-th run: its name and dose identify it in the result. */
export function loadScenario(
  c: number,
  k: number,
  runsPerClient: number,
): { name: string; amount: string; body: object } {
  const name = `load_c${c}_r${k}`;
  const amount = `${c * runsPerClient + k + 1} ug`;
  return {
    name,
    amount,
    body: {
      model: "il6-liver",
      name,
      organism: "mouse",
      end: "6 h",
      timeline: [{ at: "0 h", dose: { drug: "hyper_il6", amount, route: "ip" } }],
      output: {
        every: "0.5 h",
        observables: ["serum_hyper_il6_ug_per_mL", "hepatocyte_pSTAT3_nuclear_fraction"],
      },
    },
  };
}

export async function loadTest(o: LoadOptions): Promise<LoadReport> {
  const host = new URL(o.url).hostname;
  if (!LOOPBACK.has(host))
    throw new Error(`The load test only targets this machine (loopback); got ${host}.`);
  const deadline = Date.now() + (o.timeoutMs ?? 300_000);
  const pollMs = o.pollMs ?? 100;
  const latencies: number[] = [];
  const problems: string[] = [];
  const timed = async (
    path: string,
    init?: RequestInit,
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    if (Date.now() > deadline) throw new Error("load test time bound reached");
    const t0 = performance.now();
    const res = await fetch(`${o.url}${path}`, init);
    const text = await res.text();
    latencies.push(performance.now() - t0);
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  // health checker: every 50 ms until the clients are done
  const health: number[] = [];
  let healthFailures = 0;
  let running = true;
  const checker = (async () => {
    while (running && Date.now() < deadline) {
      const t0 = performance.now();
      try {
        const r = await fetch(`${o.url}/api/health`, { signal: AbortSignal.timeout(5000) });
        const b = (await r.json()) as { status?: string };
        if (r.status !== 200 || b.status !== "ok") healthFailures++;
      } catch {
        healthFailures++;
      }
      health.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  const started = new Map<string, { name: string; amount: string }>();
  const t0 = performance.now();
  const client = async (c: number) => {
    for (let k = 0; k < o.runsPerClient; k++) {
      const s = loadScenario(c, k, o.runsPerClient);
      const post = await timed("/api/runs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(s.body),
      });
      if (post.status !== 202) {
        problems.push(`${s.name}: POST answered ${post.status} ${String(post.body.message ?? "")}`);
        continue;
      }
      const id = String(post.body.id);
      started.set(id, s);
      let status = String(post.body.status);
      while (!["done", "failed", "cancelled"].includes(status)) {
        await new Promise((r) => setTimeout(r, pollMs));
        status = String((await timed(`/api/runs/${id}?result=false`)).body.status);
      }
      const full = await timed(`/api/runs/${id}`);
      const doc = full.body.result as {
        scenario?: { name?: string; timeline?: { dose?: { amount?: string } }[] };
      } | null;
      if (status !== "done") problems.push(`${s.name} (${id}): ${status}`);
      else if (doc?.scenario?.name !== s.name || doc.scenario.timeline?.[0]?.dose?.amount !== s.amount)
        problems.push(
          `${s.name} (${id}): result of another run (${doc?.scenario?.name}, ${doc?.scenario?.timeline?.[0]?.dose?.amount})`,
        );
    }
  };
  try {
    await Promise.all(Array.from({ length: o.clients }, (_, c) => client(c)));
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  const seconds = (performance.now() - t0) / 1000;
  running = false;
  await checker;

  // lost: every run that was accepted is listed, done, under its own name
  const listed = await timed(`/api/runs?limit=500`);
  const rows = new Map(
    (listed.body.runs as { id: string; name: string; status: string }[]).map((r) => [r.id, r]),
  );
  let lost = 0;
  let mixed = 0;
  for (const [id, s] of started) {
    const r = rows.get(id);
    if (!r || r.status !== "done") lost++;
    else if (r.name !== s.name) mixed++;
  }
  mixed += problems.filter((p) => p.includes("result of another run")).length;
  if (lost > 0) problems.push(`${lost} accepted run(s) missing from the list or not done`);
  if (healthFailures > 0) problems.push(`${healthFailures} health check(s) failed`);
  return {
    runs: started.size,
    requests: latencies.length,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    health: {
      count: health.length,
      failures: healthFailures,
      p95Ms: percentile(health, 95),
      maxMs: Math.max(0, ...health),
    },
    lost,
    mixed,
    problems,
  };
}

/** `il6sim serve` as a user starts it (the built CLI), on a free loopback port with a fresh store. */
async function spawnServer(): Promise<{ url: string; proc: ChildProcess; dir: string }> {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
  const dir = mkdtempSync(join(tmpdir(), "il6sim-bench-"));
  const proc = spawn(
    process.execPath,
    [join(root, "bin", "il6sim.js"), "serve", "--port", "0", "--db", join(dir, "runs.sqlite")],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.once("exit", (code) => reject(new Error(`il6sim serve exited with ${code}`)));
  });
  return { url, proc, dir };
}

export const serverSuite: Suite = {
  name: "server",
  description: "load test of il6sim serve on loopback: concurrent clients starting runs, health throughout",
  async run(args: BenchArgs): Promise<object[]> {
    const rows: object[] = [];
    const { url, proc, dir } = await spawnServer();
    try {
      args.log(`server: ${url} (workers: the server's default)`);
      args.log("clients  runs  requests  req/s   p50 ms  p95 ms  health p95/max ms  lost  mixed");
      for (const clients of [4, 16]) {
        const r = await loadTest({ url, clients, runsPerClient: 5, timeoutMs: 300_000 });
        args.log(
          `${String(clients).padStart(7)}  ${String(r.runs).padStart(4)}  ${String(r.requests).padStart(8)}  ${r.requestsPerSecond.toFixed(1).padStart(5)}  ${r.p50Ms.toFixed(1).padStart(6)}  ${r.p95Ms.toFixed(1).padStart(6)}  ${`${r.health.p95Ms.toFixed(1)}/${r.health.maxMs.toFixed(1)}`.padStart(17)}  ${String(r.lost).padStart(4)}  ${String(r.mixed).padStart(5)}`,
        );
        for (const p of r.problems) args.log(`  problem: ${p}`);
        rows.push({
          suite: "server",
          clients,
          ...r,
          health: undefined,
          health_p95_ms: r.health.p95Ms,
          health_max_ms: r.health.maxMs,
          health_failures: r.health.failures,
        });
      }
    } finally {
      await new Promise<void>((resolve) => {
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      });
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
