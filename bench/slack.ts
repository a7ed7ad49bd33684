/** Slack app benchmark: `npm run bench:slack`. Signed /triage requests from autocannon against the running
 * app (HTTP receiver, embedded database on disk, fake Slack Web API on 127.0.0.1), 50 connections.
 * Reports ack latency (the HTTP response) and the time from request to verdict post. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { createLogger } from "../src/logger.js";
import { RuleBook } from "../src/services/ruleBook.js";
import { loadRuleFile } from "../src/services/ruleFiles.js";
import { createSlackApp } from "../src/slack/app.js";
import { WorkQueue } from "../src/slack/workQueue.js";
import { openDatabase } from "../src/store/database.js";
import { FakeSlack } from "../test/support/fakeSlack.js";
import { SignedSlack } from "../test/support/signedSlack.js";
import { syntheticTexts } from "./synthetic.js";

const SECRET = "0123456789abcdef0123456789abcdef";
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 50;

async function main(): Promise<void> {
  const fake = new FakeSlack();
  await fake.start();
  // BENCH_DATABASE_URL: a PostgreSQL server (a fresh database is created); the embedded database otherwise.
  let databaseUrl: string | undefined;
  if (process.env.BENCH_DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
    await admin.connect();
    const name = `lead_triage_bench_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.BENCH_DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const db = await openDatabase({
    databaseUrl,
    dataDir: join(mkdtempSync(join(tmpdir(), "lt-slack-")), "data"),
  });
  console.log(`engine: ${db.engine}, work concurrency: ${process.env.BENCH_CONCURRENCY ?? 4}`);
  const logger = createLogger("warn");
  const work = new WorkQueue(Number(process.env.BENCH_CONCURRENCY ?? 4));
  const slack = createSlackApp({
    config: {
      botToken: "xoxb-bench",
      signingSecret: SECRET,
      appToken: undefined,
      port: 0,
      apiUrl: `${fake.url}/api/`,
      adminUserIds: [],
      formBotChannels: [],
    },
    deps: {
      prisma: db.prisma,
      ruleBook: new RuleBook(db.prisma, await loadRuleFile("personas/default.yml")),
      logger,
      formBotChannels: [],
      work,
    },
    ping: db.ping,
  });
  const port = await slack.start();
  const signer = new SignedSlack(`http://127.0.0.1:${port}`, SECRET);
  const texts = syntheticTexts(1000);
  const sentAt = new Map<string, number>();
  let n = 0;

  const result = await autocannon({
    url: `http://127.0.0.1:${port}/slack/events`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const id = `C${n++}`;
          const body = new URLSearchParams({
            team_id: "T0001",
            channel_id: id,
            user_id: "U1",
            command: "/triage",
            text: texts[n % texts.length] as string,
            response_url: fake.responseUrl(id),
            trigger_id: "1.2.3",
          }).toString();
          const ts = Math.floor(Date.now() / 1000);
          sentAt.set(id, Date.now());
          return {
            ...req,
            body,
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              "x-slack-request-timestamp": String(ts),
              "x-slack-signature": signer.signature(ts, body),
            },
          };
        },
      },
    ],
  });
  // Let the queued verdicts land.
  await work.onIdle();
  const posts = fake.callsTo("chat.postMessage");
  const delays = posts.map((p) => p.at - (sentAt.get(String(p.body.channel)) ?? p.at)).sort((a, b) => a - b);
  const pct = (q: number) => delays[Math.min(delays.length - 1, Math.floor(delays.length * q))] ?? 0;
  const first = Math.min(...sentAt.values());
  const last = Math.max(...posts.map((p) => p.at));
  console.log(
    `requests: ${result.requests.total} in ${DURATION} s at ${CONNECTIONS} connections, non-2xx: ${result.non2xx}, errors: ${result.errors}`,
  );
  console.log(`ack throughput: ${result.requests.average.toFixed(0)} req/s (mean)`);
  console.log(
    `ack latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  );
  console.log(
    `verdicts posted: ${posts.length}, ${((posts.length / (last - first)) * 1000).toFixed(0)} verdicts/s over the run`,
  );
  console.log(`request -> verdict post: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
  await slack.stop();
  await db.close();
  await fake.stop();
}

await main();
