import { execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

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

const CLI = ["--import", "tsx", "src/cli.ts"];

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
