import { randomUUID } from "node:crypto";
import { WebClient } from "@slack/web-api";
import { afterAll, describe, expect, it } from "vitest";
import type { NewCheck } from "../../src/domain/checks.js";
import type { Decision } from "../../src/domain/personas/verdict.js";
import { createLogger } from "../../src/logger.js";
import { createOutcomeServices } from "../../src/services/appServices.js";
import { createAssistant } from "../../src/services/assistant.js";
import { RuleBook } from "../../src/services/ruleBook.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { sendDueDigests } from "../../src/slack/digestSender.js";
import { digestMessage } from "../../src/slack/views/digest.js";
import { SingleWorkspaceClient } from "../../src/slack/workspaceClients.js";
import type { Database } from "../../src/store/database.js";
import { testEngines } from "../support/databases.js";
import { FakeOpenAI } from "../support/fakeOpenAI.js";
import { FakeSlack } from "../support/fakeSlack.js";

const engines = testEngines();
afterAll(async () => {
  for (const engine of engines) await engine.dispose();
});

const pack = await loadRuleFile();
const services = (db: Database) => createOutcomeServices(db.store, new RuleBook(db.store.ruleSets, pack));

function check(at: string, decision: Decision, extra: Partial<NewCheck> = {}): NewCheck {
  return {
    id: randomUUID(),
    workspaceId: "TDIG",
    inputKind: "command",
    facts: {},
    decision,
    risk: decision === "reject" ? 80 : decision === "review" ? 40 : 5,
    matchedRules: [],
    missing: [],
    ruleSetVersion: 1,
    createdAt: new Date(at),
    ...extra,
  };
}

