import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_LEAD_CHARS } from "../../src/domain/lead/parse.js";
import type { PrismaClient } from "../../src/store/generated/client.js";
import type { SqlConnection } from "../../src/store/sql.js";
import { commandFields, eventEnvelope, type Harness, sqlWith, startHarness } from "../slack/harness.js";
import { testEngines } from "../support/databases.js";

const engines = testEngines();
afterAll(async () => {
  for (const engine of engines) await engine.dispose();
});

/** Every string of an outgoing payload, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** A database that goes away on demand: every write (raw statements, creates, updates) fails while reads of
 * what the app already cached do not matter, and the ping says so. */
/** `down`: writes fail (the database refuses them); `unreachable`: every query fails, reads too. */
function outageSwitch() {
  const state = { down: false, unreachable: false };
  const writes = new Set([
    "$executeRaw",
    "$executeRawUnsafe",
    "create",
    "createMany",
    "update",
    "updateMany",
  ]);
  const wrap = (p: PrismaClient) =>
    p.$extends({
      query: {
        async $allOperations({ operation, args, query }) {
          if (state.unreachable || (state.down && writes.has(operation)))
            throw new Error("Can't reach database server at 127.0.0.1:5432");
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
  // The repositories' plain SQL (bulk inserts of checks): down or unreachable, it fails.
  const wrapSql = (sql: SqlConnection): SqlConnection =>
    sqlWith(sql, () => {
      if (state.down || state.unreachable) throw new Error("Can't reach database server at 127.0.0.1:5432");
    });
  return { state, wrap, wrapSql, ping: async () => !state.down && !state.unreachable };
}

describe.each(engines)("reliability of the Slack app on $name", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("answers unknown paths and methods with 404/405 and keeps serving", async () => {
    const base = `http://127.0.0.1:${h.port}`;
    const head = await fetch(`${base}/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/slack/events`)).status).toBe(405);
    expect((await fetch(`${base}/slack/events`, { method: "PUT", body: "x" })).status).toBe(405);
    expect((await fetch(`${base}/nope`, { method: "POST", body: "x" })).status).toBe(404);
    expect((await fetch(`${base}/health`, { method: "DELETE" })).status).toBe(405);
    expect((await fetch(`${base}/wp-login.php?x=%%`)).status).toBe(404);
    // A request line that is not HTTP at all.
    const garbage = await new Promise<string>((resolve) => {
      const socket = connect(h.port, "127.0.0.1", () => socket.end("NOT HTTP\r\n\r\n"));
      let out = "";
      socket.on("data", (d) => {
        out += String(d);
      });
      socket.on("close", () => resolve(out));
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    // Still serving, and still answering Slack.
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const r = await h.slack.command(commandFields("VP Sales at Acme, 300 employees", h.fake));
    expect(r.status).toBe(200);
  });

  it("keeps every check of a burst when one lead has a NUL byte or half an emoji", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `burst${i}`);
    const text = (i: number) =>
      i === 17
        ? "Buyer\u0000 at Acme, procurement, 40000 employees"
        : i === 33
          ? `${"x".repeat(MAX_LEAD_CHARS - 1)}😀 intern`
          : `Lead ${i}, VP Sales at Acme ${i}, 300 employees`;
    await Promise.all(
      ids.map((id, i) =>
        h.slack.command(
          commandFields(text(i), h.fake, { channel_id: "CBURST", user_id: `U${id.toUpperCase()}` }),
        ),
      ),
    );
    await expect
      .poll(() => h.db.prisma.check.count({ where: { channelId: "CBURST" } }), { timeout: 20_000 })
      .toBe(60);
    // The long lead is cut before the emoji, never inside it.
    const cut = await h.db.prisma.check.findFirstOrThrow({ where: { userId: "UBURST33" } });
    expect(cut.rawText).toBe("x".repeat(MAX_LEAD_CHARS - 1));
    // A lone surrogate that arrives from Slack is stored as a replacement character.
    await h.slack.event(
      eventEnvelope("EvSURROGATE", {
        type: "message",
        channel: "DSURROGATE",
        channel_type: "im",
        user: "USURR",
        text: "Founder at Tiny\ud83d Co\u0000, 3 people",
        ts: "1700003000.000100",
      }),
    );
    await expect
      .poll(() => h.db.prisma.check.findFirst({ where: { channelId: "DSURROGATE" } }))
      .toMatchObject({ rawText: "Founder at Tiny\uFFFD Co, 3 people" });
    const post = await h.fake.waitFor(() =>
      h.fake
        .callsTo("chat.postMessage")
        .find((c) => c.body.channel === "CBURST" && JSON.stringify(c.body).includes("characters were read")),
    );
    expect(JSON.stringify(post.body.blocks)).toMatch(
      /Only the first 19,999 of 20,0\d\d characters were read/,
    );
    expect(h.logs.join("")).not.toMatch(/check not kept/);
  });

  it("never turns lead words into live mentions, in any field", async () => {
    const before = h.fake.callsTo("chat.postMessage").length;
    await h.slack.command(
      commandFields(
        "Title: Intern &lt;!here&gt; &lt;!channel&gt; <!everyone> &lt;@U999&gt; cheapest plan",
        h.fake,
        {
          channel_id: "CPING",
        },
      ),
    );
    const post = await h.fake.waitFor(() =>
      h.fake
        .callsTo("chat.postMessage")
        .slice(before)
        .find((c) => c.body.channel === "CPING"),
    );
    for (const s of strings(post.body)) expect(s).not.toMatch(/<[!@#]/);
    expect(String(post.body.text)).toContain("&lt;!here&gt;");
  });

  it("delivers a private verdict by ephemeral message when the response_url fails, and keeps the check", async () => {
    h.fake.failNextResponse(500);
    const before = h.fake.callsTo("chat.postEphemeral").length;
    await h.slack.command(
      commandFields("--private Dana, CFO at Initech, 800 employees", h.fake, { channel_id: "CPRIV" }),
    );
    const eph = await h.fake.waitFor(() => h.fake.callsTo("chat.postEphemeral")[before]);
    expect(eph.body).toMatchObject({ channel: "CPRIV", user: "U2147483697" });
    expect(String(eph.body.text)).toMatch(/risk/);
    await expect.poll(() => h.db.prisma.check.count({ where: { channelId: "CPRIV" } })).toBe(1);
  });

  it("tells the rep privately when Slack refuses the post (ok: false), and keeps the check", async () => {
    h.fake.failNext("chat.postMessage", { kind: "error", error: "invalid_blocks" }, "CREFUSED");
    await h.slack.command(
      commandFields("Sam, Head of Ops at Hooli, 120 employees", h.fake, {
        channel_id: "CREFUSED",
        response_url: h.fake.responseUrl("refused"),
      }),
    );
    const reply = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === "refused"));
    expect(JSON.stringify(reply.body)).toContain("Slack said `invalid_blocks`");
    expect(JSON.stringify(reply.body)).toContain("risk");
    await expect.poll(() => h.db.prisma.check.count({ where: { channelId: "CREFUSED" } })).toBe(1);
  });

  it("refuses payloads without a Slack team id instead of inventing a workspace", async () => {
    const r = await h.slack.command(commandFields("VP Sales at Acme", h.fake, { team_id: "../../etc" }));
    expect(JSON.parse(r.text)).toMatchObject({ response_type: "ephemeral" });
    const { team_id: _, ...noTeam } = eventEnvelope("EvNOTEAM", {
      type: "app_mention",
      user: "U1",
      text: "<@UBOT> VP Sales at Acme",
      ts: "1700000999.000100",
      channel: "CNOTEAM",
    });
    expect((await h.slack.event(noTeam)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.db.prisma.workspace.count({ where: { id: { notIn: ["T0001"] } } })).toBe(0);
    expect(h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "CNOTEAM")).toHaveLength(0);
  });

  it("records only the events it acts on", async () => {
    const before = await h.db.prisma.processedEvent.count();
    for (let i = 0; i < 5; i++) {
      await h.slack.event(
        eventEnvelope(`EvCHATTER${i}`, {
          type: "message",
          channel: "CGENERAL",
          channel_type: "channel",
          user: "U5",
          text: "lunch at noon?",
          ts: `170000100${i}.000100`,
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.db.prisma.processedEvent.count()).toBe(before);
  });
});

describe.each(engines)("while the database is away on $name", (engine) => {
  const outage = outageSwitch();
  let h: Harness;
  afterAll(async () => {
    await h?.stop();
  });

  it("answers mentions once (deduped in memory) and keeps their checks when the database returns", async () => {
    h = await startHarness(engine, { prisma: outage.wrap, sql: outage.wrapSql, ping: outage.ping });
    // The workspace is known (settings and rules cached) before the database goes away.
    await h.slack.command(commandFields("Warm-up lead, VP Sales at Acme", h.fake, { channel_id: "CWARM" }));
    await expect.poll(() => h.db.prisma.check.count({ where: { channelId: "CWARM" } })).toBe(1);
    outage.state.down = true;
    const mention = eventEnvelope("EvOUTAGE1", {
      type: "app_mention",
      user: "U7",
      text: "<@UBOT> Priya, VP Sales at Northwind, 400 employees",
      ts: "1700002000.000100",
      channel: "COUTAGE",
    });
    for (let i = 0; i < 3; i++) expect((await h.slack.event(mention)).status).toBe(200);
    const post = await h.fake.waitFor(() =>
      h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === "COUTAGE"),
    );
    expect(post.body.thread_ts).toBe("1700002000.000100");
    await new Promise((r) => setTimeout(r, 500));
    expect(h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "COUTAGE")).toHaveLength(1);
    expect(h.logs.join("")).toContain("deduplicating in this process");
    expect(await h.db.prisma.check.count({ where: { channelId: "COUTAGE" } })).toBe(0);
    // The database comes back: the check that waited is kept, with the message that carries its verdict.
    outage.state.down = false;
    await expect
      .poll(() => h.db.prisma.check.findFirst({ where: { channelId: "COUTAGE" } }), { timeout: 15_000 })
      .toMatchObject({ messageTs: expect.stringMatching(/^\d+\.\d+$/), threadTs: "1700002000.000100" });
  });
});

describe("a database away for 10 s, longer than the settings are cached", () => {
  const engine = engines[0] as NonNullable<(typeof engines)[0]>;
  const outage = outageSwitch();
  let h: Harness;
  afterAll(async () => {
    await h?.stop();
  });

  it("leaves no lead without a verdict, and keeps every check when it returns", async () => {
    h = await startHarness(engine, { prisma: outage.wrap, sql: outage.wrapSql, ping: outage.ping });
    await h.slack.command(commandFields("Warm-up lead, VP Sales at Acme", h.fake, { channel_id: "CLONG" }));
    await expect.poll(() => h.db.prisma.check.count({ where: { channelId: "CLONG" } })).toBe(1);
    outage.state.unreachable = true;
    const started = Date.now();
    // Past the settings' 5 s: every read fails now, and the last settings read must serve.
    await new Promise((r) => setTimeout(r, 5_500));
    const leads = ["Priya, VP Sales at Northwind", "Sam, owner of a 3-person agency", "Ana, CTO at Initech"];
    for (const lead of leads)
      expect((await h.slack.command(commandFields(lead, h.fake, { channel_id: "CLONG" }))).status).toBe(200);
    await expect
      .poll(() => h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "CLONG").length, {
        timeout: 4_000,
      })
      .toBe(1 + leads.length);
    await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - started))));
    outage.state.unreachable = false;
    await expect
      .poll(() => h.db.prisma.check.count({ where: { channelId: "CLONG" } }), { timeout: 20_000 })
      .toBe(1 + leads.length);
  });
});

