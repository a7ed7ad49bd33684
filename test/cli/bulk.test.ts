import { execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { EXIT_USAGE } from "../../src/domain/errors.js";
import { compileRuleSet } from "../../src/domain/personas/compile.js";
import type { RuleSet } from "../../src/domain/personas/schema.js";
import { triageRows } from "../../src/services/bulkTriage.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";

const run = promisify(execFile);
const TITLES = ["VP Sales", "Student", "Head of Operations", "Founder", "Procurement Officer", "CTO"];

function writeLeads(path: string, rows: number): void {
  const lines = ["First Name,Last Name,Title,Company,Email,Number of Employees,Country,Description"];
  for (let i = 0; i < rows; i++)
    lines.push(
      `Sam,Lead${i},${TITLES[i % TITLES.length]},Company ${i % 97},sam${i}@example${i % 13}.com,${[3, 40, 250, 12000][i % 4]},${["US", "Germany", "UK"][i % 3]},"Wants a demo, lead ${i}"`,
    );
  writeFileSync(path, `${lines.join("\n")}\n`);
}

/** The CLI as users run it, built from these sources by the suites' global set-up. */
const CLI = ["dist/cli.js"];

describe("lead-triage check --file, kept", () => {
  it("leaves a usable database when killed midway, and --resume keeps each row exactly once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lt-bulk-"));
    const file = join(dir, "leads.csv");
    const rows = 6_000;
    writeLeads(file, rows);
    const env = { ...process.env, DATABASE_URL: "", DATA_DIR: join(dir, "data") };
    // Killed (no chance to flush) once half the file's verdicts are out.
    const child = spawn(process.execPath, [...CLI, "check", "--file", file, "--resume"], { env });
    let lines = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        lines += chunk.toString("utf8").split("\n").length - 1;
        if (lines >= rows / 2 && child.exitCode === null) child.kill("SIGKILL");
      });
      child.on("exit", () => resolve());
    });
    expect(lines).toBeLessThan(rows);
    const resumed = await run(process.execPath, [...CLI, "check", "--file", file, "--resume"], {
      env,
      maxBuffer: 64 << 20,
    });
    expect(resumed.stderr).toMatch(/triaged 6000 lead\(s\).*, \d+ already kept by an earlier run/);
    const stats = await run(process.execPath, [...CLI, "stats", "--json"], { env });
    expect(JSON.parse(stats.stdout).total).toBe(rows);
  });
});

/** Threads load the built modules: dist/, built from the sources by the suites' global set-up. */

describe("check --file on worker threads (the built CLI)", () => {
  const cli = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
    run(process.execPath, ["dist/cli.js", ...args], { env, maxBuffer: 64 << 20 });

  it("writes the verdicts the main thread writes, and keeps every row once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lt-threads-"));
    const file = join(dir, "leads.csv");
    writeLeads(file, 3_000);
    const main = await cli(["check", "--no-save", "--threads", "0", "--file", file]);
    const threaded = await cli(["check", "--no-save", "--threads", "2", "--file", file]);
    expect(threaded.stdout).toBe(main.stdout);
    expect(threaded.stdout.trim().split("\n")).toHaveLength(3_001);

    const env = { ...process.env, DATABASE_URL: "", DATA_DIR: join(dir, "data") };
    const kept = await cli(
      ["check", "--threads", "2", "--resume", "--file", file, "--out", join(dir, "out.csv")],
      env,
    );
    expect(kept.stderr).toMatch(/^triaged 3000 lead\(s\) \(/);
    const again = await cli(
      ["check", "--threads", "2", "--resume", "--file", file, "--out", join(dir, "out.csv")],
      env,
    );
    expect(again.stderr).toContain("3000 already kept by an earlier run");
    const stats = await cli(["stats", "--json"], env);
    expect(JSON.parse(stats.stdout).total).toBe(3_000);
  });

  it("refuses a --threads that is not a count, in one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lt-threads-"));
    writeLeads(join(dir, "leads.csv"), 2);
    const refused = await cli([
      "check",
      "--no-save",
      "--threads",
      "many",
      "--file",
      join(dir, "leads.csv"),
    ]).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused?.code).toBe(EXIT_USAGE);
    expect(refused?.stderr.trim()).toBe(
      "lead-triage: --threads takes a whole number from 0 (none) to 64, e.g. --threads 2",
    );
  });

  it("fails every later batch once a thread has stopped, instead of waiting on it", async () => {
    const { RowTriagePool } = (await import(
      pathToFileURL(resolve("dist/services/rowTriagePool.js")).href
    )) as typeof import("../../src/services/rowTriagePool.js");
    const pool = new RowTriagePool(1);
    try {
      // Rules that do not compile throw in the thread, which stops it.
      pool.configure({} as RuleSet, {
        where: { workspaceId: "W", inputKind: "csv" },
        retentionDays: 30,
        keep: false,
      });
      await expect(pool.triage(["VP Sales at Acme"])).rejects.toThrow(/^a triage thread (stopped|exited)/);
      await expect(pool.triage(["VP Sales at Acme"])).rejects.toThrow(/^a triage thread (stopped|exited)/);
    } finally {
      await pool.close();
    }
  });

  it("fails a batch it cannot triage with the reason, and every batch in flight when closed", async () => {
    const { RowTriagePool } = (await import(
      pathToFileURL(resolve("dist/services/rowTriagePool.js")).href
    )) as typeof import("../../src/services/rowTriagePool.js");
    const pool = new RowTriagePool(1);
    try {
      // No rules yet: the thread answers with why.
      await expect(pool.triage(["VP Sales at Acme"])).rejects.toThrow(
        "a triage thread failed: rows sent before the rules",
      );
      const rules = compileRuleSet(await loadRuleFile());
      const setup = { where: { workspaceId: "W", inputKind: "csv" as const }, retentionDays: 30, keep: true };
      pool.configure(rules.ruleSet, setup);
      const texts = ["Jane, student at MIT, jane@gmail.com", ""];
      const [row, empty] = await pool.triage(texts);
      const [expected, refused] = triageRows(texts, rules, setup);
      expect(row && "verdict" in row && row.verdict).toEqual(
        expected && "verdict" in expected && expected.verdict,
      );
      expect(row && "record" in row && row.record?.retainUntil).toBeInstanceOf(Date);
      expect(empty).toEqual(refused);
      const pending = expect(pool.triage(["VP Sales at Acme"])).rejects.toThrow(
        "the triage threads were closed",
      );
      await pool.close();
      await pending;
    } finally {
      await pool.close();
    }
  });
});
