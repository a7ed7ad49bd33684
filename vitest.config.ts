import { defineConfig } from "vitest/config";

/** Files whose assertions measure time (parse budgets, ack percentiles, the event loop's lag, retry windows, a
 * rate limit that a slowed burst never reaches):
 * they run after the rest, one at a time, so another file's CPU never counts against their budgets. */
const TIMED = [
  "test/domain/adversarial.test.ts",
  "test/domain/outcomes.test.ts",
  "test/store/embeddedThread.test.ts",
  "test/slack/inbound.e2e.test.ts",
  "test/reliability/**/*.test.ts",
];

export default defineConfig({
  test: {
    globalSetup: ["./test/support/globalSetup.ts"],
    reporters: ["default", "./test/support/summary-reporter.ts"],
    // The CLI tests start the built CLI, and with it the embedded database, once per command: several commands
    // in one test take over a minute when the machine is busy with the other files.
    testTimeout: 150_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["test/**/*.test.ts"],
          exclude: TIMED,
          // Two files at a time: most wait on child processes, databases and timers rather than on a core
          // (measured on 2 cores: 466 s against 666 s one at a time; vitest's default there is one).
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "timed",
          include: TIMED,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
