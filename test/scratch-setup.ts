/**
 * Every test's scratch files (mkdtemp under the OS temp folder, by the tests, the spawned CLI,
 * the server and chromium) go into one folder per test run, removed when the run ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "il6sim-test-run-"));
  // workers and spawned processes start after this and inherit it; os.tmpdir() reads TMPDIR
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
