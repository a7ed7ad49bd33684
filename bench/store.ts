/** Storage benchmarks: `npm run bench:store` (PostgreSQL too when BENCH_DATABASE_URL is set).
 * Measures the embedded database's start-up and the time to keep one check, on each engine. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { parseLead } from "../src/domain/lead/parse.js";
import { compileRuleSet } from "../src/domain/personas/compile.js";
import { checkRecord } from "../src/services/recordTriage.js";
import { loadRuleFile } from "../src/services/ruleFiles.js";
import { recordCheck } from "../src/store/checks.js";
import { type Database, openDatabase } from "../src/store/database.js";
import { workspaceSettings } from "../src/store/workspaces.js";
import { syntheticTexts } from "./synthetic.js";

const CHECKS = 500;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timeChecks(db: Database, label: string): Promise<void> {
  const rules = compileRuleSet(await loadRuleFile("personas/default.yml"));
  await workspaceSettings(db.prisma, "bench");
  const leads = syntheticTexts(CHECKS).map((t) => parseLead(t));
  const times: number[] = [];
  for (const lead of leads) {
    const start = performance.now();
    // What the CLI does per check: read the workspace's retention, insert the check.
    const { retentionDays } = await workspaceSettings(db.prisma, "bench");
    await recordCheck(
      db.prisma,
      checkRecord({ workspaceId: "bench", inputKind: "cli" }, lead, rules.evaluate(lead), retentionDays),
    );
    times.push(performance.now() - start);
  }
  const total = times.reduce((a, b) => a + b, 0);
  console.log(
    `${label}: keep one check median ${median(times).toFixed(2)} ms, p99 ${[...times].sort((a, b) => a - b)[Math.floor(CHECKS * 0.99)]?.toFixed(2)} ms, ${Math.round((CHECKS / total) * 1000)} checks/s sequential (${CHECKS} checks)`,
  );
}

async function main(): Promise<void> {
  const dataDir = join(mkdtempSync(join(tmpdir(), "lead-triage-bench-")), "data");
  let start = performance.now();
  let db = await openDatabase({ databaseUrl: undefined, dataDir });
  console.log(`PGlite first start (initdb + migrations): ${(performance.now() - start).toFixed(0)} ms`);
  await db.close();
  const reopen: number[] = [];
  for (let i = 0; i < 3; i++) {
    start = performance.now();
    db = await openDatabase({ databaseUrl: undefined, dataDir });
    reopen.push(performance.now() - start);
    if (i < 2) await db.close();
  }
  console.log(`PGlite start of an existing database: median ${median(reopen).toFixed(0)} ms (3 runs)`);
  await timeChecks(db, "PGlite");
  await db.close();

  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const name = `lead_triage_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    start = performance.now();
    const server = await openDatabase({ databaseUrl: target.toString(), dataDir: "" });
    console.log(`PostgreSQL connect + migrations: ${(performance.now() - start).toFixed(0)} ms`);
    await timeChecks(server, "PostgreSQL");
    await server.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
