/** A fleet, proven: `npm run bench:fleet`. Three instances of the built app (dist/main.js, distribution mode, HTTP)
 * on one fresh PostgreSQL database; two workspaces install through the OAuth flow against the fake
 * oauth.v2.access (begun on one instance, finished on another); then FLEET_SECONDS (300) of mixed traffic at
 * FLEET_RATE (10) requests a second spread over the three ports: slash checks, mentions (a third of them
 * delivered again as Slack's retry to another instance), outcome replies in verdict threads, outcome buttons,
 * and a button that opens the reason modal then its submission; a digest falls due in each workspace; one
 * instance is killed with SIGKILL at 40% of the run and restarted 5 s later. Events that reach a dead instance
 * are retried on the next one, as Slack retries them; slash commands and clicks are not (Slack shows the user
 * an error). The report: requests, acks, verdicts posted exactly once and with the right workspace's token,
 * digests exactly once, outcomes recorded, errors, p50/p99 acks and verdict times. */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { FakeGrant } from "../test/support/fakeSlack.js";
import { SignedSlack } from "../test/support/signedSlack.js";
import { blockActionPayload } from "../test/support/slackPayloads.js";
import { freePort, percentile, startApp, startFakeSlack } from "./processes.js";
import { syntheticTexts } from "./synthetic.js";

const SECONDS = Number(process.env.FLEET_SECONDS ?? 300);
const RATE = Number(process.env.FLEET_RATE ?? 10);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SIGNING_SECRET = "0123456789abcdef0123456789abcdef";
const CLIENT_ID = "1234567890.0987654321";

interface Team {
  id: string;
  name: string;
  token: string;
  admin: string;
  rep: string;
  digestChannel: string;
}
const TEAMS: Team[] = [
  {
    id: "T0FLEETA01",
    name: "Northwind",
    token: "xoxb-fleet-a",
    admin: "U0FLADMA1",
    rep: "U0FLREPA1",
    digestChannel: "C0FLDIGA1",
  },
  {
    id: "T0FLEETB02",
    name: "Southwind",
    token: "xoxb-fleet-b",
    admin: "U0FLADMB1",
    rep: "U0FLREPB1",
    digestChannel: "C0FLDIGB1",
  },
];

type Kind = "slash" | "mention" | "retry" | "reply" | "button" | "modal-open" | "modal-submit";
interface Sent {
  kind: Kind;
  team: Team;
  instance: number;
  at: number;
  ms: number;
  status: number | "refused";
  channel?: string;
}

// ---- processes ---------------------------------------------------------------------------------------------

/** Error-level lines each instance logged (pino level 50+), by port, with their messages. */
const appErrors = new Map<number, string[]>();

function startInstance(port: number, env: Record<string, string>): Promise<ChildProcess> {
  return startApp(port, env, (message) => appErrors.set(port, [...(appErrors.get(port) ?? []), message]));
}

// ---- requests ----------------------------------------------------------------------------------------------

async function timed(
  send: () => Promise<{ status: number }>,
): Promise<{ ms: number; status: number | "refused" }> {
  const t = performance.now();
  try {
    const r = await send();
    return { ms: performance.now() - t, status: r.status };
  } catch {
    return { ms: performance.now() - t, status: "refused" };
  }
}

