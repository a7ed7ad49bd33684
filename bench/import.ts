/** CRM history import benchmark: `npm run bench:import`. Writes a synthetic Salesforce-shaped export of
 * BENCH_ROWS rows (default 100,000), then runs the built CLI (`dist/cli.js outcomes import`) on a fresh
 * embedded database under /usr/bin/time for wall time and peak memory. */
import { execFileSync, spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { syntheticTexts } from "./synthetic.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const STATUSES = ["Closed Won", "Closed Lost", "Unqualified", "Working - Contacted", "Closed - Converted"];
const REASONS = ["No budget", "Went with a competitor", "Too expensive", "Student", "Bad timing", ""];

async function writeExport(path: string): Promise<void> {
  const out = createWriteStream(path);
  const texts = syntheticTexts(1_000).map((t) => t.replace(/["\n\r]/g, " ").slice(0, 200));
  out.write("Id,Description,Status,Closed_Lost_Reason__c,CreatedDate\n");
  for (let i = 0; i < ROWS; i++) {
    const row = `00Q${String(i).padStart(15, "0")},"${texts[i % texts.length]}",${STATUSES[i % STATUSES.length]},${REASONS[i % REASONS.length]},2026-0${1 + (i % 9)}-1${i % 10}T10:00:00Z\n`;
    if (!out.write(row)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lt-import-"));
  const file = join(dir, "leads.csv");
  await writeExport(file);
  const cli = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
  const env = { ...process.env, DATA_DIR: join(dir, "data"), DATABASE_URL: "" };
  // First start of the embedded database (initdb) is measured apart from the import.
  execFileSync(process.execPath, [cli, "migrate"], { env });
  const started = performance.now();
  const run = spawnSync(
    "/usr/bin/time",
    ["-f", "peak_rss_kb=%M", process.execPath, cli, "outcomes", "import", file, "--json"],
    { env, encoding: "utf8", maxBuffer: 64 << 20 },
  );
  const seconds = (performance.now() - started) / 1000;
  const peak = Number(/peak_rss_kb=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
  const summary = JSON.parse(run.stdout) as { imported: number; newChecks: number };
  console.log(`engine: pglite, rows: ${ROWS}, exit ${run.status}`);
  console.log(`imported ${summary.imported} (${summary.newChecks} new checks)`);
  console.log(
    `import: ${seconds.toFixed(1)} s, ${(ROWS / seconds).toFixed(0)} rows/s, peak RSS ${peak.toFixed(0)} MB`,
  );
}

await main();
