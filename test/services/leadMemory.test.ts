import { createHmac, randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { parseLead } from "../../src/domain/lead/parse.js";
import { countText, MEMORY_COUNT_CAP } from "../../src/domain/memory/history.js";
import { leadIdentity, normalisedEmail } from "../../src/domain/memory/identity.js";
import { createLogger } from "../../src/logger.js";
import { createOutcomeServices } from "../../src/services/appServices.js";
import { erasureSubject } from "../../src/services/erasure.js";
import { LeadMemory } from "../../src/services/leadMemory.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { createTriageServices, triageLead } from "../../src/services/triageLead.js";
import type { Database } from "../../src/store/database.js";
import { testEngines } from "../support/databases.js";

const engines = testEngines();
afterAll(async () => {
  for (const engine of engines) await engine.dispose();
});

describe("who a lead is", () => {
  it("one person whatever the case or +tag; a company by its domain, or by its exact name behind free mail", () => {
    expect(normalisedEmail(" Priya.Raman+crm@Northwind.com ")).toBe("priya.raman@northwind.com");
    expect(leadIdentity(parseLead("Priya Raman, VP Sales at Northwind, priya@northwind.com"))).toMatchObject({
      email: "priya@northwind.com",
      company: "d:northwind.com",
    });
    expect(leadIdentity(parseLead("Jo Park, Owner at Acme Widgets, jo.park@gmail.com"))).toMatchObject({
      email: "jo.park@gmail.com",
      company: "n:acme widgets",
    });
    // A student's university is not a company.
    expect(leadIdentity(parseLead("Jane, student, jane@mit.edu")).company).toBeUndefined();
  });
});

describe.each(engines)("lead memory on $name", (engine) => {
  const pack = loadRuleFile();
  const setup = async (db: Database) => {
    const triage = createTriageServices(db, await pack, createLogger("silent"));
    const check = async (workspaceId: string, text: string, userId = "U0REP0001") => {
      const result = await triageLead(triage, { workspaceId, inputKind: "command", userId }, text);
      await triage.writer.flush();
      return result;
    };
    return { triage, check, services: createOutcomeServices(db.store, triage.ruleBook) };
  };

  it("says what the workspace knew: the company's earlier checks and outcome, the same person as a repeat", async () => {
    const db = await engine.fresh();
    const { check, triage } = await setup(db);
    const first = await check(
      "T0MEM0001",
      "Priya Raman, VP Sales at Northwind (400 employees), priya@northwind.com",
    );
    expect(first.history).toEqual({});
    await db.store.outcomes.record({
      checkId: first.checkId,
      kind: "lost",
      reason: "no_budget",
      userId: "U0REP0001",
    });

    const colleague = await check("T0MEM0001", "Sam Lee, CFO at Northwind, sam@northwind.com", "U0REP0002");
    expect(colleague.history.person).toBeUndefined();
    expect(colleague.history.company).toMatchObject({
      label: "Northwind",
      count: 1,
      customer: false,
      outcome: { kind: "lost", reason: "no_budget", userId: "U0REP0001" },
    });
    expect(colleague.repeatOf).toBeUndefined();

    const again = await check(
      "T0MEM0001",
      "Priya Raman, VP Sales, Northwind, Priya+crm@Northwind.com",
      "U0REP0002",
    );
    expect(again.repeatOf?.id).toBe(first.checkId);
    expect(again.history.person).toMatchObject({ count: 1 });
    expect(again.history.company).toMatchObject({ count: 2 });
    const row = await db.prisma.check.findUniqueOrThrow({ where: { id: again.checkId } });
    expect(row.repeatOf).toBe(first.checkId);
    expect(row.companyKey).toBe("d:northwind.com");
    expect(row.personKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await db.prisma.check.findMany({ select: { personKey: true } }))).not.toContain(
      "priya",
    );

    // A won lead makes the company a customer.
    await db.store.outcomes.record({ checkId: colleague.checkId, kind: "won", userId: "U0REP0002" });
    expect(
      (await check("T0MEM0001", "Ann Roe, Northwind, ann@northwind.com")).history.company?.customer,
    ).toBe(true);
    // Another workspace knows nothing of it.
    expect((await check("T0MEM0002", "Priya Raman, priya@northwind.com, Northwind")).history).toEqual({});
    await triage.close(1_000);
  });

  it("matches a free-mail lead's company by its exact name only, and forgets a person's key", async () => {
    const db = await engine.fresh();
    const { check, services, triage } = await setup(db);
    await check("T0MEM0001", "Jo Park, Owner at Acme Widgets, jo.park@gmail.com");
    expect(
      (await check("T0MEM0001", "Al Moss, Owner at acme  widgets, al.moss@gmail.com")).history.company?.count,
    ).toBe(1);
    expect(
      (await check("T0MEM0001", "Bo Lin, Owner at Acme Widgets Ltd, bo.lin@gmail.com")).history.company,
    ).toBeUndefined();

    // Forgetting the person removes their key: the address no longer finds them, even once the words are gone.
    await db.prisma.check.updateMany({ data: { rawText: null } });
    const counts = await services.erasure.forget(
      erasureSubject("jo.park@gmail.com"),
      "T0MEM0001",
      "U0ADMIN01",
    );
    expect(counts.checks).toBe(1);
    expect((await check("T0MEM0001", "Jo Park, jo.park@gmail.com")).history.person).toBeUndefined();
    await triage.close(1_000);
  });
});

