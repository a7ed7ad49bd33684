import { WebClient } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createOutcomeServices } from "../../src/services/appServices.js";
import { RuleBook } from "../../src/services/ruleBook.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { sendDueDigests } from "../../src/slack/digestSender.js";
import { SingleWorkspaceClient } from "../../src/slack/workspaceClients.js";
import { commandFields, eventEnvelope, useSlackHarness } from "./harness.js";
import { verdictIn } from "./outcomeSteps.js";

const h = useSlackHarness();

async function command(text: string, channel: string, user = "U2147483697") {
  const id = `dg-${Math.random().toString(36).slice(2)}`;
  await h.slack.command(
    commandFields(text, h.fake, { user_id: user, channel_id: channel, response_url: h.fake.responseUrl(id) }),
  );
  return (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id), 20_000)).body;
}

/** A second app instance's digest services on the same database, posting through the fake Web API. */
const silent = createLogger("silent");

async function instance() {
  const { digests } = createOutcomeServices(
    h.db.store,
    new RuleBook(h.db.store.ruleSets, await loadRuleFile()),
  );
  const client = new SingleWorkspaceClient(
    new WebClient("xoxb-test-token", { slackApiUrl: `${h.fake.url}/api/`, retryConfig: { retries: 0 } }),
    silent,
  );
  return { digests, client };
}

const postsTo = (channel: string) =>
  h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === channel);

