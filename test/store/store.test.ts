import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { parseLead } from "../../src/domain/lead/parse.js";
import { compileRuleSet } from "../../src/domain/personas/compile.js";
import { leadFromStoredFacts } from "../../src/domain/refine/replay.js";
import type { StoredFacts } from "../../src/domain/refine/traits.js";
import { createLogger } from "../../src/logger.js";
import { createOutcomeServices } from "../../src/services/appServices.js";
import { CheckWriter } from "../../src/services/checkWriter.js";
import { ReasonService } from "../../src/services/reasons.js";
import { checkRecord } from "../../src/services/recordTriage.js";
import { runRetention } from "../../src/services/retention.js";
import { RuleBook } from "../../src/services/ruleBook.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { SettingsCache } from "../../src/services/settingsCache.js";
import { createTriageServices, triageLead } from "../../src/services/triageLead.js";
import {
  countDecisions,
  findCheckByMessage,
  linkMessages,
  recordCheck,
  recordChecks,
} from "../../src/store/checks.js";
import type { Database } from "../../src/store/database.js";
import {
  claimDigestRun,
  completeDigestRun,
  digestSubscriptions,
  subscribeDigest,
} from "../../src/store/digests.js";
import { markEventProcessed, purgeProcessedEvents } from "../../src/store/events.js";
import { migrate, readMigrations } from "../../src/store/migrate.js";
import { currentOutcome, recordOutcome } from "../../src/store/outcomes.js";
import { activeRuleSet, publishRuleSet } from "../../src/store/ruleSets.js";
import { pgliteConnection } from "../../src/store/sql.js";
import { workspaceSettings } from "../../src/store/workspaces.js";
import { testEngines } from "../support/databases.js";

const engines = testEngines();
afterAll(async () => {
  for (const engine of engines) await engine.dispose();
});

const pack = compileRuleSet(await loadRuleFile());
const silentLogger = createLogger("silent");

async function workspace(db: Database, id = "T1"): Promise<string> {
  await workspaceSettings(db.prisma, id);
  return id;
}

