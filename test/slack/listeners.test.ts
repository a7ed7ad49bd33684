import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createServices } from "../../src/services/createServices.js";
import { RecentKeys } from "../../src/services/recentKeys.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { AdminPolicy } from "../../src/slack/admins.js";
import type { SlackDeps } from "../../src/slack/deps.js";
import { FormSeal } from "../../src/slack/formSeal.js";
import { triageCommand } from "../../src/slack/listeners/commands/triage/index.js";
import { appHomeOpened } from "../../src/slack/listeners/events/appHomeOpened.js";
import { appMention } from "../../src/slack/listeners/events/appMention.js";
import { leadMessage } from "../../src/slack/listeners/events/message.js";
import { checkLeadShortcut } from "../../src/slack/listeners/shortcuts/checkLead.js";
import { SlackUrls } from "../../src/slack/slackUrls.js";
import { checkIdOf } from "../../src/slack/views/verdict.js";
import { WorkQueue } from "../../src/slack/workQueue.js";
import type { Database } from "../../src/store/database.js";
import { testEngines } from "../support/databases.js";

/** Each listener callback called directly, as Bolt would, with a recording client, ack and respond; the
 * services behind them are the real ones on a fresh embedded database. */
const engine = testEngines()[0] as NonNullable<ReturnType<typeof testEngines>[0]>;
let db: Database;
let deps: SlackDeps & { close(): Promise<void> };

type Call = { method: string; args: Record<string, unknown> };

function fakeClient() {
  const calls: Call[] = [];
  let ts = 1_700_100_000;
  const record =
    (method: string, answer: () => Record<string, unknown> = () => ({ ok: true })) =>
    async (args: Record<string, unknown>) => {
      calls.push({ method, args });
      return answer();
    };
  const client = {
    chat: {
      postMessage: record("chat.postMessage", () => ({ ok: true, ts: `${ts++}.000100` })),
      postEphemeral: record("chat.postEphemeral"),
    },
    views: { publish: record("views.publish") },
  };
  return { client, calls };
}

function recorder() {
  const calls: unknown[] = [];
  const fn = async (arg?: unknown) => {
    calls.push(arg);
  };
  return { fn, calls };
}

async function settle(): Promise<void> {
  await deps.work.onIdle();
  await deps.posts.onIdle();
  await deps.triage.writer.flush();
}

beforeAll(async () => {
  db = await engine.fresh();
  const logger = createLogger("silent");
  const services = createServices(db, {
    defaultPack: await loadRuleFile(),
    logger,
    recentEvents: new RecentKeys(100, 60_000),
  });
  deps = {
    ...services,
    forms: new FormSeal("8f742231b10e8888abcd990000085a5f", new SlackUrls()),
    slackUrls: new SlackUrls(),
    admins: new AdminPolicy([]),
    logger,
    formBotChannels: ["CFORMS"],
    work: new WorkQueue(2),
    posts: new WorkQueue(4),
    inviteHints: new RecentKeys(100, 60_000),
    llm: new WorkQueue(2),
    close: () => services.triage.close(0),
  };
});
afterAll(async () => {
  await deps?.close();
  await engine.dispose();
});

// Bolt's argument types are wide; the callbacks read only what these fakes provide.
const asArgs = (args: Record<string, unknown>) => args as never;

describe("triageCommand", () => {
  it("answers help in the ack itself", async () => {
    const ack = recorder();
    const { client, calls } = fakeClient();
    await triageCommand(deps)(
      asArgs({
        command: { team_id: "TUNIT1", channel_id: "C1", user_id: "U1", text: "help" },
        ack: ack.fn,
        client,
      }),
    );
    expect(ack.calls[0]).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringContaining("Paste"),
    });
    await settle();
    expect(calls).toHaveLength(0);
  });

  it("acks empty, then posts a verdict that carries its check id, and keeps the check", async () => {
    const ack = recorder();
    const { client, calls } = fakeClient();
    await triageCommand(deps)(
      asArgs({
        command: {
          team_id: "TUNIT1",
          channel_id: "C1",
          user_id: "U1",
          text: "Ana, intern at Acme, cheapest plan",
        },
        ack: ack.fn,
        respond: recorder().fn,
        client,
      }),
    );
    expect(ack.calls).toEqual([undefined]);
    await settle();
    const post = calls.find((c) => c.method === "chat.postMessage");
    const checkId = checkIdOf(post?.args.blocks as { block_id?: string }[]);
    expect(checkId).toMatch(/^[0-9a-f-]{36}$/);
    const check = await db.prisma.check.findUniqueOrThrow({ where: { id: checkId as string } });
    expect(check).toMatchObject({
      workspaceId: "TUNIT1",
      channelId: "C1",
      inputKind: "command",
      messageTs: expect.any(String),
    });
  });

  it("refuses a payload whose team id is not Slack's", async () => {
    const ack = recorder();
    await triageCommand(deps)(
      asArgs({
        command: { team_id: "unknown", channel_id: "C1", user_id: "U1", text: "VP at Acme" },
        ack: ack.fn,
      }),
    );
    expect(ack.calls[0]).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringContaining("could not read"),
    });
  });
});