describe("/triage digest", () => {
  it("subscribes a channel (announcing it there), with a validated schedule, and lists the subscriptions", async () => {
    const ok = await command("digest subscribe", "CDIG1");
    expect(String(ok.text)).toBe("Subscribed <#CDIG1>: every Monday at 09:00 (UTC).");
    expect(String(postsTo("CDIG1")[0]?.body.text)).toContain(
      "subscribed this channel to Lead Triage's weekly red-flag digest",
    );
    // A member decides for the channel they are in; another channel is for admins (or its own members).
    const elsewhere = await command("digest subscribe <#CDIG2|deals> 30 8 * * 1-5", "CDIG1");
    expect(String(elsewhere.text)).toContain("Run `/triage digest subscribe` in <#CDIG2> itself");
    expect(String(elsewhere.text)).toContain("Only admins can subscribe another channel");
    h.fake.workspaceAdmins.add("USALESLEAD");
    const other = await command("digest subscribe <#CDIG2|deals> 30 8 * * 1-5", "CDIG1", "USALESLEAD");
    expect(String(other.text)).toBe("Subscribed <#CDIG2>: on `30 8 * * 1-5` (UTC).");
    const bad = await command("digest subscribe 0 25 * * 1", "CDIG9");
    expect(String(bad.text)).toContain("not a valid schedule");
    // Never more than once a day, whoever asks: a "weekly" digest every minute is refused.
    for (const user of ["U2147483697", "USALESLEAD"]) {
      const often = await command("digest subscribe * * * * *", "CDIG9", user);
      expect(String(often.text)).toContain("would post more than once a day");
    }
    const unsubscribeElsewhere = await command("digest unsubscribe <#CDIG2|deals>", "CDIG1");
    expect(String(unsubscribeElsewhere.text)).toContain("Only admins can unsubscribe another channel");
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
      sendDueDigests(a.digests, a.client, silent, monday9, 0),
      sendDueDigests(b.digests, b.client, silent, monday9, 0),
      sendDueDigests(a.digests, a.client, silent, monday9, 0),
    ]);
    // CDIG1 is due (Monday 09:00); CDIG2's weekday 08:30 is due too.
    expect(results.reduce((n, r) => n + r.posted, 0)).toBe(2);
    expect(postsTo("CDIG1").slice(before)).toHaveLength(1);
    expect(
      await sendDueDigests(a.digests, a.client, silent, new Date(monday9.getTime() + 3 * 3_600_000), 0),
    ).toEqual({
      due: 2,
      posted: 0,
      notInstalled: 0,
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

  it("releases a claim whose post failed; the channel backs off, never stops the others, and is paused after repeated failures", async () => {
    const { digests, client } = await instance();
    await h.db.store.digests.subscribe("T0001", "CDIG3", "U1", { schedule: "0 10 * * 1", timezone: "UTC" });
    await h.db.store.digests.subscribe("T0001", "CDIG4", "U1", { schedule: "0 10 * * 1", timezone: "UTC" });
    const at = new Date("2026-11-30T10:00:05Z");
    // CDIG3 fails once (Slack hiccup); the app was removed from CDIG4.
    h.fake.failNext("chat.postMessage", { kind: "error", error: "internal_error" });
    h.fake.channelErrors.set("CDIG4", "not_in_channel");
    expect((await sendDueDigests(digests, client, silent, at, 0)).posted).toBe(0);
    // Both claims were released; both channels wait before the next try.
    expect(await h.db.prisma.digestRun.count({ where: { channelId: { in: ["CDIG3", "CDIG4"] } } })).toBe(0);
    const sub = (channelId: string) =>
      h.db.prisma.digestSubscription.findFirstOrThrow({
        where: { channelId },
        select: { failures: true, lastError: true, retryAfter: true, pausedAt: true },
      });
    expect(await sub("CDIG4")).toMatchObject({ failures: 1, lastError: "not_in_channel", pausedAt: null });
    // A minute later both are still backing off (two minutes after a first failure)…
    const minuteLater = new Date(at.getTime() + 60_000);
    // (CDIG1 and CDIG2 are due too, but were posted already.)
    expect((await digests.due(minuteLater)).map((d) => d.channelId)).toEqual(["CDIG1", "CDIG2"]);
    expect((await sendDueDigests(digests, client, silent, minuteLater, 0)).posted).toBe(0);
    // …and three minutes later CDIG3 goes out; CDIG4 fails again.
    const later = await sendDueDigests(digests, client, silent, new Date(at.getTime() + 3 * 60_000), 0);
    expect(later.posted).toBe(1);
    expect(await sub("CDIG3")).toMatchObject({ failures: 0, lastError: null });
    expect(await h.db.prisma.digestRun.findFirst({ where: { channelId: "CDIG3" } })).toMatchObject({
      status: "posted",
    });
    // Three more failures pause CDIG4; the Home tab tells admins.
    await h.db.prisma.digestSubscription.updateMany({
      where: { channelId: "CDIG4" },
      data: { failures: 4, retryAfter: null },
    });
    await sendDueDigests(digests, client, silent, new Date(at.getTime() + 4 * 60_000), 0);
    expect((await sub("CDIG4")).pausedAt).toBeInstanceOf(Date);
    expect((await digests.due(new Date(at.getTime() + 2 * 3_600_000))).map((d) => d.channelId)).not.toContain(
      "CDIG4",
    );
    const publishes = h.fake.callsTo("views.publish").length;
    await h.slack.event(
      eventEnvelope("EvHOMEDIG", {
        type: "app_home_opened",
        user: "UBOSS",
        channel: "D1",
        tab: "home",
        event_ts: "1.1",
      }),
    );
    const home = await h.fake.waitFor(() => h.fake.callsTo("views.publish")[publishes]);
    expect(JSON.stringify(home.body.view)).toContain(
      "The digest for <#CDIG4> is paused after 5 failed posts (not_in_channel)",
    );
    // Subscribing again resumes it.
    h.fake.channelErrors.delete("CDIG4");
    await h.db.store.digests.subscribe("T0001", "CDIG4", "U1", { schedule: "0 10 * * 1", timezone: "UTC" });
    expect(await sub("CDIG4")).toMatchObject({ failures: 0, pausedAt: null });
  });

  it("attaches the eight-week chart as a PNG in the digest's thread", async () => {
    const { digests, client } = await instance();
    // Daily at the next full hour: the period it covers (the day before) holds the checks made so far, at
    // whatever time of day the test runs.
    const nextHour = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    await h.db.store.digests.subscribe("T0001", "CDIG6", "U1", {
      schedule: `0 ${nextHour.getUTCHours()} * * *`,
      timezone: "UTC",
    });
    const uploads = h.fake.uploads.length;
    await sendDueDigests(digests, client, silent, new Date(nextHour.getTime() + 5_000), 0);
    const digest = postsTo("CDIG6")[0];
    expect(JSON.stringify(digest?.body.blocks)).toContain("The week at a glance");
    const complete = await h.fake.waitFor(() =>
      h.fake.callsTo("files.completeUploadExternal").find((c) => c.body.channel_id === "CDIG6"),
    );
    expect(complete.body).toMatchObject({ thread_ts: expect.stringMatching(/^\d+\.\d+$/) });
    const png = h.fake.uploads.slice(uploads).at(-1)?.bytes;
    // The client sends it as multipart form data: the PNG's signature is inside.
    expect(png?.indexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeGreaterThan(0);
  });

  it("posts a digest missed while the app was down once when it comes back, within the grace period", async () => {
    const { digests, client } = await instance();
    await h.db.store.digests.subscribe("T0001", "CDIG5", "U1", { schedule: "0 6 * * 2", timezone: "UTC" });
    // Tuesday 06:00 passed while down; back at 20:00 the same day.
    const back = new Date("2026-12-01T20:00:00Z");
    await sendDueDigests(digests, client, silent, back, 0);
    await sendDueDigests(digests, client, silent, new Date(back.getTime() + 60_000), 0);
    expect(postsTo("CDIG5")).toHaveLength(1);
    expect(await h.db.prisma.digestRun.findFirst({ where: { channelId: "CDIG5" } })).toMatchObject({
      period: "2026-12-01T06:00",
      status: "posted",
    });
  });
});
