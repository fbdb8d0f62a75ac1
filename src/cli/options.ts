/** Options shared by commands: --format, --out, --plot, --set, --end, and their checks. */
import { extname } from "node:path";
import { type Command, Option } from "commander";
import { badArgument } from "./errors.js";
import { checkTarget } from "./output.js";
import { type Format, FORMATS } from "./table.js";

export interface OutputOptions {
  format?: Format;
  out?: string;
}

export function addOutputOptions(cmd: Command, defaultHint = "table"): Command {
  return cmd
    .addOption(
      new Option(
        "--format <format>",
        `output format (default: ${defaultHint}, or from the --out extension)`,
      ).choices(FORMATS),
    )
    .option("--out <file>", "write the output to a file (atomically) instead of stdout");
}

/** The format asked for, else the --out extension (.json, .csv), else table. */
export function outputFormat(o: OutputOptions): Format {
  if (o.format) return o.format;
  const ext = o.out ? extname(o.out).toLowerCase() : "";
  if (ext === ".json") return "json";
  if (ext === ".csv") return "csv";
  return "table";
}

export function checkOutputTarget(o: OutputOptions): void {
  if (o.out !== undefined) checkTarget(o.out, "--out");
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** --set id=value (repeatable) -> { id: "value" }; numbers stay numbers. */
export function parseSets(sets: readonly string[] | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const s of sets ?? []) {
    const m = /^\s*([A-Za-z_][\w]*)\s*=\s*(.+?)\s*$/.exec(s);
    if (!m)
      throw badArgument(
        "--set",
        `"${s}" is not id=value.`,
        "e.g. --set kon_IL6_IL6R=0.4 or --set kdeg=0.2 1/h",
      );
    const n = Number(m[2]);
    out[m[1]] = Number.isFinite(n) && /^[-+.\deE]+$/.test(m[2]) ? n : m[2];
  }
  return out;
}

/** "168h" -> "168 h" (a unit written straight after the number); a bare number stays a number. */
export function spacedQuantity(s: string): string | number {
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S.*?)?\s*$/.exec(s);
  if (!m) return s.trim();
  return m[2] === undefined ? Number(m[1]) : `${m[1]} ${m[2]}`;
}
