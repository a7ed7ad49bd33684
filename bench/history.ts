/** History benchmarks on PostgreSQL: `npm run bench:history` (BENCH_DATABASE_URL, default the machine's
 * server). Builds a workspace with BENCH_CHECKS checks (default 1,000,000) over the last 90 days, a tenth of
 * them with outcomes, then times the weekly digest's numbers, refinement and a backtest (median of 3). */
import pg from "pg";
import { createOutcomeServices } from "../src/services/appServices.js";
import { RuleBook } from "../src/services/ruleBook.js";
import { loadRuleFile } from "../src/services/ruleFiles.js";
import { openDatabase } from "../src/store/database.js";

const CHECKS = Number(process.env.BENCH_CHECKS ?? 1_000_000);
const URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timed<T>(label: string, runs: number, work: () => Promise<T>): Promise<T> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await work();
    times.push(performance.now() - start);
  }
  console.log(
    `${label}: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${runs} runs)`,
  );
  return result as T;
}

async function main(): Promise<void> {
  const name = `lead_triage_history_${Date.now()}`;
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
    // Leads spread over 90 days: industries, countries, sizes and titles vary; rules matched as the pack would.
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "Check" ("id", "workspaceId", "inputKind", "facts", "decision", "risk", "matchedRules", "missing",
        "ruleSetVersion", "rawText", "createdAt", "channelId", "messageTs")
      SELECT gen_random_uuid(), '${ws}', 'command',
        jsonb_build_object(
          'industry', (ARRAY['software','retail','education','finance','healthcare','logistics','government','manufacturing'])[1 + i % 8],
          'country', (ARRAY['US','DE','FR','GB','BR','IN'])[1 + (i / 8) % 6],
          'employees', jsonb_build_object('min', 1 + (i * 7) % 3000, 'max', 1 + (i * 7) % 3000),
          'title', (ARRAY['Head of Sales','Research Assistant','CEO','Procurement Officer','Marketing Intern','VP Operations'])[1 + (i / 3) % 6],
          'seniority', (ARRAY['director','individual','c_level','manager','intern','vp'])[1 + (i / 3) % 6]),
        (ARRAY['pass','review','reject','needs_info'])[1 + i % 4], (i * 13) % 100,
        CASE WHEN i % 5 = 0 THEN ARRAY['student-academic/student-title'] WHEN i % 7 = 0 THEN ARRAY['too-small/micro-team','bargain-hunter/wants-free'] ELSE ARRAY[]::text[] END,
        ARRAY[]::text[], 1,
        'Lead ' || i || ': ' || (ARRAY['Head of Sales','Research Assistant','CEO','Procurement Officer','Marketing Intern','VP Operations'])[1 + (i / 3) % 6] || ' at Company ' || (i % 5000) || ', ' || (1 + (i * 7) % 3000) || ' employees, ' || (ARRAY['software','retail','education','finance','healthcare','logistics','government','manufacturing'])[1 + i % 8] || ', lead' || i || '@company' || (i % 5000) || '.com',
        now() - ((i % 129600) || ' minutes')::interval, 'CSALES', (1700000000 + i) || '.000100'
      FROM generate_series(1, ${CHECKS}) AS i`);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "Outcome" ("id", "checkId", "kind", "reason", "repWords", "userId", "createdAt")
      SELECT gen_random_uuid(), c."id",
        CASE WHEN c."facts"->>'industry' = 'education' THEN 'disqualified' WHEN random() < 0.5 THEN 'won' ELSE 'lost' END,
        CASE WHEN c."facts"->>'industry' = 'education' THEN 'student_academic' ELSE 'bad_timing' END,
        'rep words', 'U1', c."createdAt" + interval '1 day'
      FROM "Check" c WHERE c."workspaceId" = '${ws}' AND random() < 0.1`);
    await db.prisma.$executeRawUnsafe(`ANALYZE`);
    const outcomes = await db.prisma.outcome.count();
    console.log(
      `setup: ${CHECKS} checks, ${outcomes} outcomes in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );

    const ruleBook = new RuleBook(db.store.ruleSets, await loadRuleFile());
    const { digests, refinement, backtests } = createOutcomeServices(db.store, ruleBook);
    await ruleBook.activeRuleSet(ws);
    await timed("digest numbers (one week of a 1M-check workspace)", 3, () => digests.data(ws, new Date()));
    await timed("refinement: suggestions from all outcomes", 3, () =>
      refinement.suggest(ws, {}, { backtest: false }),
    );
    const refined = await timed("refinement with a backtest per suggestion (one replay pass)", 3, () =>
      refinement.suggest(ws),
    );
    console.log(`  ${refined.suggestions.length} suggestion(s) from ${refined.basis.outcomes} outcomes`);
    const candidate = await loadRuleFile();
    candidate.personas[0]?.rules.splice(0, 1);
    start = performance.now();
    const [b] = await timed("backtest of one rule change over 90 days", 3, () =>
      backtests.run(ws, [candidate]),
    );
    console.log(
      `  replayed ${b?.checks} checks with outcomes (${b?.fromFactsOnly} from facts only), ${b?.changed} changed`,
    );
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
}

await main();
