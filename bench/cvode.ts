/**
 * The SUNDIALS CVODE reference harness of ../shared/bench-ref, built into a temporary folder
 * (shared/ is read-only) and run cell by cell, interleaved with our own measurements so that
 * both see the same machine load. Needs Debian's gcc and libsundials-dev; without them the
 * caller prints our figures only.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface CvodeRecord {
  readonly solver: string;
  readonly problem: string;
  readonly rtol: number;
  readonly atol: number;
  readonly reps: number;
  readonly median_s: number;
  readonly min_s: number;
  readonly nfev: number;
  readonly njev: number;
  readonly nlu: number;
  readonly steps: number;
  readonly y: number[];
}

export interface CvodeHarness {
  /** Folder with the harness's records (cvode.jsonl) and ours (il6sim.jsonl). */
  readonly outDir: string;
  readonly benchRefDir: string;
  run(problem: string, rtol: number, minTime: number): CvodeRecord | null;
}

/** Where ../shared is: IL6SIM_SHARED, else beside the project root (npm runs scripts there). */
export function sharedDir(): string {
  return process.env.IL6SIM_SHARED ?? resolve(process.cwd(), "../shared");
}

export function prepareCvode(log: (line: string) => void): CvodeHarness | null {
  const benchRefDir = join(sharedDir(), "bench-ref");
  const missing: string[] = [];
  if (spawnSync("gcc", ["--version"], { stdio: "ignore" }).status !== 0) missing.push("gcc");
  if (!existsSync("/usr/include/cvode/cvode.h")) missing.push("libsundials-dev");
  if (!existsSync(join(benchRefDir, "run.sh"))) missing.push(`the harness (${benchRefDir}/run.sh)`);
  if (missing.length > 0) {
    log(
      `CVODE reference unavailable: missing ${missing.join(", ")} (Debian: apt-get install -y gcc libsundials-dev). Showing our figures only.`,
    );
    return null;
  }
  const tmp = mkdtempSync(join(tmpdir(), "il6sim-bench-"));
  const outDir = join(tmp, "out");
  const buildDir = join(tmp, "build");
  mkdirSync(outDir, { recursive: true });
  const env = { ...process.env, OUT_DIR: outDir, BUILD_DIR: buildDir };
  const built = spawnSync("bash", [join(benchRefDir, "run.sh"), "build"], { env, encoding: "utf8" });
  if (built.status !== 0) {
    log(`CVODE reference unavailable: building the harness failed:\n${built.stderr}`);
    return null;
  }
  const exe = join(buildDir, "cvode_bench");
  return {
    outDir,
    benchRefDir,
    run(problem, rtol, minTime) {
      const args = [
        "--problems",
        problem,
        "--rtols",
        rtol.toExponential(),
        "--variants",
        "dense",
        "--min-time",
        String(minTime),
      ];
      const r = spawnSync(exe, args, { encoding: "utf8" });
      const line = r.stdout.split("\n").find((l) => l.startsWith("{"));
      if (r.status !== 0 || !line) {
        log(`cvode_bench ${args.join(" ")} failed: ${r.stderr}`);
        return null;
      }
      appendFileSync(join(outDir, "cvode.jsonl"), line + "\n");
      return JSON.parse(line) as CvodeRecord;
    },
  };
}

/** Renders the harness's tables (ours beside CVODE) with its report.mjs; returns the file. */
export function renderReport(h: CvodeHarness): string | null {
  const r = spawnSync(process.execPath, [join(h.benchRefDir, "report.mjs"), h.outDir], { encoding: "utf8" });
  if (r.status !== 0) return null;
  const file = join(h.outDir, "tables.md");
  appendFileSync(file, r.stdout);
  return file;
}
