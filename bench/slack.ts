/** Slack app benchmark: `npm run bench:slack`. Signed /triage requests from autocannon against the running
 * app (HTTP receiver, embedded database on disk, fake Slack Web API on 127.0.0.1), 50 connections.
 * Reports ack latency (the HTTP response) and the time from request to verdict post. */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { SignedSlack } from "../test/support/signedSlack.js";
import { syntheticTexts } from "./synthetic.js";

const SECRET = "0123456789abcdef0123456789abcdef";
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
/** Seconds of the same load before the measured run (start-up, JIT, the first workspace's rule set), so the
 * figures describe the steady state; 0 measures from a cold start. */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = 50;
/** BENCH_RATE caps the offered load (requests/s over all connections); unset, each connection sends as fast
 * as acks return (a closed loop that offers more than the verdict pipeline can take). */
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;

/** Starts the real app (the built dist/main.js) in its own process, as `npm start` does, so the load
 * generator and the fake Slack API in this process do not share its event loop. */
async function startApp(
  fakeUrl: string,
  databaseUrl: string | undefined,
): Promise<{ port: number; child: ChildProcess; log: string[] }> {
  // BENCH_APP_FLAGS: extra node flags for the app, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const flags = (process.env.BENCH_APP_FLAGS ?? "").split(" ").filter(Boolean);
  const child = spawn(
    process.execPath,
    // The installed build (dist/, with its database template), as `npm start` runs it; BENCH_APP names
    // another build's main.js (to compare against an earlier commit).
    [...flags, process.env.BENCH_APP ?? fileURLToPath(new URL("../../../dist/main.js", import.meta.url))],
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
  // The app's own log: each request's handling time and each verdict's time to post, measured inside the
  // app, free of the load generator's delays (autocannon shares this process with the fake Slack API).
  const log: string[] = [];
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const lines = (partial + String(chunk)).split("\n");
    partial = lines.pop() ?? "";
    log.push(...lines);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const poll = setInterval(() => {
      const line = log.find((l) => l.includes('"msg":"Lead Triage is running"'));
      const m = line ? /"port":(\d+)/.exec(line) : null;
      if (m) {
        clearInterval(poll);
        resolve(Number(m[1]));
      }
    }, 20);
    child.on("exit", (code) => {
      clearInterval(poll);
      reject(new Error(`app exited with ${code}`));
    });
  });
  return { port, child, log };
}

/** The fake Slack Web API, in its own process (bench/fakeSlackProcess.ts). */
async function startFakeSlack() {
  const child = fork(fileURLToPath(new URL("./fakeSlackProcess.js", import.meta.url)), [], {
    stdio: "inherit",
  });
  const next = <T>() => new Promise<T>((resolve) => child.once("message", (m) => resolve(m as T)));
  const { url } = await next<{ url: string }>();
  return {
    url,
    responseUrl: (id: string) => `${url}/respond/${id}`,
    posts: async (from = 0) => {
      const answer = next<{ posts: { channel: string; at: number }[] }>();
      child.send({ type: "posts", from });
      return (await answer).posts;
    },
    stop: () => child.send({ type: "stop" }),
  };
}

/** The app process's resident memory now and at its peak (VmRSS, VmHWM from /proc; Linux). */
function appMemory(pid: number | undefined): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

/** CPU seconds the app process has used (user + system, all threads), from /proc (Linux). */
function appCpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const mb = (m: { rssMb: number; peakMb: number } | undefined, key: "rssMb" | "peakMb") =>
  m ? `${m[key].toFixed(0)} MB` : "n/a";

async function main(): Promise<void> {
  const fake = await startFakeSlack();
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
  const { port, child, log } = await startApp(fake.url, databaseUrl);
  console.log(`engine: ${databaseUrl ? "postgres" : "pglite"}, offered rate: ${RATE ?? "unlimited"}`);
  // Idle: started, database open, no request yet (a few seconds for start-up garbage to be collected).
  await new Promise((r) => setTimeout(r, 5000));
  console.log(`app memory idle: RSS ${mb(appMemory(child.pid), "rssMb")}`);
  const signer = new SignedSlack(`http://127.0.0.1:${port}`, SECRET);
  const texts = syntheticTexts(1000);
  const sentAt = new Map<string, number>();
  let n = 0;

  const load = (duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}/slack/events`,
      connections: CONNECTIONS,
      duration,
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
  const settle = async () => {
    for (let last = -1; (await fake.posts()).length !== last; ) {
      last = (await fake.posts()).length;
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  if (WARMUP > 0) {
    await load(WARMUP);
    await settle();
    sentAt.clear();
  }
  const warmPosts = (await fake.posts()).length;
  const measuredFrom = Date.now();
  const cpuBefore = appCpuSeconds(child.pid);
  const result = await load(DURATION);
  await settle();
  const cpuUsed = appCpuSeconds(child.pid) - cpuBefore;
  const posts = await fake.posts(warmPosts);
  const delays = posts.map((p) => p.at - (sentAt.get(p.channel) ?? p.at)).sort((a, b) => a - b);
  const pct = (q: number) => delays[Math.min(delays.length - 1, Math.floor(delays.length * q))] ?? 0;
  const first = Math.min(...sentAt.values());
  const last = Math.max(...posts.map((p) => p.at));
  console.log(
    `requests: ${result.requests.total} in ${DURATION} s at ${CONNECTIONS} connections (after ${WARMUP} s warm-up), non-2xx: ${result.non2xx}, errors: ${result.errors}`,
  );
  console.log(`ack throughput: ${result.requests.average.toFixed(0)} req/s (mean)`);
  console.log(
    `ack latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  );
  console.log(
    `verdicts posted: ${posts.length}, ${((posts.length / (last - first)) * 1000).toFixed(0)} verdicts/s over the run`,
  );
  console.log(`request -> verdict post: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
  const lost = sentAt.size - posts.length;
  console.log(`requests without a posted verdict: ${lost} of ${sentAt.size}`);
  console.log(
    `app CPU over the measured run: ${cpuUsed.toFixed(1)} s (${((cpuUsed / Math.max(1, posts.length)) * 1000).toFixed(2)} ms per verdict)`,
  );
  console.log(`app memory: peak RSS ${mb(appMemory(child.pid), "peakMb")} (start-up included)`);
  const entries = log
    .map((line) => {
      try {
        return JSON.parse(line) as { time: number; msg: string; path?: string; ms?: number };
      } catch {
        return undefined;
      }
    })
    .filter((e) => e !== undefined && e.time >= measuredFrom);
  const dist = (values: number[]) => {
    const sorted = values.sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
    return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${sorted[sorted.length - 1] ?? 0} ms`;
  };
  console.log(
    `in the app: ack ${dist(entries.filter((e) => e?.msg === "request" && e.path === "/slack/events").map((e) => e?.ms ?? 0))}`,
  );
  console.log(
    `in the app: request -> verdict posted ${dist(entries.filter((e) => e?.msg === "verdict delivered").map((e) => e?.ms ?? 0))}`,
  );
  child.kill("SIGTERM");
  fake.stop();
}

await main();
