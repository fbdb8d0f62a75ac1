/**
 * Where output goes: stdout (only what was asked for), or a file written atomically (a
 * temporary file in the same folder, renamed into place), so a failure never leaves half a file.
 */
import { randomBytes } from "node:crypto";
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { badArgument } from "./errors.js";

export function atomicWrite(path: string, data: string | Uint8Array): void {
  const abs = resolve(path);
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, abs);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw badArgument(path, `Cannot write "${path}": ${(err as Error).message}.`);
  }
}

/** Check before any work that a file can be created there and has an allowed extension. */
export function checkTarget(path: string, option: string, extensions?: readonly string[]): void {
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw badArgument(option, `Cannot write "${path}": the folder "${dirname(path)}" does not exist.`);
  if (existsSync(path) && statSync(path).isDirectory()) throw badArgument(option, `"${path}" is a folder.`);
  const ext = extname(path).toLowerCase();
  if (extensions && !extensions.includes(ext))
    throw badArgument(option, `"${path}" must end in ${extensions.join(" or ")}.`);
}

/** Print to stdout, or write the file given with --out (and say so on stderr). */
export function emit(text: string, out?: string): void {
  if (out) {
    atomicWrite(out, text);
    process.stderr.write(`il6sim: wrote ${out}\n`);
  } else process.stdout.write(text);
}
