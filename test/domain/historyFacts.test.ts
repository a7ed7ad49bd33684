import { beforeAll, describe, expect, it } from "vitest";
import { parseLead } from "../../src/domain/lead/parse.js";
import { type HistoryFacts, historyFacts, storedHistoryFacts } from "../../src/domain/memory/facts.js";
import type { LeadHistory, PriorCheck, PriorOutcome } from "../../src/domain/memory/history.js";
import { type CompiledRuleSet, compileRuleSet, testCondition } from "../../src/domain/personas/compile.js";
import { RuleSetError, validateRuleSet } from "../../src/domain/personas/load.js";
import type { Condition } from "../../src/domain/personas/schema.js";
import { traitsOf } from "../../src/domain/refine/traits.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

const check = (days: number): PriorCheck => ({
  id: "6f1c2a9e-0000-4000-8000-000000000001",
  createdAt: daysBefore(days),
  userId: "U07QF3KD2MB",
  decision: "review",
  channelId: "C04LEADS01",
  messageTs: "1763200000.000100",
});
const outcome = (kind: PriorOutcome["kind"], reason: string | null, days: number): PriorOutcome => ({
  kind,
  reason,
  userId: "U07QF3KD2MB",
  createdAt: daysBefore(days),
  channelId: "C04LEADS01",
  messageTs: "1763200000.000100",
});

/** A lead the default pack passes on its words alone: a sales leader at a mid-sized company. */
const GOOD_LEAD = `Marta Ruiz
VP of Sales, Lindqvist Logistics
marta.ruiz@lindqvist-logistics.se
Employees: 250
Country: Sweden
We want to roll this out to our sales team this quarter.`;

function judged(rules: CompiledRuleSet, history: HistoryFacts | undefined) {
  const lead = parseLead(GOOD_LEAD);
  return rules.evaluate(history ? { ...lead, history } : lead);
}

describe("history facts from the team's memory", () => {
  it("counts the larger of the person's and the company's checks, and reads the latest outcome of either", () => {
    const history: LeadHistory = {
      person: {
        count: 2,
        first: daysBefore(60),
        latest: check(50),
        outcome: outcome("lost", "no_budget", 40),
      },
      company: {
        label: "lindqvist-logistics.se",
        count: 5,
        first: daysBefore(200),
        latest: check(10),
        outcome: outcome("disqualified", "competitor", 12),
        customer: false,
      },
    };
    expect(historyFacts(history, NOW)).toEqual({
      priorChecks: 5,
      priorOutcome: "disqualified",
      priorLostReason: "competitor",
      daysSincePriorOutcome: 12,
      companyCustomer: false,
    });
  });

  it("a free-mail person without a company line: their own outcome counts", () => {
    const history: LeadHistory = {
      person: {
        count: 1,
        first: daysBefore(3),
        latest: check(3),
        outcome: outcome("disqualified", "spam", 2),
      },
    };
    expect(historyFacts(history, NOW)).toMatchObject({
      priorOutcome: "disqualified",
      priorLostReason: "spam",
    });
  });

  it("an empty history is known: no checks, no outcome, not a customer", () => {
    expect(historyFacts({}, NOW)).toEqual({ priorChecks: 0, priorOutcome: "none", companyCustomer: false });
  });

  it("a no-show or 'verdict was wrong' says nothing of whether the lead buys; a won deal has no lost reason", () => {
    const noShow: LeadHistory = {
      person: { count: 1, first: daysBefore(9), latest: check(9), outcome: outcome("no_show", null, 8) },
    };
    expect(historyFacts(noShow, NOW)).toEqual({
      priorChecks: 1,
      priorOutcome: "none",
      companyCustomer: false,
    });
    const won: LeadHistory = {
      company: {
        label: "x",
        count: 1,
        first: daysBefore(9),
        latest: check(9),
        outcome: outcome("won", "other", 8),
        customer: true,
      },
    };
    expect(historyFacts(won, NOW)).toEqual({
      priorChecks: 1,
      priorOutcome: "won",
      daysSincePriorOutcome: 8,
      companyCustomer: true,
    });
  });

  it("stored history facts are read back only when they are well formed", () => {
    expect(storedHistoryFacts({ priorChecks: 1, priorOutcome: "won", companyCustomer: true })).toEqual({
      priorChecks: 1,
      priorOutcome: "won",
      companyCustomer: true,
    });
    expect(storedHistoryFacts(null)).toBeUndefined();
    expect(
      storedHistoryFacts({ priorChecks: -1, priorOutcome: "won", companyCustomer: true }),
    ).toBeUndefined();
  });
});

