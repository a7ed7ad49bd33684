import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/support/globalSetup.ts"],
    reporters: ["default", "./test/support/summary-reporter.ts"],
    // The CLI tests start the built CLI, and with it the embedded database, once per command: several commands
    // in one test take over a minute when the machine is busy with the other files.
    testTimeout: 150_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Files run two at a time: most wait on child processes, databases and timers rather than on a core, so
    // two workers finish the suite in well under the time of one even on a 2-core machine (vitest's default
    // on two cores is one worker).
    maxWorkers: 2,
  },
});
