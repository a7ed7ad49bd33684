/** Bulk `check --file` benchmark: `npm run bench:bulk`. Writes a CRM-shaped export of BENCH_ROWS rows (default
 * 20,000), then runs the built CLI on it under /usr/bin/time, BENCH_RUNS times each (default 3): without saving,
 * saving to a fresh embedded database, and saving to a fresh PostgreSQL database (BENCH_DATABASE_URL, default
 * the machine's server). BENCH_ARGS: more arguments for every check (e.g. "--threads 0"). Prints the median
 * with min and max, rows/s and peak RSS. */
import { execFileSync, spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { CRM_HEADER, crmRow, rowDescriptions } from "./synthetic.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const EXTRA_ARGS = (process.env.BENCH_ARGS ?? "").split(" ").filter(Boolean);
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
async function writeExport(path: string): Promise<void> {
  const out = createWriteStream(path);
  const descriptions = rowDescriptions();
  out.write(`${CRM_HEADER.join(",")}\n`);
  for (let i = 0; i < ROWS; i++) {
    const cells = crmRow(i, descriptions);
    const row = `${CRM_HEADER.map((h) => (h === "Description" ? `"${cells[h]}"` : cells[h])).join(",")}\n`;
    if (!out.write(row)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function timed(cli: string, args: string[], env: NodeJS.ProcessEnv): { seconds: number; peakMb: number } {
  const started = performance.now();
  const run = spawnSync(
    "/usr/bin/time",
    ["-f", "peak_rss_kb=%M", process.execPath, cli, ...args, ...EXTRA_ARGS],
    {
      env,
      encoding: "utf8",
      maxBuffer: 64 << 20,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr.slice(-500)}`);
  return { seconds, peakMb: Number(/peak_rss_kb=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024 };
}

function report(label: string, runs: { seconds: number; peakMb: number }[]): void {
  const s = runs.map((r) => r.seconds);
  const m = median(s);
  console.log(
    `${label}: median ${m.toFixed(2)} s (min ${Math.min(...s).toFixed(2)}, max ${Math.max(...s).toFixed(2)}), ` +
      `${(ROWS / m).toFixed(0)} rows/s, peak RSS ${Math.max(...runs.map((r) => r.peakMb)).toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lt-bulk-"));
  const file = join(dir, "leads.csv");
  await writeExport(file);
  const cli = process.env.BENCH_CLI ?? fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
  const out = join(dir, "out.csv");
  const base = { ...process.env, DATABASE_URL: "" };
  console.log(`rows: ${ROWS}, runs: ${RUNS}, CLI: ${cli} ${EXTRA_ARGS.join(" ")}`);

  const noSave: { seconds: number; peakMb: number }[] = [];
  for (let i = 0; i < RUNS; i++)
    noSave.push(timed(cli, ["check", "--file", file, "--out", out, "--no-save"], base));
  report("check --file --no-save", noSave);

  const embedded: { seconds: number; peakMb: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const env = { ...base, DATA_DIR: join(dir, `data${i}`) };
    execFileSync(process.execPath, [cli, "migrate"], { env });
    embedded.push(timed(cli, ["check", "--file", file, "--out", out], env));
    rmSync(join(dir, `data${i}`), { recursive: true, force: true });
  }
  report("check --file, saved, embedded PGlite", embedded);

  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const server: { seconds: number; peakMb: number }[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const name = `lead_triage_bulk_${Date.now()}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new globalThis.URL(PG_URL);
      url.pathname = `/${name}`;
      const env = { ...base, DATABASE_URL: url.toString() };
      try {
        execFileSync(process.execPath, [cli, "migrate"], { env });
        server.push(timed(cli, ["check", "--file", file, "--out", out], env));
      } finally {
        await admin.query(`DROP DATABASE ${name}`);
      }
    }
  } finally {
    await admin.end();
  }
  report("check --file, saved, PostgreSQL", server);
  rmSync(dir, { recursive: true, force: true });
}

await main();
