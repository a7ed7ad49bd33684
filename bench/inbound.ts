/** Leads flowing in and out, proven: `npm run bench:inbound`. The built app (dist/main.js, HTTP mode) on a fresh
 * PostgreSQL database (or, with INBOUND_ENGINE=pglite, the embedded one), an inbound endpoint and an outbound URL
 * set up as an admin would; then a web form's burst: INBOUND_LEADS (500) signed leads over INBOUND_SECONDS (10),
 * each sent like a form backend would (an Idempotency-Key; on 429 wait Retry-After, on a refused connection
 * wait a second, then send again with the same key). Halfway through, the app is killed with SIGKILL and started
 * again. The report: accept (202) times, every lead posted exactly once, none lost, and every verdict's event
 * delivered to the outbound receiver once, with its delay from the lead's 202. */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createOutcomeServices } from "../src/services/appServices.js";
import { InboundService } from "../src/services/inbound/endpoints.js";
import { signedHeaders } from "../src/services/inbound/signatures.js";
import { RuleBook } from "../src/services/ruleBook.js";
import { loadRuleFile } from "../src/services/ruleFiles.js";
import { openDatabase } from "../src/store/database.js";
import { freePort, percentile, startApp, startFakeSlack } from "./processes.js";
import { syntheticTexts } from "./synthetic.js";

const LEADS = Number(process.env.INBOUND_LEADS ?? 500);
const SECONDS = Number(process.env.INBOUND_SECONDS ?? 10);
const ENGINE = process.env.INBOUND_ENGINE === "pglite" ? "pglite" : "postgres";
/** INBOUND_KILL=0: no crash mid-burst (the steady state's accept times). */
const KILL = process.env.INBOUND_KILL !== "0";
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TEAM = "T0BENCH001";
const CHANNEL = "C0BENCH001";

/** A fresh database for the run: a PostgreSQL database of its own, or an empty data directory. */
async function freshStorage(): Promise<{ env: Record<string, string>; url?: string; drop(): Promise<void> }> {
  if (ENGINE === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "lead-triage-inbound-"));
    return { env: { DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `bench_inbound_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The outbound receiver: when each event arrived, by the check it tells of. */
async function startReceiver() {
  const arrivals = new Map<string, number[]>();
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { check: { id: string } };
      arrivals.set(body.check.id, [...(arrivals.get(body.check.id) ?? []), performance.now()]);
      res.end("ok");
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${port}/crm`, arrivals, stop: () => new Promise((r) => server.close(r)) };
}

