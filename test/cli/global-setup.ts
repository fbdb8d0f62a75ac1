/**
 * The CLI tests spawn the built CLI (`node bin/il6sim.js`, as a user runs it). Build once
 * before them, unless dist/ is already newer than every source file.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const entry = join(ROOT, "dist", "src", "cli", "main.js");
  if (existsSync(entry) && statSync(entry).mtimeMs > newestSource(join(ROOT, "src"))) return;
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
      {
        cwd: ROOT,
        stdio: "pipe",
      },
    );
  } catch (err) {
    // tsc still emits when a file has type errors; the CLI tests then say what is broken
    if (!existsSync(entry)) throw err;
  }
}
