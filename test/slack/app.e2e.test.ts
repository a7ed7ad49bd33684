import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../../src/store/generated/client.js";
import { commandFields, eventEnvelope, sqlWith, startHarness, useSlackHarness } from "./harness.js";

const h = useSlackHarness();
const { engine } = h;

const STUDENT =
  "Jane Doe, PhD student at MIT, jane@gmail.com, working on my thesis, is there a free version?";

function blocksText(body: Record<string, unknown>): string {
  return JSON.stringify(body.blocks ?? []);
}

describe("/triage", () => {
  it("acks at once, then posts the verdict in the channel and links the check to it", async () => {
    const before = h.fake.callsTo("chat.postMessage").length;
    const r = await h.slack.command(commandFields(STUDENT, h.fake));
    expect(r.status).toBe(200);
    expect(r.text).toBe("");
    const post = await h.fake.waitFor(() => h.fake.callsTo("chat.postMessage")[before]);
    expect(post.body.channel).toBe("C2147483705");
    expect(post.body.thread_ts).toBeUndefined();
    expect(String(post.body.text)).toMatch(/^Reject \(risk \d+\/100\)/);
    expect(blocksText(post.body)).toContain("The contact is a student");
    expect(blocksText(post.body)).toContain('\\"thesis\\"');
    // The check is written (in a batch) with the ts of the message that carries its verdict.
    await expect
      .poll(() => h.db.prisma.check.findFirst({ where: { inputKind: "command", channelId: "C2147483705" } }))
      .toMatchObject({
        workspaceId: "T0001",
        userId: "U2147483697",
        decision: "reject",
        messageTs: expect.stringMatching(/^\d+\.\d+$/),
      });
  });

  it("answers help for no text, 'help' and unknown subcommands, in the ack itself", async () => {
    const posts = h.fake.callsTo("chat.postMessage").length;
    for (const [text, expected] of [
      ["", "Paste what you know"],
      ["help", "Paste what you know"],
      ["settings", "I don't know the command `settings`"],
    ] as const) {
      const r = await h.slack.command(commandFields(text, h.fake));
      expect(r.status).toBe(200);
      const body = JSON.parse(r.text);
      expect(body.response_type).toBe("ephemeral");
      expect(body.text).toContain(expected);
    }
    expect(h.fake.callsTo("chat.postMessage").length).toBe(posts);
  });

  it("answers privately with --private", async () => {
    const posts = h.fake.callsTo("chat.postMessage").length;
    const responses = h.fake.responses.length;
    await h.slack.command(
      commandFields(`--private ${STUDENT}`, h.fake, { response_url: h.fake.responseUrl("private") }),
    );
    const reply = await h.fake.waitFor(() =>
      h.fake.responses.slice(responses).find((x) => x.id === "private"),
    );
    expect(reply.body.response_type).toBe("ephemeral");
    expect(blocksText(reply.body)).toContain("The contact is a student");
    expect(h.fake.callsTo("chat.postMessage").length).toBe(posts);
  });

  it("falls back to a private reply with an invite hint when it cannot post in the channel", async () => {
    h.fake.failNext("chat.postMessage", { kind: "error", error: "not_in_channel" });
    await h.slack.command(
      commandFields(STUDENT, h.fake, {
        channel_id: "CPRIVATE1",
        response_url: h.fake.responseUrl("fallback"),
      }),
    );
    const reply = await h.fake.waitFor(() => h.fake.responses.find((x) => x.id === "fallback"));
    expect(blocksText(reply.body)).toContain("The contact is a student");
    expect(blocksText(reply.body)).toContain("/invite @Lead Triage");
  });

  it("retries after a 429 with Retry-After and the verdict still arrives", async () => {
    const before = h.fake.callsTo("chat.postMessage").length;
    h.fake.failNext("chat.postMessage", { kind: "rate_limited", retryAfter: 1 });
    await h.slack.command(
      commandFields("Tom, intern at Acme, cheapest plan please", h.fake, { channel_id: "CRATE" }),
    );
    const delivered = await h.fake.waitFor(() => {
      const calls = h.fake
        .callsTo("chat.postMessage")
        .slice(before)
        .filter((c) => c.body.channel === "CRATE");
      return calls.length >= 2 ? calls : undefined;
    }, 15_000);
    expect(delivered[1]?.at ?? 0).toBeGreaterThanOrEqual((delivered[0]?.at ?? 0) + 900);
    expect(String(delivered[1]?.body.text)).toMatch(/risk/);
  });

  it("keeps a 40,000-character paste within Block Kit limits", async () => {
    const before = h.fake.callsTo("chat.postMessage").length;
    const huge =
      `${STUDENT}\n${"We need an RFP, a security questionnaire and the cheapest discount. ".repeat(600)}`.slice(
        0,
        40_000,
      );
    const r = await h.slack.command(commandFields(huge, h.fake, { channel_id: "CHUGE" }));
    expect(r.status).toBe(200);
    const post = await h.fake.waitFor(() =>
      h.fake
        .callsTo("chat.postMessage")
        .slice(before)
        .find((c) => c.body.channel === "CHUGE"),
    );
    const blocks = post.body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    expect(String(post.body.text).length).toBeLessThanOrEqual(4000);
  });
});