describe("rules on history facts", () => {
  const history: HistoryFacts = {
    priorChecks: 3,
    priorOutcome: "lost",
    priorLostReason: "no_budget",
    daysSincePriorOutcome: 30,
    companyCustomer: true,
  };
  const lead = { ...parseLead("Jo, CTO at Acme"), history };

  it.each([
    ["priorOutcome eq", { field: "priorOutcome", op: "eq", value: "lost" }, "true"],
    ["priorLostReason in", { field: "priorLostReason", op: "in", value: ["spam", "no_budget"] }, "true"],
    ["daysSincePriorOutcome lte", { field: "daysSincePriorOutcome", op: "lte", value: 90 }, "true"],
    ["priorChecks gte", { field: "priorChecks", op: "gte", value: 4 }, "false"],
    ["companyCustomer eq true", { field: "companyCustomer", op: "eq", value: true }, "true"],
    ["companyCustomer eq false", { field: "companyCustomer", op: "eq", value: false }, "false"],
  ] as [string, Condition, string][])("%s", (_, cond, expected) => {
    expect(testCondition(cond, lead)).toBe(expected);
  });

  /** A rule set of one anti-persona rule on `when`. */
  const oneRule = (when: unknown) =>
    validateRuleSet(
      {
        personas: [
          { id: "seen", name: "Seen", kind: "anti", rules: [{ id: "x", when, weight: 50, reason: "x" }] },
        ],
      },
      "test rules",
    );

  it("without the memory every history condition is unknown, and none is asked for", () => {
    const without = parseLead("Jo, CTO at Acme");
    expect(testCondition({ field: "priorOutcome", op: "eq", value: "lost" }, without)).toBe("unknown");
    const rules = compileRuleSet(oneRule({ field: "priorOutcome", op: "eq", value: "lost" }));
    expect(rules.evaluate(without).missing).toEqual([]);
  });

  it("a rule file may compare history numbers but not history words as numbers", () => {
    expect(() => oneRule({ field: "priorOutcome", op: "gt", value: 1 })).toThrow(RuleSetError);
    expect(() => oneRule({ field: "daysSincePriorOutcome", op: "lte", value: 90 })).not.toThrow();
  });

  it("history traits are learnable like facts", () => {
    const labels = traitsOf({}, history).map((t) => t.label);
    expect(labels).toEqual([
      "checked before",
      "lost before",
      "earlier outcome's reason was no budget",
      "an existing customer's company",
    ]);
    expect(traitsOf({})).toEqual([]);
  });
});

describe("the default pack's history rules", () => {
  let rules: CompiledRuleSet;
  beforeAll(async () => {
    rules = compileRuleSet(await loadRuleFile());
  });

  it("passes the good lead on its words, with or without an empty history", () => {
    expect(judged(rules, undefined).decision).toBe("pass");
    expect(judged(rules, historyFacts({}, NOW)).decision).toBe("pass");
  });

  it.each([
    ["spam", "spam"],
    ["competitor", "is a competitor"],
  ])("rejects a lead disqualified before as %s, quoting the memory", (reason, words) => {
    const verdict = judged(rules, {
      priorChecks: 1,
      priorOutcome: "disqualified",
      priorLostReason: reason,
      daysSincePriorOutcome: 12,
      companyCustomer: false,
    });
    expect(verdict.decision).toBe("reject");
    const match = verdict.matches.find((m) => m.rule === "disqualified-spam-or-competitor");
    expect(match?.reason).toBe(`Disqualified before ("disqualified 12 days ago (${words})")`);
  });

  it("a lead disqualified for another reason is not rejected for it", () => {
    const verdict = judged(rules, {
      priorChecks: 1,
      priorOutcome: "disqualified",
      priorLostReason: "too_small",
      daysSincePriorOutcome: 12,
      companyCustomer: false,
    });
    expect(verdict.matches.map((m) => m.persona)).not.toContain("turned-away-before");
  });

  it("lost for no budget within 90 days asks for a review; after 90 days it does not", () => {
    const lost = (days: number): HistoryFacts => ({
      priorChecks: 2,
      priorOutcome: "lost",
      priorLostReason: "no_budget",
      daysSincePriorOutcome: days,
      companyCustomer: false,
    });
    const recent = judged(rules, lost(45));
    expect(recent.decision).toBe("review");
    expect(recent.matches[0]?.reason).toBe(
      'Lost for lack of budget within 90 days ("lost 45 days ago (no budget)"); check the budget changed',
    );
    expect(judged(rules, lost(120)).decision).toBe("pass");
  });

  it("a customer's company is a fit signal", () => {
    const verdict = judged(rules, {
      priorChecks: 4,
      priorOutcome: "won",
      daysSincePriorOutcome: 70,
      companyCustomer: true,
    });
    expect(verdict.decision).toBe("pass");
    expect(verdict.fits.map((f) => f.reason)).toContain('Existing customer ("a won deal at this company")');
  });
});
