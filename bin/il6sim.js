#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run automatically by `npm install`).
import("../dist/src/cli/main.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND") {
    process.stderr.write(
      "il6sim is not built yet: run `npm install` (or `npm run build`) in the package folder.\n",
    );
    process.exit(2);
  }
  throw err;
});
