/**
 * npm run sbml-suite [-- --json] [--cases 1-100,205] [--verbose] [--workers N] [--dir PATH]
 * Runs the SBML Test Suite semantic cases and scores them as the suite prescribes.
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { listCases, runSuite } from "../src/io/sbml/suite/runner.js";
import { formatSummary, summarise } from "../src/io/sbml/suite/summary.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const json = process.argv.includes("--json");
  const verbose = process.argv.includes("--verbose");
  const casesDir = resolve(arg("--dir") ?? "../shared/data/sbml-test-suite/cases");
  let ids: string[];
  try {
    ids = listCases(casesDir, arg("--cases"));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const workers = Number(arg("--workers") ?? Math.max(1, Math.min(availableParallelism(), 4)));
  const started = Date.now();
  let done = 0;
  const tty = process.stderr.isTTY;
  const outcomes = await runSuite({
    casesDir,
    ids,
    workers,
    workerUrl: new URL("../src/io/sbml/suite/worker.js", import.meta.url),
    onOutcome: (o) => {
      done++;
      if (verbose && !json)
        process.stderr.write(
          `${o.id} ${o.status}${o.reason ? ` (${o.reason})` : ""} ${o.ms.toFixed(0)} ms\n`,
        );
      else if (tty) process.stderr.write(`\r${done}/${ids.length}`);
    },
  });
  if (tty) process.stderr.write("\n");
  const s = summarise(outcomes);
  if (json) {
    process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatSummary(s, outcomes, verbose)}\n`);
    process.stdout.write(
      `wall time ${((Date.now() - started) / 1000).toFixed(1)} s on ${workers} worker(s)\n`,
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`il6sim internal error: ${(err as Error).stack}\n`);
    process.exit(3);
  },
);