async function main(): Promise<void> {
  const fake = startFakeSlack();
  const slackUrl = await fake.ready;
  const storage = await freshStorage();
  const receiver = await startReceiver();
  const port = await freePort();
  const env = {
    ...storage.env,
    SLACK_BOT_TOKEN: "xoxb-bench-inbound",
    SLACK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef",
    SLACK_API_URL: `${slackUrl}/api/`,
    INBOUND_RATE_LIMIT: "100",
    OUTBOUND_ALLOW_PRIVATE_URLS: "true",
    // startApp waits for the "running" line, an info line.
    LOG_LEVEL: "info",
  };
  // Set up as an admin would, before the app starts (the embedded database is one process's at a time).
  const db = await openDatabase(
    storage.url
      ? { databaseUrl: storage.url, dataDir: "" }
      : { databaseUrl: undefined, dataDir: storage.env.DATA_DIR as string },
    { command: "bench:inbound setup" },
  );
  const { id, secret } = await new InboundService(db.store).setup(TEAM, CHANNEL, "U0BENCHAD1");
  await createOutcomeServices(db.store, new RuleBook(db.store.ruleSets, await loadRuleFile()), {
    allowPrivateOutboundUrls: true,
  }).outbound.set(TEAM, receiver.url, "U0BENCHAD1", { includeText: false });
  await db.close();

  const errors: string[] = [];
  let app: ChildProcess = await startApp(port, env, (m) => errors.push(m));
  const texts = syntheticTexts(LEADS, 7);
  const accepted = new Map<number, { leadId: string; at: number }>();
  const acceptMs: number[] = [];
  const acceptAt: [number, number][] = [];
  let refusedConnections = 0;
  let limited = 0;
  let duplicates = 0;

  const sendOne = async (i: number): Promise<void> => {
    const body = JSON.stringify({ message: texts[i], source: "bench form" });
    for (;;) {
      const t = performance.now();
      try {
        const res = await fetch(`http://127.0.0.1:${port}/leads/${id}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": `bench-${i}`,
            ...signedHeaders(secret, body),
          },
          body,
        });
        const answer = (await res.json()) as { id?: string };
        if (res.status === 202 || res.status === 200) {
          if (res.status === 200) duplicates++;
          else {
            acceptMs.push(performance.now() - t);
            acceptAt.push([i, performance.now() - t]);
          }
          accepted.set(i, { leadId: String(answer.id), at: performance.now() });
          return;
        }
        if (res.status === 429) {
          limited++;
          await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 1) * 1000));
          continue;
        }
        throw new Error(`lead ${i}: HTTP ${res.status} ${JSON.stringify(answer)}`);
      } catch (e) {
        if ((e as Error).message.startsWith("lead ")) throw e;
        refusedConnections++;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  };

  const started = performance.now();
  const sends: Promise<void>[] = [];
  let killed = false;
  for (let i = 0; i < LEADS; i++) {
    const due = started + (i * SECONDS * 1000) / LEADS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (KILL && !killed && i === Math.floor(LEADS / 2)) {
      killed = true;
      // Mid-burst: the instance dies with leads accepted and not yet posted; it is started again at once.
      app.kill("SIGKILL");
      void startApp(port, env, (m) => errors.push(m)).then((child) => {
        app = child;
      });
    }
    sends.push(sendOne(i));
  }
  await Promise.all(sends);
  const sentIn = (performance.now() - started) / 1000;

  // Everything accepted is posted (claims of the killed instance lapse after their 60 s lease).
  const deadline = Date.now() + 120_000;
  let posts = 0;
  for (;;) {
    posts = (await fake.calls("chat.postMessage")).filter((c) => c.channel === CHANNEL).length;
    const delivered = [...accepted.values()].filter((a) => receiver.arrivals.has(a.leadId)).length;
    if ((posts >= LEADS && delivered >= LEADS) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await new Promise((r) => setTimeout(r, 2_000));
  posts = (await fake.calls("chat.postMessage")).filter((c) => c.channel === CHANNEL).length;
  const leadIds = new Set([...accepted.values()].map((a) => a.leadId));
  const eventDelays = [...accepted.values()]
    .map((a) => (receiver.arrivals.get(a.leadId)?.[0] ?? Number.NaN) - a.at)
    .filter((ms) => Number.isFinite(ms));
  const deliveredTwice = [...receiver.arrivals.values()].filter((a) => a.length > 1).length;

  const report = {
    engine: ENGINE,
    killedMidBurst: KILL,
    leads: LEADS,
    sentInSeconds: Number(sentIn.toFixed(1)),
    accepted: leadIds.size,
    acceptP50ms: Number(percentile(acceptMs, 50).toFixed(1)),
    acceptP99ms: Number(percentile(acceptMs, 99).toFixed(1)),
    acceptMaxMs: Number(Math.max(...acceptMs).toFixed(1)),
    retriedByTheSender: { refusedConnections, limited, duplicatesAnswered200: duplicates },
    verdictsPosted: posts,
    postedExactlyOnce: posts === leadIds.size,
    outboundDelivered: [...leadIds].filter((lead) => receiver.arrivals.has(lead)).length,
    outboundDeliveredTwice: deliveredTwice,
    outboundDelayP50ms: Number(percentile(eventDelays, 50).toFixed(0)),
    outboundDelayP99ms: Number(percentile(eventDelays, 99).toFixed(0)),
    slowestAccepts: acceptAt
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([i, ms]) => `#${i}: ${ms.toFixed(0)} ms`),
    appErrors: errors.slice(0, 5),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  app.kill("SIGTERM");
  await new Promise((r) => app.once("exit", r));
  fake.stop();
  await receiver.stop();
  await storage.drop();
}

await main().catch((e: unknown) => {
  process.stderr.write(`bench:inbound failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
