import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createOutcomeServices } from "../../src/services/appServices.js";
import { RuleBook } from "../../src/services/ruleBook.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { sendDueDigests } from "../../src/slack/digestSender.js";
import { testEngines } from "../support/databases.js";
import { commandFields, type Harness, startHarness } from "./harness.js";
import { verdictIn } from "./outcomeSteps.js";

const engine = testEngines()[0] as NonNullable<ReturnType<typeof testEngines>[0]>;
let h: Harness;

beforeAll(async () => {
  h = await startHarness(engine);
});
afterAll(async () => {
  await h?.stop();
  await engine.dispose();
});

async function command(text: string, channel: string, user = "U2147483697") {
  const id = `dg-${Math.random().toString(36).slice(2)}`;
  await h.slack.command(
    commandFields(text, h.fake, { user_id: user, channel_id: channel, response_url: h.fake.responseUrl(id) }),
  );
  return (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id), 20_000)).body;
}

/** A second app instance's digest services on the same database, posting through the fake Web API. */
async function instance() {
  const { digests } = createOutcomeServices(
    h.db.store,
    new RuleBook(h.db.store.ruleSets, await loadRuleFile()),
  );
  const client = new WebClient("xoxb-test-token", {
    slackApiUrl: `${h.fake.url}/api/`,
    retryConfig: { retries: 0 },
  });
  return { digests, client };
}

const silent = createLogger("silent");
const postsTo = (channel: string) =>
  h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === channel);

describe("/triage digest", () => {
  it("subscribes a channel (announcing it there), with a validated schedule, and lists the subscriptions", async () => {
    const ok = await command("digest subscribe", "CDIG1");
    expect(String(ok.text)).toBe("Subscribed <#CDIG1>: every Monday at 09:00 (UTC).");
    expect(String(postsTo("CDIG1")[0]?.body.text)).toContain(
      "subscribed this channel to Lead Triage's weekly red-flag digest",
    );
    const other = await command("digest subscribe <#CDIG2|deals> 30 8 * * 1-5", "CDIG1");
    expect(String(other.text)).toBe("Subscribed <#CDIG2>: on `30 8 * * 1-5` (UTC).");
    const bad = await command("digest subscribe 0 25 * * 1", "CDIG9");
    expect(String(bad.text)).toContain("not a valid schedule");
    h.fake.failNext("chat.postMessage", { kind: "error", error: "not_in_channel" });
    const away = await command("digest subscribe", "CDIGOUT");
    expect(String(away.text)).toContain("invite me with `/invite @Lead Triage`");
    expect(
      await h.db.prisma.digestSubscription.findMany({
        select: { channelId: true, schedule: true },
        orderBy: { channelId: "asc" },
      }),
    ).toEqual([
      { channelId: "CDIG1", schedule: "0 9 * * 1" },
      { channelId: "CDIG2", schedule: "30 8 * * 1-5" },
    ]);
    const list = await command("digest list", "CDIG1");
    expect(String(list.text)).toContain("<#CDIG1> every Monday at 09:00 (UTC)");
    expect(String(list.text)).toContain("<#CDIG2> on `30 8 * * 1-5` (UTC)");
    expect(String((await command("digest", "CDIG1")).text)).toContain(
      "/triage digest subscribe [#channel] [cron]",
    );
  });

  it("previews the digest privately and lets only an admin send it now", async () => {
    await verdictIn(h, "CDIG1");
    const preview = await command("digest preview", "CDIG1");
    expect(preview).toMatchObject({ response_type: "ephemeral" });
    expect(JSON.stringify(preview.blocks)).toContain("Weekly red-flag digest");
    expect(JSON.stringify(preview.blocks)).toContain("1 lead(s) checked");

    const refused = await command("digest send-now", "CDIG1", "UREP");
    expect(String(refused.text)).toContain("Only admins can send the digest now");
    h.fake.workspaceAdmins.add("UBOSS");
    const before = postsTo("CDIG1").length;
    const sent = await command("digest send-now", "CDIG1", "UBOSS");
    expect(String(sent.text)).toBe("Posted the digest for the last 7 days here.");
    const posted = postsTo("CDIG1").slice(before);
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]?.body.blocks)).toContain("The week at a glance");
    expect(
      await h.db.prisma.digestRun.findFirst({
        where: { channelId: "CDIG1", period: { startsWith: "manual:" } },
      }),
    ).toMatchObject({
      status: "posted",
      messageTs: expect.any(String),
    });
  });
});