describe("message shortcut: Check lead", () => {
  it("triages a forwarded email and replies in the message's thread", async () => {
    const before = h.fake.callsTo("chat.postMessage").length;
    const payload = {
      type: "message_action",
      callback_id: "check_lead",
      trigger_id: "12466734323.1395872398",
      response_url: h.fake.responseUrl("shortcut"),
      team: { id: "T0001", domain: "acme" },
      channel: { id: "C0SALES", name: "sales" },
      user: { id: "U2147483697", name: "priya", team_id: "T0001" },
      message_ts: "1700000111.000200",
      message: {
        type: "message",
        user: "U999",
        ts: "1700000111.000200",
        text: "Fwd: pricing question",
        files: [
          {
            id: "F1",
            filetype: "email",
            subject: "Pricing",
            from: [{ address: "bob@mailinator.com", name: "Bob", original: "Bob <bob@mailinator.com>" }],
            plain_text: "Hi, we are a 3-person team looking for the cheapest plan. Bob",
          },
        ],
      },
    };
    const r = await h.slack.interaction(payload);
    expect(r.status).toBe(200);
    const post = await h.fake.waitFor(() =>
      h.fake
        .callsTo("chat.postMessage")
        .slice(before)
        .find((c) => c.body.channel === "C0SALES"),
    );
    expect(post.body.thread_ts).toBe("1700000111.000200");
    expect(blocksText(post.body)).toContain("throwaway email address");
  });
});

