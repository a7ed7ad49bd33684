import { afterAll, describe, expect, it } from "vitest";
import { parseLead } from "../../src/domain/lead/parse.js";
import { compileRuleSet } from "../../src/domain/personas/compile.js";
import { ErasureService, erasureSubject } from "../../src/services/erasure.js";
import { checkRecord } from "../../src/services/recordTriage.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";
import { recordCheck } from "../../src/store/checks.js";
import type { Database } from "../../src/store/database.js";
import { recordOutcome } from "../../src/store/outcomes.js";
import { testEngines } from "../support/databases.js";

const engines = testEngines();
afterAll(async () => {
  for (const engine of engines) await engine.dispose();
});

const pack = compileRuleSet(await loadRuleFile());

async function keep(db: Database, workspaceId: string, text: string, repWords?: string) {
  await db.store.workspaces.settings(workspaceId);
  const lead = parseLead(text);
  const id = await recordCheck(
    db.prisma,
    checkRecord({ workspaceId, inputKind: "command" }, lead, pack.evaluate(lead), 90),
  );
  await db.prisma.check.update({ where: { id }, data: { summary: `Summary of ${text.slice(0, 40)}` } });
  if (repWords) await recordOutcome(db.prisma, { checkId: id, kind: "lost", reason: "no_budget", repWords });
  return id;
}

describe("what forget is given", () => {
  it.each([
    ["Priya@Northwind.com", { kind: "email", email: "priya@northwind.com" }],
    ["<mailto:priya@northwind.com>", { kind: "email", email: "priya@northwind.com" }],
    ["northwind.com", { kind: "domain", domain: "northwind.com" }],
    ["https://www.Northwind.co.uk/about", { kind: "domain", domain: "northwind.co.uk" }],
    ["eu.northwind.com.", { kind: "domain", domain: "eu.northwind.com" }],
  ])("%s", (text, subject) => {
    expect(erasureSubject(text)).toEqual(subject);
  });

  it.each(["priya", "com", "co.uk", "127.0.0.1", "priya@", "@northwind.com", "priya@localhost", ""])(
    "refuses %j, saying what it takes",
    (text) => {
      expect(() => erasureSubject(text)).toThrow(/neither an email address nor a domain: give one, e\.g\./);
    },
  );
});

