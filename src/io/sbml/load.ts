/**
 * Reading an SBML file from disk (the one place in io/sbml that touches the file system, with
 * the suite runner): external comp model files are resolved relative to it.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { issue } from "../../core/issues.js";
import { importSbml, type SbmlImportOptions, type SbmlImportResult } from "./import.js";

export function loadSbmlFile(
  path: string,
  options: Omit<SbmlImportOptions, "file" | "resolve"> = {},
): SbmlImportResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    return {
      ok: false,
      issues: [
        issue(
          "file-not-readable",
          path,
          `Cannot read the SBML file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
          { hint: "Check the path." },
        ),
      ],
      warnings: [],
    };
  }
  const dir = dirname(resolve(path));
  return importSbml(text, {
    ...options,
    file: basename(path),
    resolve: (source) => {
      const p = resolve(dir, source);
      return existsSync(p) ? readFileSync(p, "utf8") : undefined;
    },
  });
}
