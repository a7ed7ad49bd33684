import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/support/globalSetup.ts"],
    reporters: ["default", "./test/support/summary-reporter.ts"],
    // The CLI tests start the embedded database once per command through tsx: several commands in one test
    // take over a minute when the machine is busy with the other files.
    testTimeout: 150_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
