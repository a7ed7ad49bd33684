/** What the lead memory costs a verdict on PostgreSQL: `npm run bench:memory` (BENCH_DATABASE_URL, default the
 * machine's server). Builds a workspace with BENCH_CHECKS checks (default 1,000,000) over 90 days: 20,000
 * companies (a few large, most small), a person key per check from 400,000 people, a tenth with an outcome; then
 * times the history lookup (the one query a verdict waits on; tables vacuumed and analysed, as autovacuum leaves them) for 2,000 leads: known people, known companies,
 * the largest company, and strangers. Reports p50 and p99. */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase } from "../src/store/database.js";

const CHECKS = Number(process.env.BENCH_CHECKS ?? 1_000_000);
const URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const LOOKUPS = 2_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function main(): Promise<void> {
  const name = `lead_triage_memory_${Date.now()}`;
  const admin = new pg.Client({ connectionString: URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new globalThis.URL(URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: "" });
  try {
    const ws = "TBENCH";
    await db.store.workspaces.settings(ws);
    let start = performance.now();
    // Company sizes follow a power law (company 1 is the largest); people are hashes, as the app keeps them.
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "Check" ("id", "workspaceId", "inputKind", "userId", "channelId", "messageTs", "facts", "decision",
        "risk", "matchedRules", "missing", "ruleSetVersion", "personKey", "companyKey", "createdAt")
      SELECT gen_random_uuid(), '${ws}', 'command', 'U0REP' || (i % 40), 'C0SALES', (1700000000 + i) || '.000100',
        '{}'::jsonb, (ARRAY['pass','review','reject'])[1 + i % 3], (i % 100), '{}', '{}', 1,
        md5('person' || (i % 400000)),
        'd:company' || floor(pow(random(), 3) * 20000)::int || '.com',
        now() - (random() * interval '90 days')
      FROM generate_series(1, ${CHECKS}) AS i`);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "Outcome" ("id", "checkId", "kind", "reason", "userId", "isCurrent", "createdAt")
      SELECT gen_random_uuid(), "id", (ARRAY['won','lost','disqualified'])[1 + (abs(hashtext("id"::text)) % 3)],
        'no_budget', 'U0REP1', true, "createdAt" + interval '3 days'
      FROM "Check" TABLESAMPLE BERNOULLI (10)`);
    // What autovacuum does after a bulk insert (PostgreSQL 13+ vacuums on inserts too): statistics, and a
    // visibility map, so counting a company's checks reads the index alone.
    await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE "Check"`);
    await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE "Outcome"`);
    console.log(
      `built ${CHECKS.toLocaleString("en")} checks with outcomes in ${((performance.now() - start) / 1000).toFixed(0)} s`,
    );

    const kinds: Record<string, () => [string | undefined, string | undefined]> = {
      "known person and company": () => [
        `${Math.floor(Math.random() * 400000)}`,
        `${Math.floor(Math.random() * 20000)}`,
      ],
      "the largest company": () => [undefined, "0"],
      strangers: () => [
        `stranger${randomBytes(4).toString("hex")}`,
        `stranger${randomBytes(4).toString("hex")}`,
      ],
    };
    const md5 = async (s: string) =>
      (await db.prisma.$queryRawUnsafe<{ h: string }[]>(`SELECT md5($1) AS h`, s))[0]?.h as string;
    for (const [kind, pick] of Object.entries(kinds)) {
      const times: number[] = [];
      for (let i = 0; i < LOOKUPS; i++) {
        const [person, company] = pick();
        const personKey = person === undefined ? undefined : await md5(`person${person}`);
        const companyKey = company === undefined ? undefined : `d:company${company}.com`;
        start = performance.now();
        await db.store.memory.prior(ws, personKey, companyKey);
        times.push(performance.now() - start);
      }
      console.log(
        `history lookup, ${kind}: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms (${LOOKUPS} lookups)`,
      );
    }
    const largest = await db.prisma.check.count({ where: { workspaceId: ws, companyKey: "d:company0.com" } });
    console.log(`the largest company has ${largest.toLocaleString("en")} checks`);
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