describe.each(engines)("history facts on $name", (engine) => {
  it("are kept with each check as the rules saw them; a backtest replays those, never the history as it is now", async () => {
    const db = await engine.fresh();
    const pack = await loadRuleFile();
    const triage = createTriageServices(db, pack, createLogger("silent"));
    const services = createOutcomeServices(db.store, triage.ruleBook);
    const check = async (text: string) => {
      const result = await triageLead(
        triage,
        { workspaceId: "T0MEM0003", inputKind: "command", userId: "U0REP0001" },
        text,
      );
      await triage.writer.flush();
      return result;
    };
    const first = await check(
      "Priya Raman, VP Sales at Northwind (400 employees), priya@northwind.com, Sweden",
    );
    await db.store.outcomes.record({
      checkId: first.checkId,
      kind: "disqualified",
      reason: "competitor",
      userId: "U0REP0001",
    });
    const second = await check("Sam Lee, CFO at Northwind (400 employees), sam@northwind.com, Sweden");
    expect(second.verdict.decision).toBe("reject");
    expect(second.verdict.matches[0]?.rule).toBe("disqualified-spam-or-competitor");
    await db.store.outcomes.record({
      checkId: second.checkId,
      kind: "lost",
      reason: "other",
      userId: "U0REP0001",
    });

    const kept = await db.prisma.check.findMany({
      where: { workspaceId: "T0MEM0003" },
      orderBy: { createdAt: "asc" },
    });
    expect(kept.map((c) => c.history)).toEqual([
      { priorChecks: 0, priorOutcome: "none", companyCustomer: false },
      {
        priorChecks: 1,
        priorOutcome: "disqualified",
        priorLostReason: "competitor",
        daysSincePriorOutcome: 0,
        companyCustomer: false,
      },
    ]);

    // A candidate that rejects every lead checked before: only the second was, when it was checked. Read now, the
    // first has a later check of its company, which a backtest must not see.
    const candidate = structuredClone(pack);
    candidate.personas.push({
      id: "seen-before",
      name: "Seen before",
      description: "",
      kind: "anti",
      rules: [
        {
          id: "any-earlier-check",
          when: { field: "priorChecks", op: "gte", value: 1 },
          exclude: true,
          reason: "Checked before",
          provenance: "manual",
        },
      ],
    });
    const withoutTheExclusion = structuredClone(pack);
    withoutTheExclusion.personas = withoutTheExclusion.personas.filter((p) => p.id !== "turned-away-before");
    const [sees, drops] = await services.backtests.run("T0MEM0003", [candidate, withoutTheExclusion]);
    expect(sees).toMatchObject({ checks: 2, changed: 0 });
    expect(drops).toMatchObject({
      checks: 2,
      changed: 1,
      looser: { won: 0, lost: 1 },
      examples: [second.checkId],
    });

    // Replayed from facts once the words are purged, the history still holds.
    await db.prisma.check.updateMany({ data: { rawText: null } });
    const [, replayed] = await services.backtests.run("T0MEM0003", [candidate, withoutTheExclusion]);
    expect(replayed).toMatchObject({ checks: 2, fromFactsOnly: 2, changed: 1, examples: [second.checkId] });
    await triage.close(1_000);
  });
});

describe.each(engines)("outcomes and the memory's keys on $name", (engine) => {
  it("an outcome carries its check's keys, whichever path writes it, and loses them when the person is forgotten", async () => {
    const db = await engine.fresh();
    const triage = createTriageServices(db, await loadRuleFile(), createLogger("silent"));
    const services = createOutcomeServices(db.store, triage.ruleBook);
    const first = await triageLead(
      triage,
      { workspaceId: "T0MEM0004", inputKind: "command", userId: "U0REP0001" },
      "Jo Park, Owner at Acme Widgets, jo.park@gmail.com",
    );
    await triage.writer.flush();
    await db.store.outcomes.record({
      checkId: first.checkId,
      kind: "disqualified",
      reason: "spam",
      userId: "U0REP0001",
    });
    const check = await db.prisma.check.findUniqueOrThrow({ where: { id: first.checkId } });
    expect(await db.prisma.outcome.findFirstOrThrow({ where: { checkId: first.checkId } })).toMatchObject({
      workspaceId: "T0MEM0004",
      personKey: check.personKey,
      companyKey: "n:acme widgets",
    });
    // The person's own outcome is found through the outcome's key: a spammer on free mail comes back rejected.
    const again = await triageLead(
      triage,
      { workspaceId: "T0MEM0004", inputKind: "command", userId: "U0REP0002" },
      "Jo Park, jo.park@gmail.com, wants a free plan",
    );
    expect(again.history.person?.outcome).toMatchObject({ kind: "disqualified", reason: "spam" });
    expect(again.verdict.decision).toBe("reject");
    await triage.writer.flush();

    await services.erasure.forget(erasureSubject("jo.park@gmail.com"), "T0MEM0004", "U0ADMIN01");
    expect(
      await db.prisma.outcome.findMany({ where: { checkId: first.checkId }, select: { personKey: true } }),
    ).toEqual([{ personKey: null }]);
    await triage.close(1_000);
  });
});

