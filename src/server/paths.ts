/** Where the package is installed: its version, and the built web app (web-dist/) it serves. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding il6sim's package.json (from src/ or from dist/src/). */
export function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === "il6sim") return dir;
    } catch {
      // keep looking upward
    }
    dir = dirname(dir);
  }
  return undefined;
}

export function packageVersion(): string {
  const root = packageRoot();
  if (!root) return "unknown";
  try {
    return (
      (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: string }).version ??
      "unknown"
    );
  } catch {
    return "unknown";
  }
}

/** The built browser app, if `npm run build` made it. */
export function webDist(): string | undefined {
  const root = packageRoot();
  const dir = root ? join(root, "web-dist") : undefined;
  return dir && existsSync(join(dir, "index.html")) ? dir : undefined;
}