describe.each(engines)("digest numbers on $name", (engine) => {
  it("count the period between two scheduled digests exactly, across the spring daylight-saving change", async () => {
    const db = await engine.fresh();
    const { digests } = services(db);
    await db.store.workspaces.settings("TDIG");
    await digests.subscribe("TDIG", "CSALES", "U1", "0 9 * * 1", "Europe/Berlin");
    // Monday 2026-03-30 09:00 in Berlin is 07:00 UTC (summer time); the Monday before, 09:00 was 08:00 UTC.
    const [due] = await digests.due(new Date("2026-03-30T07:00:30Z"));
    expect(due).toMatchObject({
      period: "2026-03-30T07:00",
      occurrence: new Date("2026-03-30T07:00:00Z"),
      since: new Date("2026-03-23T08:00:00Z"),
    });
    const reported = check("2026-03-25T10:00:00Z", "reject", {
      matchedRules: ["student-academic/student-title", "bargain-hunter/wants-free"],
      channelId: "CSALES",
      messageTs: "1.1",
    });
    const imported = check("2026-03-26T10:00:00Z", "reject", {
      matchedRules: ["student-academic/student-title"],
    });
    await db.store.checks.insert([
      check("2026-03-16T10:00:00Z", "pass"), // the week before
      check("2026-03-23T07:30:00Z", "pass"), // 08:30 local: before the last digest, so the week before
      check("2026-03-23T08:00:00Z", "review"), // the last digest's minute: this period
      reported,
      imported,
      check("2026-03-30T06:59:00Z", "pass", { channelId: "CSALES", messageTs: "1.2" }),
      check("2026-03-30T07:00:00Z", "reject"), // the digest's own minute: next period
    ]);
    await db.store.outcomes.record({
      checkId: reported.id as string,
      kind: "lost",
      reason: "student_academic",
      repWords: "a student, mail jo@uni.edu",
      userId: "U1",
    });
    // Outcomes reported this week by reps only (not CRM imports).
    await db.store.outcomes.importMany([
      { id: randomUUID(), checkId: imported.id as string, kind: "lost", reason: "no_budget" },
    ]);
    await db.prisma.outcome.updateMany({ data: { createdAt: new Date("2026-03-27T12:00:00Z") } });
    const data = await digests.data("TDIG", (due as { occurrence: Date }).occurrence, due?.since);
    expect(data.week).toEqual({ total: 4, byDecision: { review: 1, reject: 2, pass: 1 }, averageRisk: 51 });
    expect(data.previousWeek.total).toBe(2);
    expect(data.topRules).toEqual([
      { rule: "student-academic/student-title", checks: 2, won: 0, lost: 2 },
      { rule: "bargain-hunter/wants-free", checks: 1, won: 0, lost: 1 },
    ]);
    expect(data.reasons).toEqual([
      { label: "Student or academic", count: 1, examples: ["a student, mail jo@uni.edu"] },
    ]);
    // In a channel, in the last 30 days, without an outcome: the 06:59 check only.
    expect(data.awaitingOutcome).toBe(1);
    expect(data.trend).toHaveLength(8);
    expect(data.trend.at(-1)?.byDecision).toEqual({ review: 1, reject: 2, pass: 2 });
    expect(JSON.stringify(digestMessage(data).blocks)).toContain("[email]");
    await db.close();
  });

  it("group what reps wrote into themes with the optional LLM, contacts redacted before sending", async () => {
    const db = await engine.fresh();
    const openai = new FakeOpenAI();
    await openai.start();
    try {
      const themes = createAssistant(
        {
          apiKey: "sk-test",
          baseUrl: openai.url,
          model: "m",
          timeoutMs: 3_000,
          dailyBudget: 10,
          sendRawText: true,
        },
        createLogger("silent"),
      )?.themes;
      const { digests } = createOutcomeServices(db.store, new RuleBook(db.store.ruleSets, pack), {
        ...(themes ? { themes } : {}),
      });
      await db.store.workspaces.settings("TDIG");
      const words = [
        "lost, they renewed with their current vendor",
        "stayed with the incumbent, call me at +1 415 555 0100",
        "DQ, only wanted a free tier",
        "lost: went with the tool they already had",
        "looking for something free for a side project",
      ];
      const checks = words.map(() => check("2026-11-24T10:00:00Z", "review"));
      await db.store.checks.insert(checks);
      // The newest first, as the digest reads them: words[0] is the newest.
      for (const [i, c] of checks.entries()) {
        await db.store.outcomes.record({
          checkId: c.id as string,
          kind: "lost",
          repWords: words[i] as string,
          userId: "U1",
        });
        await db.prisma.outcome.updateMany({
          where: { checkId: c.id as string },
          data: { createdAt: new Date(Date.UTC(2026, 10, 27, 12 - i)) },
        });
      }
      openai.next({
        kind: "answer",
        value: {
          themes: [
            { label: "Free tier only", items: [2, 4] },
            { label: "Kept the incumbent <@U1>", items: [0, 1] }, // a label with a mention: dropped
            { label: "Kept their current tool", items: [0, 1, 3, 99] },
          ],
        },
      });
      const data = await digests.data("TDIG", new Date("2026-11-30T00:00:00Z"));
      expect(data.themes).toEqual([
        {
          label: "Kept their current tool",
          count: 3,
          examples: [
            "lost, they renewed with their current vendor",
            "stayed with the incumbent, call me at [phone]",
          ],
        },
        {
          label: "Free tier only",
          count: 2,
          examples: ["DQ, only wanted a free tier", "looking for something free for a side project"],
        },
      ]);
      expect(openai.requests.at(-1)?.raw).not.toContain("555 0100");
      expect(JSON.stringify(digestMessage(data).blocks)).toContain("*Kept their current tool* ×3");
      // The model failing leaves the digest without themes, never without a digest.
      openai.next({ kind: "status", status: 500 });
      expect((await digests.data("TDIG", new Date("2026-11-30T00:00:00Z"))).themes).toBeUndefined();
    } finally {
      await openai.stop();
      await db.close();
    }
  });

  it("post exactly once when two schedulers tick at the same time on the same database", async () => {
    const db = await engine.fresh();
    const fake = new FakeSlack();
    await fake.start();
    try {
      await db.store.workspaces.settings("TDIG");
      const instances = [services(db), services(db)];
      await instances[0]?.digests.subscribe("TDIG", "CONCUR", "U1", "0 9 * * 1", "UTC");
      const now = new Date("2026-11-30T09:00:10Z");
      const logger = createLogger("silent");
      const client = () =>
        new SingleWorkspaceClient(
          new WebClient("xoxb-test", { slackApiUrl: `${fake.url}/api/`, retryConfig: { retries: 0 } }),
          logger,
        );
      const results = await Promise.all(
        [0, 1, 0, 1].map((i) =>
          sendDueDigests((instances[i] as ReturnType<typeof services>).digests, client(), logger, now, 0),
        ),
      );
      expect(results.map((r) => r.posted).reduce((a, b) => a + b, 0)).toBe(1);
      expect(fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "CONCUR")).toHaveLength(1);
      expect(await db.prisma.digestRun.findMany({ select: { status: true, period: true } })).toEqual([
        { status: "posted", period: "2026-11-30T09:00" },
      ]);
    } finally {
      await fake.stop();
      await db.close();
    }
  });

  it("take over a claim whose instance died between claim and post, after ten minutes, and post once", async () => {
    const db = await engine.fresh();
    const { digests } = services(db);
    await db.store.workspaces.settings("TDIG");
    const period = { workspaceId: "TDIG", channelId: "CDEAD", period: "2026-11-30T09:00" };
    const crashed = await digests.claim(period);
    expect(crashed).toBeDefined();
    // Right after the restart the claim still looks alive.
    expect(await digests.claim(period)).toBeUndefined();
    await db.prisma.digestRun.updateMany({ data: { claimedAt: new Date(Date.now() - 11 * 60_000) } });
    const [a, b] = await Promise.all([digests.claim(period), digests.claim(period)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    await digests.complete((a ?? b) as string, "1700000000.000100");
    await db.prisma.digestRun.updateMany({ data: { claimedAt: new Date(Date.now() - 60 * 60_000) } });
    // A posted digest is never taken over.
    expect(await digests.claim(period)).toBeUndefined();
    await db.close();
  });

  it("keep a week of 10,000 checks and 500 distinct reasons within Slack's limits", async () => {
    const db = await engine.fresh();
    const { digests } = services(db);
    await db.store.workspaces.settings("TDIG");
    const to = new Date();
    const checks = Array.from({ length: 10_000 }, (_, i) =>
      check(
        new Date(to.getTime() - 1 - (i % 6_000) * 60_000).toISOString(),
        (["pass", "review", "reject", "needs_info"] as const)[i % 4] as Decision,
        {
          matchedRules: [`persona-${i % 40}/rule-${i % 70}`],
        },
      ),
    );
    for (let i = 0; i < checks.length; i += 2_000) await db.store.checks.insert(checks.slice(i, i + 2_000));
    await db.store.outcomes.importMany(
      checks.slice(0, 500).map((c, i) => ({
        id: randomUUID(),
        checkId: c.id as string,
        kind: "lost" as const,
        reason: `custom_${i}`,
        repWords: "x ".repeat(400),
      })),
    );
    await db.prisma.outcome.updateMany({
      data: { userId: "U1", createdAt: new Date(to.getTime() - 3_600_000) },
    });
    const data = await digests.data("TDIG", to);
    expect(data.week.total).toBe(10_000);
    const message = digestMessage(data);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const b of message.blocks)
      expect(((b as { text?: { text: string } }).text?.text ?? "").length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(message.blocks).length).toBeLessThan(13_000);
  });
});