describe("events", () => {
  it("answers a mention in its thread exactly once when Slack delivers it three times", async () => {
    const before = h.fake.callsTo("chat.postMessage").length;
    const envelope = eventEnvelope("Ev0MENTION1", {
      type: "app_mention",
      user: "U2147483697",
      text: "<@UBOT> Maria Lopez, Lab Manager at University of Michigan, <mailto:maria@umich.edu|maria@umich.edu>",
      ts: "1700000222.000300",
      channel: "C0MENTION",
      event_ts: "1700000222.000300",
    });
    const first = await h.slack.event(envelope);
    expect(first.status).toBe(200);
    await h.slack.event(envelope, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    await h.slack.event(envelope, {
      headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" },
    });
    const post = await h.fake.waitFor(() =>
      h.fake
        .callsTo("chat.postMessage")
        .slice(before)
        .find((c) => c.body.channel === "C0MENTION"),
    );
    expect(post.body.thread_ts).toBe("1700000222.000300");
    expect(blocksText(post.body)).toContain("academic address");
    await new Promise((r) => setTimeout(r, 500));
    expect(
      h.fake
        .callsTo("chat.postMessage")
        .slice(before)
        .filter((c) => c.body.channel === "C0MENTION"),
    ).toHaveLength(1);
  });

  it("answers a direct message in its thread; ignores its own and other bots' messages and thread replies", async () => {
    const before = h.fake.callsTo("chat.postMessage").length;
    await h.slack.event(
      eventEnvelope("Ev0DM1", {
        type: "message",
        channel: "D0DM",
        channel_type: "im",
        user: "U2147483697",
        text: "Sam, CEO of a 40-person agency, sam@pixel.io",
        ts: "1700000333.000100",
      }),
    );
    await h.slack.event(
      eventEnvelope("Ev0DM2", {
        type: "message",
        subtype: "bot_message",
        channel: "D0DM",
        channel_type: "im",
        bot_id: "BOTHER",
        text: "student",
        ts: "1700000333.000200",
      }),
    );
    await h.slack.event(
      eventEnvelope("Ev0DM4", {
        type: "message",
        channel: "D0DM",
        channel_type: "im",
        user: "U2147483697",
        text: "lost - no budget, student",
        ts: "1700000333.000400",
        thread_ts: "1700000333.000100",
      }),
    );
    await h.slack.event(
      eventEnvelope("Ev0DM3", {
        type: "message",
        channel: "D0DM",
        channel_type: "im",
        user: "UBOT",
        bot_id: "BBOT",
        text: "verdict",
        ts: "1700000333.000300",
      }),
    );
    const post = await h.fake.waitFor(() =>
      h.fake
        .callsTo("chat.postMessage")
        .slice(before)
        .find((c) => c.body.channel === "D0DM"),
    );
    expect(post.body.thread_ts).toBe("1700000333.000100");
    await new Promise((r) => setTimeout(r, 500));
    expect(
      h.fake
        .callsTo("chat.postMessage")
        .slice(before)
        .filter((c) => c.body.channel === "D0DM"),
    ).toHaveLength(1);
  });

  it("triages web-form bot posts in a configured form channel", async () => {
    const before = h.fake.callsTo("chat.postMessage").length;
    await h.slack.event(
      eventEnvelope("Ev0FORM1", {
        type: "message",
        subtype: "bot_message",
        bot_id: "BFORM",
        channel: "CFORMS",
        channel_type: "channel",
        text: "New lead",
        attachments: [
          {
            fields: [
              { title: "Company", value: "Globex" },
              { title: "Job Title", value: "Procurement intern" },
              { title: "Email", value: "t@globex.com" },
            ],
          },
        ],
        ts: "1700000444.000100",
      }),
    );
    const post = await h.fake.waitFor(() =>
      h.fake
        .callsTo("chat.postMessage")
        .slice(before)
        .find((c) => c.body.channel === "CFORMS"),
    );
    expect(post.body.thread_ts).toBe("1700000444.000100");
    expect(blocksText(post.body)).toContain("intern");
  });
});

describe("App Home", () => {
  it("publishes the home tab with the last week's counts for the workspace", async () => {
    const before = h.fake.callsTo("views.publish").length;
    await h.slack.event(
      eventEnvelope("Ev0HOME1", {
        type: "app_home_opened",
        user: "U2147483697",
        channel: "D0HOME",
        tab: "home",
        event_ts: "1700000555.000100",
      }),
    );
    const publish = await h.fake.waitFor(() => h.fake.callsTo("views.publish")[before]);
    expect(publish.body.user_id).toBe("U2147483697");
    const view = publish.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    expect(JSON.stringify(view.blocks)).toMatch(/Last 7 days:\* \d+ lead\(s\) checked/);
    expect(JSON.stringify(view.blocks)).toContain("default persona pack");
  });
});

describe("request verification", () => {
  it("refuses a bad signature, a missing signature and a stale timestamp with 401", async () => {
    const body = new URLSearchParams(commandFields(STUDENT, h.fake)).toString();
    const type = "application/x-www-form-urlencoded";
    expect((await h.slack.post(body, type, { signature: "v0=deadbeef" })).status).toBe(401);
    expect((await h.slack.post(body, type, { signature: null })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 60 * 10;
    expect((await h.slack.post(body, type, { timestamp: stale })).status).toBe(401);
  });

  it("answers /health with 200 while the database is up", async () => {
    const url = (h.slack as unknown as { baseUrl: string }).baseUrl;
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "up" });
  });

  it("never logs lead text or email addresses", () => {
    const all = h.logs.join("");
    expect(all).toContain('"msg":"verdict delivered"');
    expect(all).not.toContain("jane@gmail.com");
    expect(all).not.toContain("thesis");
    expect(all).not.toContain("xoxb-test-token");
  });
});

describe("ack before slow work", () => {
  it("acks a command before a deliberately slow database call finishes", async () => {
    const slow = await startHarness(engine, {
      prisma: (p) =>
        p.$extends({
          query: {
            async $allOperations({ args, query }) {
              await new Promise((r) => setTimeout(r, 1500));
              return query(args);
            },
          },
        }) as unknown as PrismaClient,
      sql: (sql) => sqlWith(sql, () => new Promise((r) => setTimeout(r, 1500))),
    });
    try {
      const sent = Date.now();
      const r = await slow.slack.command(commandFields(STUDENT, slow.fake));
      expect(r.status).toBe(200);
      expect(r.ms).toBeLessThan(1000);
      const post = await slow.fake.waitFor(() => slow.fake.callsTo("chat.postMessage")[0], 20_000);
      expect(post.at - sent).toBeGreaterThanOrEqual(1500);
    } finally {
      await slow.stop();
    }
  });
});
