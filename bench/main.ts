/**
 * Benchmark dispatcher: `npm run bench [-- <suite>...] [--json] [--reference] [--min-time S]`.
 * Every suite is one entry in SUITES; adding one is one line here plus its file in suites/.
 * Human-readable tables go to stdout; with --json, stdout carries exactly one JSON array
 * (all rows of the suites run) and everything else goes to stderr.
 */
import { analysisSuite } from "./suites/analysis.js";
import { ivpSuite } from "./suites/ivp.js";
import { linalgSuite } from "./suites/linalg.js";
import { sensitivitySuite } from "./suites/sensitivity.js";
import { modelSuite } from "./suites/model.js";
import { serverSuite } from "./suites/server.js";

export interface BenchArgs {
  readonly json: boolean;
  readonly reference: boolean;
  /** Seconds of repeated runs per configuration. */
  readonly minTime: number;
  /** Lines for people: stderr when --json, else stdout. */
  readonly log: (line: string) => void;
}

export interface Suite {
  readonly name: string;
  readonly description: string;
  /** Runs the suite, logs its tables, and returns its rows for --json. */
  run(args: BenchArgs): Promise<object[]> | object[];
}

export const SUITES: readonly Suite[] = [
  ivpSuite,
  linalgSuite,
  analysisSuite,
  modelSuite,
  sensitivitySuite,
  serverSuite,
];

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const reference = argv.includes("--reference");
  const mt = argv.indexOf("--min-time");
  const minTime = mt >= 0 ? Number(argv[mt + 1]) : 0.5;
  const names = argv.filter((a, i) => !a.startsWith("--") && !(mt >= 0 && i === mt + 1));
  if (argv.includes("--help")) {
    console.log(
      `usage: npm run bench -- [suite ...] [--json] [--reference] [--min-time S]\nsuites:\n${SUITES.map((s) => `  ${s.name.padEnd(8)} ${s.description}`).join("\n")}`,
    );
    return 0;
  }
  const unknown = names.filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length > 0) {
    console.error(
      `Unknown suite ${unknown.map((u) => `"${u}"`).join(", ")}. Known suites: ${SUITES.map((s) => s.name).join(", ")}.`,
    );
    return 2;
  }
  // Without names: every suite except the micro-benchmarks that only matter when tuning.
  const chosen =
    names.length > 0
      ? SUITES.filter((s) => names.includes(s.name))
      : SUITES.filter((s) => s.name !== "linalg");
  const log = json ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const rows: object[] = [];
  for (const suite of chosen) rows.push(...(await suite.run({ json, reference, minTime, log })));
  if (json) process.stdout.write(JSON.stringify(rows) + "\n");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  },
);