describe.each(engines)("store on $name", (engine) => {
  it("keeps one of two admins adding the same reason at once, and tells the other", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    const [a, b] = [new ReasonService(db.store), new ReasonService(db.store)];
    const results = await Promise.allSettled([
      a.add(ws, "Needs on-premise", ["on-prem"], "U1"),
      b.add(ws, "needs on-premise", [], "U2"),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(String((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason)).toContain(
      "already a reason",
    );
    expect(await db.prisma.reasonChange.count({ where: { workspaceId: ws } })).toBe(1);
    // A rename is seen by a fresh read in every instance; the id stays.
    await a.rename(ws, "needs_on_premise", "On-premise only", "U1");
    const seen = await new ReasonService(db.store).taxonomy(ws);
    expect(seen.label("needs_on_premise")).toBe("On-premise only");
    expect(seen.find("on-prem")).toBe("needs_on_premise");
  });

  it("ends the plain SQL's connections on close, even when Prisma never ran a query", async () => {
    const db = await engine.fresh();
    expect(await db.sql.query<{ one: number }>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    await db.close();
    // A connection left open would answer (and keep a one-off command's process alive until it idled out).
    await expect(db.sql.query("SELECT 1")).rejects.toThrow();
  });

  it("keeps a check with its verdict, without personal facts, and finds it by message", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    const lead = parseLead("Priya Raman, intern at Northwind, priya@northwind.com, wants the cheapest plan");
    const verdict = pack.evaluate(lead);
    const { retentionDays } = await workspaceSettings(db.prisma, ws);
    const id = await recordCheck(
      db.prisma,
      checkRecord(
        { workspaceId: ws, inputKind: "command", channelId: "C1", messageTs: "1.2", threadTs: "1.2" },
        lead,
        verdict,
        retentionDays,
      ),
    );
    const row = await db.prisma.check.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      decision: verdict.decision,
      risk: verdict.risk,
      ruleSetVersion: 1,
      channelId: "C1",
    });
    expect(row.matchedRules).toContain("non-decision-maker/intern");
    expect(row.facts).toMatchObject({ emailDomain: "northwind.com", seniority: "intern" });
    expect(row.facts).not.toHaveProperty("email");
    expect(row.facts).not.toHaveProperty("name");
    expect(row.rawText).toBe(lead.text);
    expect(row.rawTextExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 89 * 86_400_000);
    expect((await findCheckByMessage(db.prisma, "C1", "1.2"))?.id).toBe(id);
  });

  it("creates a new workspace once when its first requests arrive together", async () => {
    const db = await engine.fresh();
    const settings = await Promise.all(
      Array.from({ length: 8 }, () => workspaceSettings(db.prisma, "TNEW", "New team")),
    );
    expect(settings.every((s) => s.retentionDays === 90 && s.activeRuleSetVersion === null)).toBe(true);
    expect(await db.prisma.workspace.count({ where: { id: "TNEW" } })).toBe(1);
  });

  it("writes checks in batches and hands every caller its id", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    const writer = new CheckWriter(
      {
        insert: (checks) => recordChecks(db.sql, checks),
        linkMessages: (links) => linkMessages(db.prisma, links),
        ping: db.ping,
      },
      silentLogger,
      { maxBatch: 40, maxDelayMs: 5 },
    );
    const lead = parseLead("VP Sales at Acme, 200 employees");
    const record = checkRecord({ workspaceId: ws, inputKind: "command" }, lead, pack.evaluate(lead), 90);
    const kept = Array.from({ length: 250 }, () => writer.keep(record));
    const ids = kept.map((k) => k.id);
    expect(new Set(ids).size).toBe(250);
    // A link that arrives while the check waits for its batch is merged into the insert; a later one updates.
    writer.link({ id: ids[0] as string, channelId: "C9", messageTs: "9.1", threadTs: "9.1" });
    expect(await Promise.all(kept.map((k) => k.stored))).toEqual(Array(250).fill(true));
    writer.link({ id: ids[1] as string, channelId: "C9", messageTs: "9.2", threadTs: "9.0" });
    await writer.flush();
    expect(await findCheckByMessage(db.prisma, "C9", "9.1")).toMatchObject({ id: ids[0] });
    expect(await findCheckByMessage(db.prisma, "C9", "9.2")).toMatchObject({ id: ids[1], threadTs: "9.0" });
    expect(await db.prisma.check.count({ where: { id: { in: ids } } })).toBe(250);
  });

  it("stores a batch exactly as it stores one check (every field), and skips ids already stored", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    const lead = parseLead(
      "Priya, intern at Northwind (50-200 employees), budget $500/month, cheapest plan, Berlin",
    );
    const base = {
      ...checkRecord(
        { workspaceId: ws, inputKind: "csv", userId: "U1", channelId: "C1" },
        lead,
        pack.evaluate(lead),
        30,
      ),
      createdAt: new Date("2026-03-04T05:06:07.008Z"),
    };
    const one = await recordCheck(db.prisma, base);
    const batchId = "7d9f6a52-3c1b-4e2f-9a8b-0c1d2e3f4a5b";
    expect(
      await recordChecks(db.sql, [
        { ...base, id: batchId },
        { ...base, matchedRules: [], missing: [] },
      ]),
    ).toBe(2);
    expect(await recordChecks(db.sql, [{ ...base, id: batchId }])).toBe(0);
    const strip = ({ id: _, ...row }: Record<string, unknown>) => row;
    const [a, b] = await Promise.all([
      db.prisma.check.findUniqueOrThrow({ where: { id: one } }),
      db.prisma.check.findUniqueOrThrow({ where: { id: batchId } }),
    ]);
    expect(strip(b)).toEqual(strip(a));
    expect(a.createdAt.toISOString()).toBe("2026-03-04T05:06:07.008Z");
  });

  it("cleans in a batch only the text the database would refuse, keeping the rest as typed", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    const lead = parseLead("Priya, VP Sales at Northwind, 200 employees");
    const base = checkRecord({ workspaceId: ws, inputKind: "csv" }, lead, pack.evaluate(lead), 30);
    const ids = ["1d9f6a52-3c1b-4e2f-9a8b-0c1d2e3f4a5b", "2d9f6a52-3c1b-4e2f-9a8b-0c1d2e3f4a5b"];
    const typed = String.raw`a path C:\u0000 typed, and an emoji 🎉`;
    // Typed text that only looks like an escape, alone in a batch: stored exactly.
    expect(await recordChecks(db.sql, [{ ...base, id: ids[0], rawText: typed }])).toBe(1);
    // A NUL byte and half an emoji in the same batch as plain text.
    const odd = { ...base, id: ids[1], rawText: "nul\u0000here", facts: { company: "Acme \uD83D" } };
    expect(await recordChecks(db.sql, [odd, base])).toBe(2);
    const [kept, cleaned] = await Promise.all(
      ids.map((id) => db.prisma.check.findUniqueOrThrow({ where: { id } })),
    );
    expect(kept?.rawText).toBe(typed);
    expect(cleaned?.rawText).toBe("nulhere");
    expect(cleaned?.facts).toEqual({ company: "Acme \uFFFD" });
  });

  it("counts decisions over a period in SQL", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    const texts = [
      "intern, cheapest",
      "VP Sales at Acme, 200 employees",
      "bob@mailinator.com",
      "student thesis",
    ];
    const records = texts.map((t) => {
      const lead = parseLead(t);
      return checkRecord({ workspaceId: ws, inputKind: "csv" }, lead, pack.evaluate(lead), 90);
    });
    expect(await recordChecks(db.sql, records)).toBe(4);
    await workspace(db, "OTHER");
    await recordCheck(db.prisma, { ...(records[0] as (typeof records)[0]), workspaceId: "OTHER" });
    const counts = await countDecisions(db.prisma, ws, new Date(Date.now() - 86_400_000));
    expect(counts.total).toBe(4);
    const tally: Record<string, number> = {};
    for (const r of records) tally[r.decision] = (tally[r.decision] ?? 0) + 1;
    expect(counts.byDecision).toEqual(tally);
    expect(tally.reject).toBe(2); // the throwaway address and the student
    expect(await countDecisions(db.prisma, ws, new Date(Date.now() + 60_000))).toMatchObject({ total: 0 });
  });

  it("purges lead text after retention and keeps the verdict", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    const lead = parseLead("student at MIT");
    const id = await recordCheck(db.prisma, {
      ...checkRecord({ workspaceId: ws, inputKind: "cli" }, lead, pack.evaluate(lead), 90),
      retainUntil: new Date(Date.now() - 1000),
    });
    await markEventProcessed(db.prisma, "EvOLD");
    // Inbound leads: a settled one goes after a week (its check stays); one still waiting is never purged.
    await db.store.inbound.createEndpoint({
      id: "ep_RETENTIONtestRETEN1",
      workspaceId: ws,
      channelId: "C0LEADS01",
      sealedSecret: "v1:test",
      createdBy: "U04ADMIN1",
    });
    const inboundLead = (sourceKey: string) =>
      db.store.inbound.accept({
        endpointId: "ep_RETENTIONtestRETEN1",
        workspaceId: ws,
        channelId: "C0LEADS01",
        sourceKey,
        text: "Email: a@b.co",
      });
    const settled = await inboundLead("k1");
    await inboundLead("k2");
    await db.store.inbound.markPosted(settled.id, { checkId: id, messageTs: "1733300000.000100" });
    // Outbound events: a delivered one goes after a week; one still waiting for its receiver stays.
    await db.store.outbound.setTarget({
      workspaceId: ws,
      url: "https://crm.example.com/hook",
      sealedSecret: "v1:test",
      includeText: false,
      createdBy: "U04ADMIN1",
    });
    for (let i = 0; i < 2; i++)
      await recordCheck(
        db.prisma,
        checkRecord({ workspaceId: ws, inputKind: "cli" }, lead, pack.evaluate(lead), 90),
      );
    const [delivered] = await db.prisma.outboundEvent.findMany({ orderBy: { createdAt: "asc" } });
    await db.store.outbound.delivered(delivered?.id as string, 200);
    expect(await runRetention(db.store, new Date(Date.now() + 2 * 86_400_000))).toEqual({
      textsPurged: 1,
      eventIdsPurged: 1,
      oauthStatesPurged: 0,
      inboundPurged: 0,
      outboundPurged: 0,
    });
    expect(await runRetention(db.store, new Date(Date.now() + 8 * 86_400_000))).toMatchObject({
      inboundPurged: 1,
      outboundPurged: 1,
    });
    expect(await db.prisma.inboundLead.count()).toBe(1);
    expect(await db.prisma.outboundEvent.findMany({ select: { status: true } })).toEqual([
      { status: "pending" },
    ]);
    const row = await db.prisma.check.findUniqueOrThrow({ where: { id } });
    expect(row.rawText).toBeNull();
    expect(row.decision).toBe(pack.evaluate(lead).decision);
  });

  it("publishes rule-set versions and activates the newest", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    expect(await activeRuleSet(db.prisma, ws)).toBeUndefined();
    const doc = { thresholds: { review: 35, reject: 70 }, minKnownFacts: 2, personas: [] };
    expect(
      await publishRuleSet(db.prisma, ws, { document: doc, author: "U1", provenance: "default pack" }),
    ).toBe(1);
    expect(
      await publishRuleSet(db.prisma, ws, { document: { ...doc, minKnownFacts: 3 }, note: "stricter" }),
    ).toBe(2);
    const active = await activeRuleSet(db.prisma, ws);
    expect(active).toMatchObject({
      version: 2,
      note: "stricter",
      document: { version: 2, minKnownFacts: 3 },
    });
  });

  it("links a check to the message its post reports, and keeps one whose post failed without waiting", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    // A check held for its message waits at most linkWaitMs: here far longer than the test may run.
    const services = createTriageServices(db, await loadRuleFile(), silentLogger, { linkWaitMs: 600_000 });
    const where = { workspaceId: ws, inputKind: "mention" as const, channelId: "C0123ABCD" };
    const lead = "Priya Raman, VP Sales at Northwind Traders, 200 employees";
    const at = { channelId: "C0123ABCD", messageTs: "1733300000.000100", threadTs: "1733300000.000100" };
    const posted = await triageLead(services, where, lead, { post: async () => at });
    const failed = await triageLead(services, where, lead, {
      post: async () => {
        throw new Error("channel_not_found");
      },
    });
    const privately = await triageLead(services, where, lead, { post: async () => undefined });
    expect(await Promise.all([posted.stored, failed.stored, privately.stored])).toEqual([true, true, true]);
    await expect(posted.posted).resolves.toEqual(at);
    await expect(failed.posted).rejects.toThrow("channel_not_found");
    expect((await db.store.checks.findByMessage(at.channelId, at.messageTs))?.id).toBe(posted.checkId);
    const unlinked = await db.prisma.check.findMany({
      where: { id: { in: [failed.checkId, privately.checkId] } },
      select: { messageTs: true },
    });
    expect(unlinked).toEqual([{ messageTs: null }, { messageTs: null }]);
  }, 60_000);

  it("triages with the workspace's published rule set, and the default pack before one", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    const defaultPack = await loadRuleFile();
    const services = createTriageServices(db, defaultPack, silentLogger);
    const lead = "Creative Director at Pixel Perfect Agency, 15 people";
    const before = await triageLead(services, { workspaceId: ws, inputKind: "command" }, lead);
    expect(before.report).toMatchObject({ ruleSetVersion: 1, decision: "pass" });
    // The default pack was adopted as the workspace's stored version 1, so v1 can be replayed.
    expect(await activeRuleSet(db.prisma, ws)).toMatchObject({ version: 1, provenance: "default pack" });
    const concurrent = await Promise.all(
      ["T2", "T2", "T2"].map(async (id) => {
        await workspaceSettings(db.prisma, id);
        return new RuleBook(db.store.ruleSets, defaultPack).rulesFor(id, null);
      }),
    );
    expect(concurrent.map((r) => r.version)).toEqual([1, 1, 1]);
    expect(await db.prisma.ruleSet.count({ where: { workspaceId: "T2" } })).toBe(1);
    await publishRuleSet(db.prisma, ws, {
      document: {
        thresholds: { review: 35, reject: 70 },
        minKnownFacts: 2,
        personas: [
          {
            id: "agencies",
            name: "Agencies",
            description: "",
            kind: "anti",
            rules: [
              {
                id: "agency",
                when: { field: "industry", op: "eq", value: "agency" },
                exclude: true,
                reason: "No agencies ({evidence})",
                provenance: "manual",
              },
            ],
          },
        ],
      },
    });
    // Settings are cached for 5 s: a fresh service set sees the new version at once.
    const after = await triageLead(
      createTriageServices(db, defaultPack, silentLogger),
      { workspaceId: ws, inputKind: "command" },
      lead,
    );
    expect(after.report).toMatchObject({ ruleSetVersion: 2, decision: "reject" });
    expect(after.report.matches[0]?.reason).toBe('No agencies ("Agency")');
    // The cached service set keeps its settings until they expire.
    expect(
      (await triageLead(services, { workspaceId: ws, inputKind: "command" }, lead)).report.decision,
    ).toBe("pass");
  });

  it("reads workspace settings at most once per TTL", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    const cache = new SettingsCache(db.store.workspaces, 60_000);
    expect(await cache.get(ws)).toEqual({ retentionDays: 90, activeRuleSetVersion: null });
    await db.prisma.workspace.update({ where: { id: ws }, data: { retentionDays: 30 } });
    expect((await cache.get(ws)).retentionDays).toBe(90);
    expect((await new SettingsCache(db.store.workspaces, 0).get(ws)).retentionDays).toBe(30);
  });

  /** A fresh database with a workspace and one check in it. */
  const oneCheck = async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    const lead = parseLead("VP Sales at Acme");
    const checkId = await recordCheck(
      db.prisma,
      checkRecord({ workspaceId: ws, inputKind: "cli" }, lead, pack.evaluate(lead), 90),
    );
    return { db, ws, checkId };
  };

  it("keeps outcome history with exactly one current outcome", async () => {
    const { db, checkId } = await oneCheck();
    await recordOutcome(db.prisma, { checkId, kind: "lost", reason: "no_budget", repWords: "no budget" });
    await recordOutcome(db.prisma, { checkId, kind: "won" });
    expect(await currentOutcome(db.prisma, checkId)).toMatchObject({ kind: "won" });
    expect(await db.prisma.outcome.count({ where: { checkId } })).toBe(2);
    // The partial unique index refuses a second current outcome written behind the repository's back.
    await expect(db.prisma.outcome.create({ data: { checkId, kind: "lost" } })).rejects.toThrow();
  });

  it("settles simultaneous outcome reports on one verdict: the last stands, the others are history", async () => {
    const { db, ws, checkId } = await oneCheck();
    const kinds = ["won", "lost", "disqualified", "won", "lost", "verdict_wrong"] as const;
    const { outcomes } = createOutcomeServices(db.store, new RuleBook(db.store.ruleSets, pack.ruleSet));
    const results = await Promise.allSettled(
      kinds.map((kind, i) => outcomes.report({ workspaceId: ws, checkId, kind, userId: `U00000${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(kinds.map(() => "fulfilled"));
    expect(await db.prisma.outcome.count({ where: { checkId } })).toBe(kinds.length);
    const current = await db.prisma.outcome.findMany({ where: { checkId, isCurrent: true } });
    expect(current).toHaveLength(1);
    const latest = await db.prisma.outcome.findFirstOrThrow({
      where: { checkId },
      orderBy: { createdAt: "desc" },
    });
    expect(current[0]?.id).toBe(latest.id);
    // Each rep is told what stands: the report that stands says so, an overruled one names the later one.
    const told = results.map(
      (r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof outcomes.report>>>).value,
    );
    const standing = told.filter((t) => !t.overruled && t.outcome.userId === latest.userId);
    expect(standing.length).toBeGreaterThanOrEqual(1);
    for (const t of told.filter((t) => t.overruled)) expect(t.outcome.userId).not.toBeUndefined();
  });

  it("keeps which facts a mail's body told of someone else: refinement leaves them out, a replay weighs them at half", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    const signed = "\n\nBest,\nAna Ruiz\nNorthgate Foods\n+1 415 555 0100";
    const mail = parseLead(
      `Hi Tom,\n\nMy contact says their buyer is a student at Lisbon University.${signed}`,
    );
    const live = pack.evaluate(mail);
    const record = checkRecord({ workspaceId: ws, inputKind: "cli" }, mail, live, 90);
    expect(record.secondHandFacts).toEqual(expect.arrayContaining(["title", "seniority"]));
    const single = await recordCheck(db.prisma, record);
    const batchId = "3d9f6a52-3c1b-4e2f-9a8b-0c1d2e3f4a5b";
    await recordChecks(db.sql, [{ ...record, id: batchId }]);
    for (const id of [single, batchId]) {
      const stored = await db.prisma.check.findUniqueOrThrow({ where: { id } });
      expect(stored.secondHandFacts).toEqual(record.secondHandFacts);
      expect(stored.facts).toMatchObject({ seniority: "student", company: "Northgate Foods" });
    }
    await db.store.outcomes.record({ checkId: single, kind: "lost" });
    const [learned] = await db.store.outcomes.history(ws);
    expect(learned?.facts).not.toHaveProperty("seniority");
    expect(learned?.facts).not.toHaveProperty("title");
    expect(learned?.facts).toHaveProperty("company", "Northgate Foods");
    // Once the text is purged, a backtest replays the kept facts with the live verdict's weights.
    await db.prisma.check.update({ where: { id: single }, data: { rawText: null } });
    const [row] = await db.store.outcomes.replayPage(ws, new Date(0), undefined, 10);
    if (!row) throw new Error("the check with an outcome is replayed");
    const replayed = pack.evaluate(leadFromStoredFacts(row.facts as StoredFacts, row.secondHandFacts));
    const student = (v: typeof live) => v.matches.find((m) => m.rule === "student-title");
    expect(student(live)?.secondHand).toEqual({ counted: 30 });
    expect(student(replayed)).toMatchObject({ secondHand: { counted: 30 } });
    // The verdict shown again with a later outcome still says which facts were second-hand.
    const { outcomes } = createOutcomeServices(db.store, new RuleBook(db.store.ruleSets, pack.ruleSet));
    const shown = await outcomes.report({ workspaceId: ws, checkId: single, kind: "won" });
    expect(shown.verdict.secondHand).toEqual(record.secondHandFacts);
  });

  it("lets exactly one of two concurrent digest claims win", async () => {
    const db = await engine.fresh();
    const ws = await workspace(db);
    await subscribeDigest(db.prisma, ws, "C9", "U1");
    await subscribeDigest(db.prisma, ws, "C9", "U2");
    expect(await digestSubscriptions(db.prisma, ws)).toEqual(["C9"]);
    const claims = await Promise.all([
      claimDigestRun(db.prisma, ws, "C9", "2026-W48"),
      claimDigestRun(db.prisma, ws, "C9", "2026-W48"),
    ]);
    expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
    const runId = claims.find((c) => c !== undefined) as string;
    await completeDigestRun(db.prisma, runId, "1700000000.000100");
    expect(await db.prisma.digestRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "posted",
      messageTs: "1700000000.000100",
    });
    expect(await claimDigestRun(db.prisma, ws, "C9", "2026-W49")).toBeDefined();
  });

  it("marks an event id processed once, even concurrently", async () => {
    const db = await engine.fresh();
    const results = await Promise.all([
      markEventProcessed(db.prisma, "Ev1"),
      markEventProcessed(db.prisma, "Ev1"),
    ]);
    expect(results.sort()).toEqual([false, true]);
    expect(await markEventProcessed(db.prisma, "Ev1")).toBe(false);
    expect(await purgeProcessedEvents(db.prisma, new Date(Date.now() + 1000))).toBe(1);
  });

  it("has every model and field of the Prisma schema as a table and column of the right type", async () => {
    const db = await engine.fresh();
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const columns = await db.prisma.$queryRawUnsafe<
      { table_name: string; column_name: string; data_type: string; udt_name: string }[]
    >(
      "SELECT table_name, column_name, data_type, udt_name FROM information_schema.columns WHERE table_schema = current_schema()",
    );
    const byKey = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c]));
    const expected: Record<string, string> = {
      String: "text",
      Int: "integer",
      Boolean: "boolean",
      DateTime: "timestamp with time zone",
      Json: "jsonb",
    };
    let fields = 0;
    for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
      for (const line of (body as string).split("\n")) {
        const m = /^\s+(\w+)\s+(String|Int|Boolean|DateTime|Json)(\[\])?\??(.*)$/.exec(line);
        if (!m) continue;
        const [, field, type, list, attributes] = m;
        const column = byKey.get(`${model}.${field}`);
        expect(column, `${model}.${field} has no column`).toBeDefined();
        const want = list ? "ARRAY" : attributes?.includes("@db.Uuid") ? "uuid" : expected[type as string];
        expect(column?.data_type, `${model}.${field}`).toBe(want);
        fields++;
      }
    }
    expect(fields).toBeGreaterThan(60);
  });

  it("runs each migration once and records it for Prisma Migrate", async () => {
    const db = await engine.fresh();
    const all = (await readMigrations()).map((m) => m.name);
    expect(db.migrations.applied.length + db.migrations.alreadyApplied).toBe(all.length);
    const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string; finished_at: Date | null }[]>(
      `SELECT migration_name, finished_at FROM "_prisma_migrations"`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });
});

describe("migrations", () => {
  it("roll back a failing migration and name it", async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    const db = await PGlite.create();
    try {
      const conn = pgliteConnection(db);
      const good = (await readMigrations())[0];
      const bad = {
        name: "20261126000000_broken",
        sql: `CREATE TABLE "Half" (id int); SELEC oops;`,
        checksum: "x",
      };
      await expect(migrate(conn, [good as NonNullable<typeof good>, bad])).rejects.toThrow(
        /migration 20261126000000_broken failed and was rolled back/,
      );
      const half = await conn.query(`SELECT to_regclass('"Half"') AS t`);
      expect(half[0]?.t).toBeNull();
      const names = await conn.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations"`,
      );
      expect(names.map((n) => n.migration_name)).toEqual([good?.name]);
    } finally {
      await db.close();
    }
  }, 60_000);

  const server = engines.find((e) => e.name === "postgres");
  it.runIf(server !== undefined)("let only one of two concurrent runners apply them", async () => {
    const pg = (await import("pg")).default;
    const url = await (server?.freshUrl?.() as Promise<string>);
    const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const { pgConnection } = await import("../../src/store/sql.js");
      const results = await Promise.all(clients.map((c) => migrate(pgConnection(c))));
      // One runner applies every migration; the other, waiting on the lock, finds them all applied.
      const count = (await readMigrations()).length;
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, count]);
      expect(results.map((r) => r.alreadyApplied).sort()).toEqual([0, count]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});
