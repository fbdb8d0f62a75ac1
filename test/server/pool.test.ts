/** The worker pool when a thread cannot even start: waiting tasks fail with the reason, none waits forever. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { runPool } from "../../src/server/runs/pool.js";

it("a worker that fails while starting rejects the waiting runs with its error, and the pool keeps answering", async () => {
  const dir = mkdtempSync(join(tmpdir(), "il6sim-pool-"));
  const file = join(dir, "broken-worker.mjs");
  writeFileSync(file, 'throw new Error("cannot load the model library");\nexport default () => 1;\n');
  const errors: string[] = [];
  const pool = runPool({ threads: 1, memoryMb: 128, workerUrl: pathToFileURL(file).href }, (e) =>
    errors.push(e.message),
  );
  const task = { kind: "validate", model: "il6-liver" } as const;
  await expect(pool.validate(task)).rejects.toThrow(/cannot load the model library/);
  // a second task gets a new pool (which fails the same way here) instead of waiting forever
  await expect(pool.validate(task)).rejects.toThrow(/cannot load the model library/);
  expect(errors.length).toBeGreaterThan(0);
  await pool.close();
  await expect(pool.validate(task)).rejects.toThrow(/closed/);
}, 30_000);