describe("checkLeadShortcut", () => {
  it("triages the message and answers in its thread", async () => {
    const { client, calls } = fakeClient();
    const ack = recorder();
    await checkLeadShortcut(deps)(
      asArgs({
        shortcut: {
          team: { id: "TUNIT1" },
          user: { id: "U2" },
          channel: { id: "C2" },
          message: { ts: "1700000001.000100", text: "Chen Wei, Procurement Officer, Ministry of Finance" },
        },
        ack: ack.fn,
        respond: recorder().fn,
        client,
      }),
    );
    expect(ack.calls).toHaveLength(1);
    await settle();
    expect(calls.find((c) => c.method === "chat.postMessage")?.args).toMatchObject({
      channel: "C2",
      thread_ts: "1700000001.000100",
    });
  });

  it("tells the rep when the payload has no team", async () => {
    const respond = recorder();
    await checkLeadShortcut(deps)(
      asArgs({
        shortcut: { user: { id: "U2" }, channel: { id: "C2" }, message: { ts: "1.2", text: "x" } },
        ack: recorder().fn,
        respond: respond.fn,
      }),
    );
    await settle();
    expect(respond.calls[0]).toMatchObject({ response_type: "ephemeral" });
  });
});

describe("appMention and leadMessage", () => {
  const envelope = (eventId: string) => ({ team_id: "TUNIT1", event_id: eventId });

  it("answers a mention once per event id", async () => {
    const { client, calls } = fakeClient();
    const event = {
      type: "app_mention",
      user: "U3",
      text: "<@UBOT> Dana, CFO at Initech, 800 employees",
      ts: "1700000002.000100",
      channel: "C3",
    };
    for (let i = 0; i < 2; i++) await appMention(deps)(asArgs({ event, body: envelope("EvUnit1"), client }));
    await settle();
    const posts = calls.filter((c) => c.method === "chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args).toMatchObject({ channel: "C3", thread_ts: "1700000002.000100" });
  });

  it("triages DMs and form-bot posts, and leaves channel chatter and thread replies alone", async () => {
    const { client, calls } = fakeClient();
    const message = (event: Record<string, unknown>, id: string) =>
      leadMessage(deps)(
        asArgs({ event: { type: "message", ts: `17000000${id}.1`, ...event }, body: envelope(id), client }),
      );
    await message({ channel: "D1", channel_type: "im", user: "U4", text: "Sam, Head of Ops at Hooli" }, "10");
    await message(
      { channel: "CFORMS", bot_id: "B1", subtype: "bot_message", text: "Name: Lee\nTitle: CTO" },
      "11",
    );
    await message({ channel: "CGENERAL", channel_type: "channel", user: "U5", text: "lunch?" }, "12");
    await message({ channel: "D1", channel_type: "im", user: "U4", text: "won!", thread_ts: "1.1" }, "13");
    await settle();
    expect(calls.filter((c) => c.method === "chat.postMessage").map((c) => c.args.channel)).toEqual([
      "D1",
      "CFORMS",
    ]);
    expect(await db.prisma.processedEvent.count({ where: { eventId: { in: ["12", "13"] } } })).toBe(0);
  });
});

describe("appHomeOpened", () => {
  it("publishes the Home tab with the workspace's week", async () => {
    const { client, calls } = fakeClient();
    await appHomeOpened(deps)(
      asArgs({ event: { user: "U1", tab: "home" }, body: { team_id: "TUNIT1" }, client }),
    );
    await settle();
    const publish = calls.find((c) => c.method === "views.publish");
    expect(publish?.args).toMatchObject({ user_id: "U1", view: { type: "home" } });
    // Earlier tests triaged leads for this workspace: its week and its adopted default pack show.
    expect(JSON.stringify(publish?.args.view)).toMatch(/Last 7 days:\* \d+ lead\(s\) checked/);
    expect(JSON.stringify(publish?.args.view)).toContain("the default persona pack (v1)");
  });
});