describe.each(engines)("forget on $name", (engine) => {
  it("a person: their leads' words, summaries, naming facts and outcome notes go; counts stay; idempotent; audited", async () => {
    const db = await engine.fresh();
    const erasure = new ErasureService(db.store);
    const priya = await keep(
      db,
      "T0AAAA001",
      "Priya Raman, VP Sales at Northwind (400 employees), priya@northwind.com",
    );
    const again = await keep(
      db,
      "T0AAAA001",
      "Re: priya@northwind.com asked for a quote",
      "priya@northwind.com said no budget",
    );
    const colleague = await keep(db, "T0AAAA001", "Sam Lee, CFO at Northwind, sam@northwind.com");
    const lookalike = await keep(db, "T0AAAA001", "Pat, xpriya@northwind.com.au, student");
    const otherTeam = await keep(db, "T0BBBB002", "Priya Raman, priya@northwind.com");
    const decisionsBefore = await db.prisma.check.findMany({
      select: { id: true, decision: true, risk: true, matchedRules: true },
      orderBy: { id: "asc" },
    });

    const counts = await erasure.forget(erasureSubject("priya@northwind.com"), "T0AAAA001", "U0ADMIN01");
    expect(counts).toEqual({ checks: 2, texts: 2, summaries: 2, outcomeNotes: 1 });
    for (const id of [priya, again]) {
      const row = await db.prisma.check.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ rawText: null, summary: null, rawTextExpiresAt: null });
      const facts = row.facts as Record<string, unknown>;
      expect(Object.keys(facts)).not.toEqual(expect.arrayContaining(["company"]));
      expect(JSON.stringify(row)).not.toMatch(/northwind/i);
    }
    // The outcome stays counted, without the rep's words.
    expect(await db.prisma.outcome.findFirstOrThrow({ where: { checkId: again } })).toMatchObject({
      kind: "lost",
      reason: "no_budget",
      repWords: null,
    });
    // Decisions, risks and rule hits are untouched; a colleague, a look-alike address and another workspace too.
    expect(
      await db.prisma.check.findMany({
        select: { id: true, decision: true, risk: true, matchedRules: true },
        orderBy: { id: "asc" },
      }),
    ).toEqual(decisionsBefore);
    for (const id of [colleague, lookalike, otherTeam])
      expect((await db.prisma.check.findUniqueOrThrow({ where: { id } })).rawText).not.toBeNull();

    expect(await erasure.forget(erasureSubject("priya@northwind.com"), "T0AAAA001", "U0ADMIN01")).toEqual({
      checks: 0,
      texts: 0,
      summaries: 0,
      outcomeNotes: 0,
    });
    const audit = await db.prisma.erasure.findMany({ orderBy: { createdAt: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      workspaceId: "T0AAAA001",
      subjectKind: "email",
      requestedBy: "U0ADMIN01",
      checks: 2,
    });
    expect(JSON.stringify(audit)).not.toMatch(/priya|northwind/i);
  });

  it("a domain, in every workspace when none is named: its subdomains too, never a longer name", async () => {
    const db = await engine.fresh();
    const erasure = new ErasureService(db.store);
    const ids = [
      await keep(db, "T0AAAA001", "Sam Lee, CFO, sam@northwind.com"),
      await keep(db, "T0BBBB002", "Jo, buyer at eu.northwind.com, 50 employees"),
      await keep(db, "T0BBBB002", "Lead from https://www.northwind.com/pricing, 20 staff"),
    ];
    const untouched = [
      await keep(db, "T0AAAA001", "Ann, ann@mynorthwind.com"),
      await keep(db, "T0AAAA001", "Bo, bo@northwind.community"),
    ];
    expect((await erasure.forget(erasureSubject("northwind.com"), undefined, "cli")).checks).toBe(3);
    for (const id of ids)
      expect(JSON.stringify(await db.prisma.check.findUniqueOrThrow({ where: { id } }))).not.toMatch(
        /northwind\.com/i,
      );
    for (const id of untouched)
      expect((await db.prisma.check.findUniqueOrThrow({ where: { id } })).rawText).not.toBeNull();
    expect(await db.prisma.erasure.findFirstOrThrow()).toMatchObject({
      workspaceId: null,
      subjectKind: "domain",
    });
  });

  it("a whole workspace: everything of it goes, its installation too; other workspaces and the audit stay", async () => {
    const db = await engine.fresh();
    const erasure = new ErasureService(db.store);
    // Its outbound URL, inbound endpoint and their queues go too (the outcome trigger sends nothing as it goes).
    await db.store.outbound.setTarget({
      workspaceId: "T0AAAA001",
      url: "https://crm.example.com/hook",
      sealedSecret: "v1:x",
      includeText: false,
      createdBy: "U04ADMIN1",
    });
    await db.store.inbound.createEndpoint({
      id: "ep_ERASEtestERASEtest12",
      workspaceId: "T0AAAA001",
      channelId: "C0LEADS01",
      sealedSecret: "v1:x",
      createdBy: "U04ADMIN1",
    });
    await keep(db, "T0AAAA001", "Sam Lee, CFO, sam@northwind.com", "too expensive");
    await keep(db, "T0BBBB002", "Jo, jo@southwind.com");
    expect(await db.prisma.outboundEvent.count({ where: { workspaceId: "T0AAAA001" } })).toBe(2);
    await db.prisma.installation.create({
      data: { key: "T0AAAA001", teamId: "T0AAAA001", sealed: "v1:x", keyId: "00000000" },
    });
    const result = await erasure.forgetWorkspace("T0AAAA001", "cli");
    expect(result).toEqual({ checks: 1, texts: 1, summaries: 1, outcomeNotes: 1, installation: true });
    expect(await db.prisma.check.count({ where: { workspaceId: "T0AAAA001" } })).toBe(0);
    expect(await db.prisma.outcome.count()).toBe(0);
    expect(await db.prisma.workspace.count({ where: { id: "T0AAAA001" } })).toBe(0);
    expect(await db.prisma.outboundEvent.count()).toBe(0);
    expect(await db.prisma.outboundTarget.count()).toBe(0);
    expect(await db.prisma.inboundEndpoint.count()).toBe(0);
    expect(await db.prisma.check.count({ where: { workspaceId: "T0BBBB002" } })).toBe(1);
    expect(await erasure.forgetWorkspace("T0AAAA001", "cli")).toEqual({
      checks: 0,
      texts: 0,
      summaries: 0,
      outcomeNotes: 0,
      installation: false,
    });
    expect(await db.prisma.erasure.count({ where: { subjectKind: "workspace" } })).toBe(2);
  });
});