describe("a hung Slack API", () => {
  const engine = engines[0] as NonNullable<(typeof engines)[0]>;
  let h: Harness;
  afterAll(async () => {
    await h?.stop();
  });

  it("never holds a database slot: four hung posts do not delay the next verdict", async () => {
    h = await startHarness(engine, { config: { apiTimeoutMs: 3_000 } });
    for (let i = 0; i < 4; i++) h.fake.failNext("chat.postMessage", { kind: "hang" });
    for (let i = 0; i < 4; i++)
      await h.slack.command(
        commandFields(`Hung lead ${i}, VP Sales at Acme`, h.fake, { channel_id: "CHUNG" }),
      );
    await h.fake.waitFor(() => (h.fake.callsTo("chat.postMessage").length >= 4 ? true : undefined));
    const sent = Date.now();
    await h.slack.command(commandFields("Free lead, CFO at Initech", h.fake, { channel_id: "CFREE" }));
    const post = await h.fake.waitFor(() =>
      h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === "CFREE"),
    );
    expect(post.at - sent).toBeLessThan(1_500);
    // The hung posts time out, are retried, and arrive; every check was kept before any post.
    await expect
      .poll(() => h.db.prisma.check.count({ where: { channelId: { in: ["CHUNG", "CFREE"] } } }), {
        timeout: 5_000,
      })
      .toBe(5);
    await h.fake.waitFor(
      () =>
        h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "CHUNG").length >= 8
          ? true
          : undefined,
      15_000,
    );
  });
});
