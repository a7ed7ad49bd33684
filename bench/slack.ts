/** Slack app benchmark: `npm run bench:slack`. Signed /triage requests from autocannon against the running
 * app (HTTP receiver, embedded database on disk, fake Slack Web API on 127.0.0.1), 50 connections.
 * Reports ack latency (the HTTP response) and the time from request to verdict post. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { FakeSlack } from "../test/support/fakeSlack.js";
import { SignedSlack } from "../test/support/signedSlack.js";
import { syntheticTexts } from "./synthetic.js";

const SECRET = "0123456789abcdef0123456789abcdef";
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 50;
/** BENCH_RATE caps the offered load (requests/s over all connections); unset, each connection sends as fast
 * as acks return (a closed loop that offers more than the verdict pipeline can take). */
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;

/** Starts the real app (the compiled src/main.js) in its own process, as `npm start` does, so the load
 * generator and the fake Slack API in this process do not share its event loop. */
async function startApp(
  fakeUrl: string,
  databaseUrl: string | undefined,
): Promise<{ port: number; child: ChildProcess }> {
  // BENCH_APP_FLAGS: extra node flags for the app, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const flags = (process.env.BENCH_APP_FLAGS ?? "").split(" ").filter(Boolean);
  const child = spawn(
    process.execPath,
    [...flags, fileURLToPath(new URL("../src/main.js", import.meta.url))],
    {
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: "xoxb-bench",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_APP_TOKEN: "",
        SLACK_API_URL: `${fakeUrl}/api/`,
        PORT: "0",
        LOG_LEVEL: "info",
        DATABASE_URL: databaseUrl ?? "",
        DATA_DIR: join(mkdtempSync(join(tmpdir(), "lt-slack-")), "data"),
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += String(chunk);
      const m = /"port":(\d+).*"msg":"Lead Triage is running"/.exec(out);
      if (m) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`app exited with ${code}`)));
  });
  return { port, child };
}

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
  const { port, child } = await startApp(fake.url, databaseUrl);
  console.log(`engine: ${databaseUrl ? "postgres" : "pglite"}, offered rate: ${RATE ?? "unlimited"}`);
  const signer = new SignedSlack(`http://127.0.0.1:${port}`, SECRET);
  const texts = syntheticTexts(1000);
  const sentAt = new Map<string, number>();
  let n = 0;

  const result = await autocannon({
    url: `http://127.0.0.1:${port}/slack/events`,
    connections: CONNECTIONS,
    duration: DURATION,
    ...(RATE ? { overallRate: RATE } : {}),
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
  for (let last = -1; fake.callsTo("chat.postMessage").length !== last; ) {
    last = fake.callsTo("chat.postMessage").length;
    await new Promise((r) => setTimeout(r, 2000));
  }
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
  child.kill("SIGTERM");
  await fake.stop();
}

await main();
