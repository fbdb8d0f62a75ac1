import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
    // the CLI tests spawn the built CLI; this builds dist/ once when it is older than src/;
    // scratch files of the whole run live in one temporary folder, removed at the end
    globalSetup: ["test/scratch-setup.ts", "test/cli/global-setup.ts"],
  },
});