describe.each(engines)("a company checked more than a thousand times on $name", (engine) => {
  it("is counted up to MEMORY_COUNT_CAP, shown as 1000+, and its latest outcome is still found", async () => {
    const db = await engine.fresh();
    const at = (i: number) => new Date(Date.UTC(2026, 9, 1) + i * 60_000);
    const checks = Array.from({ length: MEMORY_COUNT_CAP + 5 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      workspaceId: "T0MEM0005",
      inputKind: "import" as const,
      facts: {},
      decision: "pass" as const,
      risk: 0,
      matchedRules: [],
      missing: [],
      ruleSetVersion: 1,
      companyKey: "d:bigco.com",
      createdAt: at(i),
    }));
    await db.store.workspaces.settings("T0MEM0005");
    await db.store.checks.insert(checks);
    await db.store.outcomes.record({ checkId: checks[0]?.id as string, kind: "won", userId: "U0REP0001" });
    const memory = new LeadMemory(db.store);
    const { history } = await memory.recall("T0MEM0005", { company: "d:bigco.com", companyLabel: "BigCo" });
    expect(history?.company).toMatchObject({
      count: MEMORY_COUNT_CAP,
      customer: true,
      outcome: { kind: "won" },
    });
    expect(countText(history?.company?.count ?? 0)).toBe("1000+");
    // No person keys here: a file holds the (empty) set; a store with more than the limit gives none to hold.
    expect(await db.store.memory.personKeysBefore("T0MEM0005", new Date(), 10)).toEqual(new Set());
    await db.prisma.check.updateMany({ where: { workspaceId: "T0MEM0005" }, data: { personKey: "k" } });
    await db.prisma.check.update({ where: { id: checks[1]?.id as string }, data: { personKey: "j" } });
    expect(await db.store.memory.personKeysBefore("T0MEM0005", new Date(), 2)).toEqual(new Set(["j", "k"]));
    expect(await db.store.memory.personKeysBefore("T0MEM0005", new Date(), 1)).toBeUndefined();
    // A file that could not hold them probes each batch instead: the same answer either way.
    const asked = ["j", "k", "nobody"];
    const probed = await memory.priorParts("T0MEM0005", asked, ["d:bigco.com"], new Date());
    const held = await memory.priorParts(
      "T0MEM0005",
      asked,
      ["d:bigco.com"],
      new Date(),
      new Set(["j", "k"]),
    );
    expect(probed).toEqual(held);
    expect(probed.persons.get("j")).toMatchObject({ count: 1 });
    expect(probed.persons.get("k")).toMatchObject({ count: MEMORY_COUNT_CAP });
    expect(probed.persons.get("nobody")).toBeUndefined();
    expect(probed.companies.get("d:bigco.com")).toMatchObject({ customer: true });
  });
});

describe("a company name with what no database keeps", () => {
  it("loses a NUL and half an emoji, keeping the rest", () => {
    expect(leadIdentity(parseLead("Founder at Tiny\ud83d Co\u0000, 3 people, f@gmail.com")).company).toBe(
      "n:tiny\ufffd co",
    );
  });
});

describe.each(engines)("the person key's secret on $name", (engine) => {
  it("is LEAD_HASH_KEY when set (the database makes none), else one the database makes once for every instance", async () => {
    const db = await engine.fresh();
    const key = randomBytes(32);
    const configured = await new LeadMemory(db.store, key).personKey("priya@northwind.com");
    expect(configured).toBe(createHmac("sha256", key).update("priya@northwind.com").digest("base64url"));
    expect(await db.prisma.appSecret.count()).toBe(0);
    const [a, b] = await Promise.all([
      new LeadMemory(db.store).personKey("priya@northwind.com"),
      new LeadMemory(db.store).personKey("priya@northwind.com"),
    ]);
    expect(a).toBe(b);
    expect(a).not.toBe(configured);
    expect(await db.prisma.appSecret.count()).toBe(1);
  });
});

describe("LEAD_HASH_KEY", () => {
  it("is 32 bytes in base64, or a one-line refusal naming it", () => {
    const key = randomBytes(32).toString("base64");
    expect(loadConfig({ LEAD_HASH_KEY: key }).storage.leadHashKey?.toString("base64")).toBe(key);
    expect(loadConfig({}).storage.leadHashKey).toBeUndefined();
    expect(() => loadConfig({ LEAD_HASH_KEY: "secret" })).toThrow(
      /^LEAD_HASH_KEY must be 32 random bytes in base64/,
    );
  });
});