async function install(
  fakeGrant: (code: string, g: FakeGrant) => Promise<unknown>,
  start: number,
  finish: number,
  team: Team,
) {
  const page = await fetch(`http://127.0.0.1:${start}/slack/install`);
  const state = /state=([^&"]+)/.exec(await page.text())?.[1] ?? "";
  const cookie = /slack-app-oauth-state=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")?.[1] ?? "";
  const code = `code-${team.id}`;
  await fakeGrant(code, {
    teamId: team.id,
    teamName: team.name,
    botToken: team.token,
    botUserId: `U${team.id.slice(1)}`,
    installerUserId: team.admin,
  });
  const done = await fetch(`http://127.0.0.1:${finish}/slack/oauth_redirect?code=${code}&state=${state}`, {
    headers: { cookie: `slack-app-oauth-state=${cookie}` },
  });
  if (done.status !== 200) throw new Error(`installing ${team.id} failed: ${done.status}`);
}

async function main(): Promise<void> {
  const fake = startFakeSlack();
  const fakeUrl = await fake.ready;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const dbName = `lead_triage_fleet_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  const env = {
    SLACK_BOT_TOKEN: "",
    SLACK_APP_TOKEN: "",
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: "3f2c1a9b8e7d6c5b4a39281706f5e4d3",
    SLACK_STATE_SECRET: randomBytes(24).toString("hex"),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    SLACK_API_URL: `${fakeUrl}/api/`,
    DATABASE_URL: dbUrl.toString(),
    ADMIN_USER_IDS: TEAMS.map((t) => t.admin).join(","),
    LOG_LEVEL: "info",
  };
  const ports = [await freePort(), await freePort(), await freePort()];
  // All three start at once on an empty database: the migration lock decides who migrates.
  const instances: (ChildProcess | undefined)[] = await Promise.all(ports.map((p) => startInstance(p, env)));
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  await db.connect();
  console.log(
    `3 instances on ports ${ports.join(", ")}, PostgreSQL database ${dbName}; ${SECONDS} s at ${RATE} requests/s`,
  );

  await install(fake.grant, ports[0] as number, ports[1] as number, TEAMS[0] as Team);
  await install(fake.grant, ports[1] as number, ports[2] as number, TEAMS[1] as Team);
  console.log("installed 2 workspaces through the OAuth flow (begun on one instance, finished on another)");

  const slack = ports.map((p) => new SignedSlack(`http://127.0.0.1:${p}`, SIGNING_SECRET));
  const texts = syntheticTexts(2_000);
  const sent: Sent[] = [];
  let n = 0;
  let rr = 0;
  const nextInstance = () => rr++ % 3;
  const responseUrl = (id: string) => `${fakeUrl}/respond/${id}`;

  // A digest in each workspace, due during the run (in UTC: the fake's users.info gives no timezone).
  const due = new Date(Date.now() + Math.max(60_000, Math.min(120_000, SECONDS * 500)));
  for (const team of TEAMS) {
    const r = await slack[0]?.command({
      team_id: team.id,
      channel_id: team.digestChannel,
      user_id: team.admin,
      command: "/triage",
      text: `digest subscribe <#${team.digestChannel}|digest> ${due.getUTCMinutes()} ${due.getUTCHours()} * * *`,
      response_url: responseUrl(`digest-${team.id}`),
      trigger_id: "1.2.3",
    });
    if (r?.status !== 200) throw new Error("digest subscription failed");
  }

  /** Sends an event; on a dead instance, Slack's retry goes to the next one (x-slack-retry-num). */
  const sendEvent = async (kind: Kind, team: Team, envelope: object, channel?: string) => {
    let instance = nextInstance();
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers: Record<string, string> =
        attempt > 0 ? { "x-slack-retry-num": String(attempt), "x-slack-retry-reason": "http_error" } : {};
      const r = await timed(() => (slack[instance] as SignedSlack).event(envelope, { headers }));
      sent.push({
        kind: attempt > 0 ? "retry" : kind,
        team,
        instance,
        at: Date.now(),
        ...r,
        ...(channel ? { channel } : {}),
      });
      if (r.status === 200) return instance;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      instance = (instance + 1) % 3;
    }
    return undefined;
  };
  const envelope = (team: Team, event: object) => ({
    token: "x",
    team_id: team.id,
    api_app_id: "A0LEADTRIAGE",
    type: "event_callback",
    event_id: `Ev${Date.now()}${(n++).toString(36)}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [
      { team_id: team.id, user_id: `U${team.id.slice(1)}`, is_bot: true, is_enterprise_install: false },
    ],
  });
  const click = (team: Team, actionId: string, checkId: string, channel: string, ts: string, id: string) =>
    blockActionPayload({
      team: team.id,
      user: team.rep,
      actionId,
      blockId: `outcome:${checkId}`,
      value: checkId,
      channel,
      ts,
      responseUrl: responseUrl(id),
      triggerId: id,
    });

  /** Checks with a posted verdict and no outcome reported yet, each handed out once. */
  const pool: { id: string; team: Team; channel: string; ts: string }[] = [];
  const used = new Set<string>();
  const refillPool = async () => {
    const rows = await db.query<{ id: string; workspaceId: string; channelId: string; messageTs: string }>(
      `SELECT "id", "workspaceId", "channelId", "messageTs" FROM "Check" WHERE "messageTs" IS NOT NULL ORDER BY "createdAt" DESC LIMIT 400`,
    );
    for (const r of rows.rows)
      if (!used.has(r.id)) {
        used.add(r.id);
        pool.push({
          id: r.id,
          team: TEAMS.find((t) => t.id === r.workspaceId) as Team,
          channel: r.channelId,
          ts: r.messageTs,
        });
      }
  };
  const outcomesReported: { kind: Kind; checkId: string }[] = [];
  const leadChannels = new Map<string, { team: Team; kind: "slash" | "mention"; at: number; ts?: string }>();

  const one = async () => {
    const team = TEAMS[n % 2] as Team;
    const roll = Math.random();
    const text = texts[n % texts.length] as string;
    if (roll < 0.45 || (roll >= 0.65 && pool.length === 0)) {
      const channel = `C0FL${(n++).toString(36).toUpperCase().padStart(6, "0")}`;
      leadChannels.set(channel, { team, kind: "slash", at: Date.now() });
      const instance = nextInstance();
      const r = await timed(() =>
        (slack[instance] as SignedSlack).command({
          team_id: team.id,
          channel_id: channel,
          user_id: team.rep,
          command: "/triage",
          text,
          response_url: responseUrl(channel),
          trigger_id: `${n}.1`,
        }),
      );
      sent.push({ kind: "slash", team, instance, at: Date.now(), ...r, channel });
    } else if (roll < 0.65) {
      const channel = `C0FM${(n++).toString(36).toUpperCase().padStart(6, "0")}`;
      const ts = `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, "0")}`;
      leadChannels.set(channel, { team, kind: "mention", at: Date.now(), ts });
      const body = envelope(team, {
        type: "app_mention",
        user: team.rep,
        text: `<@U${team.id.slice(1)}> ${text}`,
        ts,
        channel,
        event_ts: ts,
      });
      const first = await sendEvent("mention", team, body, channel);
      // A third of the mentions come again, as Slack's retry after a slow ack, to another instance.
      if (first !== undefined && Math.random() < 1 / 3) {
        const other = (first + 1) % 3;
        const r = await timed(() =>
          (slack[other] as SignedSlack).event(body, {
            headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
          }),
        );
        sent.push({ kind: "retry", team, instance: other, at: Date.now(), ...r, channel });
      }
    } else {
      const check = pool.shift();
      if (!check) return;
      if (roll < 0.8) {
        const reply = envelope(check.team, {
          type: "message",
          channel: check.channel,
          channel_type: "channel",
          user: check.team.rep,
          text: "lost - no budget this year",
          ts: `${check.ts.split(".")[0]}.9${String(n++).padStart(5, "0")}`,
          thread_ts: check.ts,
        });
        if ((await sendEvent("reply", check.team, reply)) !== undefined)
          outcomesReported.push({ kind: "reply", checkId: check.id });
      } else if (roll < 0.92) {
        const instance = nextInstance();
        const r = await timed(() =>
          (slack[instance] as SignedSlack).interaction(
            click(check.team, "outcome_won", check.id, check.channel, check.ts, `won-${n++}`),
          ),
        );
        sent.push({ kind: "button", team: check.team, instance, at: Date.now(), ...r });
        if (r.status === 200) outcomesReported.push({ kind: "button", checkId: check.id });
      } else {
        const trigger = `lost-${n++}`;
        const instance = nextInstance();
        const r = await timed(() =>
          (slack[instance] as SignedSlack).interaction(
            click(check.team, "outcome_lost", check.id, check.channel, check.ts, trigger),
          ),
        );
        sent.push({ kind: "modal-open", team: check.team, instance, at: Date.now(), ...r });
        if (r.status !== 200) return;
        let opened: { privateMetadata?: string } | undefined;
        for (let i = 0; i < 50 && !opened; i++) {
          opened = (await fake.calls("views.open")).find((c) => c.triggerId === trigger);
          if (!opened) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        if (!opened?.privateMetadata) return;
        const submitAt = nextInstance();
        const s = await timed(() =>
          (slack[submitAt] as SignedSlack).interaction({
            type: "view_submission",
            team: { id: check.team.id, domain: check.team.name.toLowerCase() },
            user: { id: check.team.rep, team_id: check.team.id },
            api_app_id: "A0LEADTRIAGE",
            trigger_id: `${trigger}-submit`,
            view: {
              id: "V1",
              type: "modal",
              callback_id: "outcome_reason",
              private_metadata: opened.privateMetadata,
              state: {
                values: {
                  reason: {
                    reason: {
                      type: "static_select",
                      selected_option: {
                        value: "no_budget",
                        text: { type: "plain_text", text: "No budget" },
                      },
                    },
                  },
                },
              },
            },
          }),
        );
        sent.push({ kind: "modal-submit", team: check.team, instance: submitAt, at: Date.now(), ...s });
        if (s.status === 200) outcomesReported.push({ kind: "modal-submit", checkId: check.id });
      }
    }
  };

  // ---- the run ----
  const startedAt = Date.now();
  const killAt = startedAt + SECONDS * 400;
  let killed: { at: number; restartedAt?: number } | undefined;
  const inFlight = new Set<Promise<void>>();
  const refill = setInterval(() => void refillPool().catch(() => undefined), 3_000);
  let tick = 0;
  while (Date.now() - startedAt < SECONDS * 1000) {
    const p = one().catch((e: unknown) => console.error("request failed:", e));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    tick++;
    if (!killed && Date.now() >= killAt) {
      killed = { at: Date.now() };
      instances[2]?.kill("SIGKILL");
      instances[2] = undefined;
      console.log(`killed instance 3 (SIGKILL) at ${((killed.at - startedAt) / 1000).toFixed(0)} s`);
      setTimeout(() => {
        void startInstance(ports[2] as number, env).then((child) => {
          instances[2] = child;
          if (killed) killed.restartedAt = Date.now();
          console.log(
            `restarted instance 3 at ${(((killed?.restartedAt ?? 0) - startedAt) / 1000).toFixed(0)} s`,
          );
        });
      }, 5_000);
    }
    const nextAt = startedAt + (tick * 1000) / RATE;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextAt - Date.now())));
    if (tick % (RATE * 30) === 0)
      console.log(`  ${((Date.now() - startedAt) / 1000).toFixed(0)} s: ${sent.length} requests`);
  }
  clearInterval(refill);
  await Promise.all(inFlight);
  // Let queues drain, verdicts post and the due digests go out.
  const digestDueIn = due.getTime() - Date.now() + 70_000;
  await new Promise((resolve) => setTimeout(resolve, Math.max(15_000, digestDueIn)));

  // ---- what happened ----
  const posts = await fake.calls("chat.postMessage");
  const postsByChannel = new Map<string, typeof posts>();
  for (const p of posts)
    if (p.channel) postsByChannel.set(p.channel, [...(postsByChannel.get(p.channel) ?? []), p]);
  const ackedLeads = sent.filter(
    (s) => (s.kind === "slash" || s.kind === "mention") && s.status === 200 && s.channel,
  );
  const leadsAcked = new Set(ackedLeads.map((s) => s.channel as string));
  let once = 0;
  let twice = 0;
  let missing = 0;
  let missingOnKilled = 0;
  let wrongToken = 0;
  const verdictMs: number[] = [];
  for (const channel of leadsAcked) {
    const lead = leadChannels.get(channel);
    // The verdict: a slash command's starts the lead's thread; a mention's answers in the mention's thread.
    const verdicts = (postsByChannel.get(channel) ?? []).filter((p) =>
      lead?.kind === "mention" ? p.threadTs === lead.ts : p.threadTs === undefined,
    );
    for (const v of verdicts) if (v.token !== lead?.team.token) wrongToken++;
    if (verdicts.length === 1) once++;
    else if (verdicts.length > 1) twice++;
    else {
      missing++;
      const ack = ackedLeads.find((s) => s.channel === channel);
      if (ack?.instance === 2 && killed && ack.at <= killed.at && ack.at > killed.at - 10_000)
        missingOnKilled++;
    }
    if (verdicts[0] && lead) verdictMs.push(verdicts[0].at - lead.at);
  }
  const digests = TEAMS.map((t) => ({
    team: t.id,
    posts: (postsByChannel.get(t.digestChannel) ?? []).filter((p) => p.digest),
  }));
  const outcomes = await db.query<{ count: string }>(
    `SELECT count(DISTINCT "checkId") AS count FROM "Outcome"`,
  );
  const reportedChecks = new Set(outcomesReported.map((o) => o.checkId));
  const byKind = (kind: Kind) => sent.filter((s) => s.kind === kind);
  const rows = (["slash", "mention", "retry", "reply", "button", "modal-open", "modal-submit"] as Kind[]).map(
    (kind) => {
      const all = byKind(kind);
      const acked = all.filter((s) => s.status === 200);
      return {
        kind,
        sent: all.length,
        acked: acked.length,
        refused: all.filter((s) => s.status === "refused").length,
        other: all.filter((s) => s.status !== 200 && s.status !== "refused").length,
        p50: percentile(
          acked.map((s) => s.ms),
          50,
        ),
        p99: percentile(
          acked.map((s) => s.ms),
          99,
        ),
      };
    },
  );

  console.log(`\n## Fleet run (${new Date().toISOString().slice(0, 16)}Z)`);
  console.log(
    `3 instances × dist/main.js, PostgreSQL 15 on 127.0.0.1, 2 workspaces, ${SECONDS} s at ${RATE} requests/s offered`,
  );
  console.log(
    killed
      ? `instance 3 SIGKILLed at ${((killed.at - startedAt) / 1000).toFixed(0)} s, serving again ${(((killed.restartedAt ?? Number.NaN) - killed.at) / 1000).toFixed(1)} s later`
      : "no instance killed",
  );
  console.log(
    "\n| requests | sent | acked (200) | refused (dead instance) | other status | ack p50 ms | ack p99 ms |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows)
    console.log(
      `| ${r.kind} | ${r.sent} | ${r.acked} | ${r.refused} | ${r.other} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`,
    );
  console.log(
    `\nverdicts: ${leadsAcked.size} leads acked; posted exactly once ${once}, more than once ${twice}, never ${missing} (of which ${missingOnKilled} were acked by the killed instance in its last 10 s); posted with another workspace's token: ${wrongToken}`,
  );
  console.log(
    `verdict time (request → chat.postMessage): p50 ${percentile(verdictMs, 50).toFixed(0)} ms, p99 ${percentile(verdictMs, 99).toFixed(0)} ms`,
  );
  console.log(
    `digests: ${digests.map((d) => `${d.team} ${d.posts.length} post(s)${d.posts[0]?.token === TEAMS.find((t) => t.id === d.team)?.token ? " with its token" : " WRONG TOKEN"}`).join(", ")}`,
  );
  console.log(
    `outcomes: ${reportedChecks.size} reported and acked (${outcomesReported.filter((o) => o.kind === "reply").length} thread replies, ${outcomesReported.filter((o) => o.kind === "button").length} buttons, ${outcomesReported.filter((o) => o.kind === "modal-submit").length} reason modals); ${outcomes.rows[0]?.count} checks with an outcome recorded`,
  );

  const errorLines = [...appErrors.entries()].map(([port, msgs]) => {
    const counts = new Map<string, number>();
    for (const m of msgs) counts.set(m, (counts.get(m) ?? 0) + 1);
    return `instance :${port}: ${[...counts].map(([m, c]) => `${c}× "${m}"`).join(", ")}`;
  });
  console.log(`app errors logged: ${errorLines.length === 0 ? "none" : errorLines.join("; ")}`);

  for (const child of instances) child?.kill("SIGTERM");
  await db.end();
  fake.stop();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const cleanup = new pg.Client({ connectionString: ADMIN_URL });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await cleanup.end();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
