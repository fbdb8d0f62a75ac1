/**
 * The il6sim command line: one file per command under commands/, registered here with one
 * line each. Everything a user can get wrong ends as issues on stderr and exit code 2; a
 * numerical failure as exit code 1; a bug as "il6sim internal error" and exit code 70.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { IssueError } from "../core/issues.js";
import * as catalog from "./commands/catalog.js";
import * as compare from "./commands/compare.js";
import * as exportCmd from "./commands/export.js";
import * as fit from "./commands/fit.js";
import * as population from "./commands/population.js";
import * as run from "./commands/run.js";
import * as sensitivity from "./commands/sensitivity.js";
import * as serve from "./commands/serve.js";
import * as sweep from "./commands/sweep.js";
import * as validate from "./commands/validate.js";
import { BadInput, EXIT, issuesText } from "./errors.js";

/** Each command module adds itself to the program. */
const COMMANDS: readonly { register(program: Command): void }[] = [
  run,
  compare,
  sweep,
  validate,
  catalog,
  exportCmd,
  fit,
  sensitivity,
  population,
  serve,
];

function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "il6sim" && pkg.version) return pkg.version;
    } catch {
      // keep looking upward
    }
    dir = dirname(dir);
  }
  return "unknown";
}

export function buildProgram(): Command {
  const program = new Command("il6sim")
    .description("Simulate interleukin-6 signalling in liver damage and regeneration.")
    .version(version(), "-V, --version")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      outputError: (str, write) => write(str.startsWith("error:") ? `il6sim: ${str}` : str),
    })
    .addHelpText(
      "after",
      `
Exit codes: 0 ok, 1 a simulation failed numerically, 2 bad input (issues on stderr), 70 internal error.

Examples:
  il6sim scenarios
  il6sim run textbook_mouse_resection --plot resection.png
  il6sim compare a.yaml b.yaml --plot compare.svg
  il6sim sweep textbook_iv_10mgkg --vary "dose:mab=1:30:6:log mg/kg" --metric receptor_occupancy_percent:at=336h`,
    );
  for (const c of COMMANDS) c.register(program);
  return program;
}

/** Exit code for anything a command threw. */
export function exitCodeFor(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof CommanderError) {
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.exitCode === 0)
      return EXIT.ok;
    return EXIT.badInput; // commander has printed the message
  }
  if (err instanceof BadInput) {
    stderr.write(err.text());
    return EXIT.badInput;
  }
  if (err instanceof IssueError) {
    stderr.write(issuesText(err.issues));
    return EXIT.badInput;
  }
  const message = err instanceof Error ? err.message : String(err);
  stderr.write(`il6sim internal error: ${message.replace(/^il6sim internal error: /, "")}\n`);
  stderr.write(
    "This is a bug in il6sim. Please report it with the command you ran (set IL6SIM_DEBUG=1 for details).\n",
  );
  if (process.env.IL6SIM_DEBUG && err instanceof Error && err.stack) stderr.write(`${err.stack}\n`);
  return EXIT.internal;
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    if (argv.length <= 2) {
      program.outputHelp({ error: true });
      return EXIT.badInput;
    }
    await program.parseAsync([...argv]);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (err) {
    return exitCodeFor(err);
  }
}