describe("scheduled digests", () => {
  const monday9 = new Date("2026-11-30T09:00:20Z");

  it("post exactly once per channel and period when two instances tick at once, and again finds nothing to do", async () => {
    const [a, b] = [await instance(), await instance()];
    const before = postsTo("CDIG1").length;
    const results = await Promise.all([
      sendDueDigests(a.digests, a.client, silent, monday9),
      sendDueDigests(b.digests, b.client, silent, monday9),
      sendDueDigests(a.digests, a.client, silent, monday9),
    ]);
    // CDIG1 is due (Monday 09:00); CDIG2's weekday 08:30 is due too.
    expect(results.reduce((n, r) => n + r.posted, 0)).toBe(2);
    expect(postsTo("CDIG1").slice(before)).toHaveLength(1);
    expect(
      await sendDueDigests(a.digests, a.client, silent, new Date(monday9.getTime() + 3 * 3_600_000)),
    ).toEqual({
      due: 2,
      posted: 0,
    });
    expect(
      await h.db.prisma.digestRun.findMany({
        where: { period: { not: { startsWith: "manual:" } } },
        select: { channelId: true, period: true, status: true },
        orderBy: { channelId: "asc" },
      }),
    ).toEqual([
      { channelId: "CDIG1", period: "2026-11-30T09:00", status: "posted" },
      { channelId: "CDIG2", period: "2026-11-30T08:30", status: "posted" },
    ]);
  });

  it("releases a claim whose post failed so the next tick retries it; a channel the app left is not retried", async () => {
    const { digests, client } = await instance();
    await h.db.store.digests.subscribe("T0001", "CDIG3", "U1", { schedule: "0 10 * * 1", timezone: "UTC" });
    await h.db.store.digests.subscribe("T0001", "CDIG4", "U1", { schedule: "0 10 * * 1", timezone: "UTC" });
    const at = new Date("2026-11-30T10:00:05Z");
    h.fake.failNext("chat.postMessage", { kind: "error", error: "internal_error" });
    h.fake.failNext("chat.postMessage", { kind: "error", error: "not_in_channel" });
    const first = await sendDueDigests(digests, client, silent, at);
    expect(first.posted).toBe(0);
    const runs = () =>
      h.db.prisma.digestRun.findMany({
        where: { channelId: { in: ["CDIG3", "CDIG4"] } },
        select: { channelId: true, status: true },
        orderBy: { channelId: "asc" },
      });
    expect(await runs()).toEqual([{ channelId: "CDIG4", status: "failed" }]);
    const second = await sendDueDigests(digests, client, silent, new Date(at.getTime() + 60_000));
    expect(second.posted).toBe(1);
    // The fake records every call: CDIG3's failed one and its retry; CDIG4's one refused call, never retried.
    expect(postsTo("CDIG3")).toHaveLength(2);
    expect(postsTo("CDIG4")).toHaveLength(1);
    expect(await runs()).toEqual([
      { channelId: "CDIG3", status: "posted" },
      { channelId: "CDIG4", status: "failed" },
    ]);
  });

  it("posts a digest missed while the app was down once when it comes back, within the grace period", async () => {
    const { digests, client } = await instance();
    await h.db.store.digests.subscribe("T0001", "CDIG5", "U1", { schedule: "0 6 * * 2", timezone: "UTC" });
    // Tuesday 06:00 passed while down; back at 20:00 the same day.
    const back = new Date("2026-12-01T20:00:00Z");
    await sendDueDigests(digests, client, silent, back);
    await sendDueDigests(digests, client, silent, new Date(back.getTime() + 60_000));
    expect(postsTo("CDIG5")).toHaveLength(1);
    expect(await h.db.prisma.digestRun.findFirst({ where: { channelId: "CDIG5" } })).toMatchObject({
      period: "2026-12-01T06:00",
      status: "posted",
    });
  });
});
