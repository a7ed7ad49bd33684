import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readMigrations } from "../../src/store/migrate.js";

const run = promisify(execFile);

/** The installed CLI (dist/, built by `npm install`'s prepare step, as a user runs it). */
describe("the very first run", () => {
  it("starts the embedded database from the install-time template: no initdb, every migration already in, no half copy left", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "lt-first-")), "data");
    const env = { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir };
    // A copy of the template left by a run killed mid-copy is cleared, never opened.
    mkdirSync(join(dataDir, "pgdata.partial-99999", "base"), { recursive: true });
    const check = await run(
      process.execPath,
      ["dist/cli.js", "check", "--json", "Jane, student at MIT, jane@gmail.com"],
      { env },
    );
    expect(JSON.parse(check.stdout)).toMatchObject({
      decision: expect.any(String),
      checkId: expect.any(String),
    });
    expect(readdirSync(dataDir).filter((name) => name.includes("partial"))).toEqual([]);
    const migrate = await run(process.execPath, ["dist/cli.js", "migrate"], { env });
    const count = (await readMigrations()).length;
    expect(migrate.stdout).toContain(`up to date (${count} already applied)`);
  });
});
