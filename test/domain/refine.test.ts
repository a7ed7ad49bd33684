import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OutcomeKind } from "../../src/domain/outcomes/kinds.js";
import type { RuleSet } from "../../src/domain/personas/schema.js";
import type { OutcomeHistoryItem } from "../../src/domain/refine/history.js";
import { benjaminiHochberg, binomialTail, wilsonInterval } from "../../src/domain/refine/statistics.js";
import {
  DEFAULT_REFINE_OPTIONS,
  type RefineOptions,
  type Suggestion,
  suggestRefinements,
  weightFor,
} from "../../src/domain/refine/suggest.js";
import { traitsOf } from "../../src/domain/refine/traits.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";

const pack: RuleSet = await loadRuleFile();
const options: RefineOptions = { ...DEFAULT_REFINE_OPTIONS, reasonLabel: (r) => r.replace(/_/g, " ") };

/** A small deterministic random source, so a synthetic history is the same on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INDUSTRIES = ["software", "retail", "manufacturing", "finance", "healthcare", "logistics"];
const SENIORITIES = ["c_level", "vp", "director", "manager", "individual"];
const SIZES = [
  { min: 3, max: 3 },
  { min: 25, max: 25 },
  { min: 120, max: 120 },
  { min: 600, max: 600 },
  { min: 2500, max: 2500 },
];

/** A history where outcomes do not depend on anything: lost or disqualified with probability `bad`. */
function noise(seed: number, size: number, bad = 0.4): OutcomeHistoryItem[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;
  return Array.from({ length: size }, (_, i) => {
    const lost = next() < bad;
    return {
      checkId: `00000000-0000-4000-8000-${String(seed * 100_000 + i).padStart(12, "0")}`,
      facts: {
        industry: pick(INDUSTRIES),
        seniority: pick(SENIORITIES),
        employees: pick(SIZES),
        country: pick(["US", "DE", "FR", "GB"]),
        title: pick(["Head of Sales", "Sales Manager", "CEO", "Operations Lead", "Marketing Director"]),
      },
      matchedRules: [],
      outcome: (lost ? (next() < 0.5 ? "lost" : "disqualified") : "won") as OutcomeKind,
      reason: lost ? pick(["no_budget", "bad_timing", "chose_competitor", "no_need"]) : null,
      at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
    };
  });
}

describe("statistics", () => {
  it("gives the Wilson interval, exact binomial tails and Benjamini–Hochberg discoveries", () => {
    const { lower, upper } = wilsonInterval(14, 16);
    expect(lower).toBeCloseTo(0.64, 2);
    expect(upper).toBeCloseTo(0.965, 2);
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
    expect(binomialTail(8, 10, 0.5, "upper")).toBeCloseTo(56 / 1024, 10);
    expect(binomialTail(2, 10, 0.5, "lower")).toBeCloseTo(56 / 1024, 10);
    expect(binomialTail(0, 10, 0.3, "upper")).toBeCloseTo(1, 10);
    // Large n neither overflows nor underflows.
    expect(binomialTail(5_200, 10_000, 0.5, "upper")).toBeGreaterThan(0);
    expect(binomialTail(5_200, 10_000, 0.5, "upper")).toBeLessThan(1e-4);
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.2], 0.05)).toEqual([true, false, false, false]);
    expect(benjaminiHochberg([0.001, 0.008, 0.039, 0.041, 0.042, 0.06], 0.05)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it("derives a weight from the rates under the noisy-OR model", () => {
    // 1 − (1 − 0.4)(1 − w) = 0.88  ⇒  w = 0.8
    expect(weightFor(0.88, 0.4)).toBe(80);
    expect(weightFor(0.3, 0.4)).toBe(0);
  });
});

describe("traits of a lead", () => {
  it("reads categories, bands and title words from stored facts, and skips ranges that straddle a band", () => {
    const traits = traitsOf({
      industry: "Education",
      seniority: "unknown",
      employees: { min: 11, max: 50 },
      budget: { amount: 500, currency: "USD", period: "month" },
      title: "Head of IT",
    }).map((t) => t.label);
    expect(traits).toEqual([
      "industry is Education",
      "11–50 employees",
      "budget of 1,000–9,999 a year",
      "title says “head”",
      "title says “it”",
    ]);
    expect(traitsOf({ employees: { min: 40, max: 200 } })).toEqual([]);
    expect(traitsOf({ employees: { min: 10_000, max: null } }).map((t) => t.when)).toEqual([
      { field: "employees", op: "gte", value: 5_001 },
    ]);
  });
});

describe("refinement on synthetic histories", () => {
  it("finds a planted losing trait, with its evidence, a derived weight and the persona its reasons point to", () => {
    const history = noise(1, 300, 0.35);
    // 24 education leads, 22 of them lost as students or academics.
    for (let i = 0; i < 24; i++) {
      history.push({
        checkId: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`,
        facts: { industry: "education", seniority: "individual", title: "Research Assistant" },
        matchedRules: [],
        outcome: i < 22 ? "disqualified" : "won",
        reason: i < 22 ? (i % 4 === 0 ? "no_budget" : "student_academic") : null,
        at: new Date(Date.UTC(2026, 5, 1) + i * 60_000),
      });
    }
    const suggestions = suggestRefinements(history, pack, options);
    const education = suggestions.find(
      (s) =>
        s.kind === "add_rule" &&
        JSON.stringify(s.when) === '{"field":"industry","op":"eq","value":"education"}',
    ) as Extract<Suggestion, { kind: "add_rule" }>;
    expect(education).toMatchObject({
      persona: "student-academic",
      rule: "industry-education",
      trait: "industry is education",
      evidence: {
        support: 24,
        bad: 22,
        reasons: [
          { reason: "student_academic", count: 16 },
          { reason: "no_budget", count: 6 },
        ],
      },
    });
    expect(education.evidence.baseRate).toBeCloseTo(
      history.filter((h) => h.outcome !== "won").length / history.length,
      5,
    );
    expect(education.evidence.bound).toBeCloseTo(wilsonInterval(22, 24).lower, 10);
    expect(education.weight).toBe(weightFor(education.evidence.bound, education.evidence.baseRate));
    expect(education.evidence.examples).toHaveLength(3);
    // Nothing from the noise around it.
    expect(
      suggestions.every((s) => s.kind === "add_rule" && /education|research|individual/.test(s.trait)),
    ).toBe(true);
  });

  it("eases a default-pack rule whose leads mostly won", () => {
    const history = noise(2, 200, 0.45);
    // 60 leads that asked for a free plan: 54 of them bought.
    for (let i = 0; i < 60; i++) {
      history.push({
        checkId: `00000000-0000-4000-a000-${String(i).padStart(12, "0")}`,
        facts: { industry: "software" },
        matchedRules: ["bargain-hunter/wants-free"],
        outcome: i < 54 ? "won" : "lost",
        reason: i < 54 ? null : "price",
        at: new Date(Date.UTC(2026, 6, 1) + i * 60_000),
      });
    }
    const eased = suggestRefinements(history, pack, options).find((s) => s.rule === "wants-free");
    expect(eased).toMatchObject({
      kind: "retire_rule",
      persona: "bargain-hunter",
      evidence: { support: 60, bad: 6 },
    });
    expect(eased?.evidence.bound).toBeCloseTo(wilsonInterval(6, 60).upper, 10);
  });

  it("raises a rule whose leads end badly far more often than its weight says", () => {
    const history = noise(3, 200, 0.3);
    for (let i = 0; i < 30; i++) {
      history.push({
        checkId: `00000000-0000-4000-b000-${String(i).padStart(12, "0")}`,
        facts: {},
        matchedRules: ["too-small/micro-team"],
        outcome: i < 29 ? "lost" : "won",
        reason: "too_small",
        at: new Date(Date.UTC(2026, 7, 1) + i * 60_000),
      });
    }
    const raised = suggestRefinements(history, pack, options).find((s) => s.rule === "micro-team");
    expect(raised).toMatchObject({ kind: "raise_weight", persona: "too-small", currentWeight: 40 });
    expect((raised as { weight: number }).weight).toBeGreaterThan(45);
  });

  it("never fires on a small sample, however one-sided", () => {
    const history = noise(4, 100, 0.4);
    for (let i = 0; i < 7; i++)
      history.push({
        checkId: `00000000-0000-4000-c000-${String(i).padStart(12, "0")}`,
        facts: { industry: "mining" },
        matchedRules: [],
        outcome: "lost",
        reason: "no_need",
        at: new Date(Date.UTC(2026, 8, 1)),
      });
    expect(
      suggestRefinements(history, pack, options).filter(
        (s) => s.kind === "add_rule" && s.trait.includes("mining"),
      ),
    ).toEqual([]);
    expect(
      suggestRefinements(history, pack, { ...options, minSupport: 5 }).some(
        (s) => s.kind === "add_rule" && s.trait.includes("mining"),
      ),
    ).toBe(true);
  });

  it("finds nothing in pure noise (false discoveries held at the configured rate)", () => {
    let withAny = 0;
    const runs = 60;
    for (let seed = 100; seed < 100 + runs; seed++) {
      if (suggestRefinements(noise(seed, 400), pack, options).length > 0) withAny++;
    }
    // Benjamini–Hochberg at 5% bounds the chance of any discovery in pure noise by 5%.
    expect(withAny).toBeLessThanOrEqual(Math.ceil(runs * 0.05));
  });

  it("gives the same suggestions for the same data, in whatever order it is read", () => {
    const history = noise(5, 250, 0.35);
    for (let i = 0; i < 20; i++)
      history.push({
        checkId: `00000000-0000-4000-d000-${String(i).padStart(12, "0")}`,
        facts: { country: "BR", industry: "retail" },
        matchedRules: [],
        outcome: i < 19 ? "lost" : "won",
        reason: "geography",
        at: new Date(Date.UTC(2026, 9, 1) + i * 1000),
      });
    const expected = suggestRefinements(history, pack, options);
    expect(expected.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.shuffledSubarray(history, { minLength: history.length }), (shuffled) => {
        expect(suggestRefinements(shuffled, pack, options)).toEqual(expected);
      }),
      { numRuns: 25, seed: 42 },
    );
  });
});

describe("applying a suggestion and backtesting it", async () => {
  const { applySuggestion } = await import("../../src/domain/refine/apply.js");
  const { Backtest } = await import("../../src/domain/refine/backtest.js");
  const { leadFromStoredFacts } = await import("../../src/domain/refine/replay.js");
  const { compileRuleSet } = await import("../../src/domain/personas/compile.js");
  const { validateRuleSet } = await import("../../src/domain/personas/load.js");
  const { parseLead } = await import("../../src/domain/lead/parse.js");
  const evidence = {
    support: 24,
    bad: 22,
    badRate: 22 / 24,
    baseRate: 0.35,
    bound: 0.74,
    pValue: 1e-9,
    reasons: [],
    examples: [],
  };

  it("adds a rule to a persona, or a new persona, with provenance from the outcomes; the result is a valid rule set", () => {
    const added = applySuggestion(pack, {
      kind: "add_rule",
      persona: "learned-wrong-industry",
      newPersona: { name: "Wrong industry (learned)", description: "learned" },
      rule: "industry-mining",
      when: { field: "industry", op: "eq", value: "mining" },
      weight: 60,
      trait: "industry is mining",
      evidence,
    });
    const persona = validateRuleSet(added, "test").personas.find((p) => p.id === "learned-wrong-industry");
    expect(persona).toMatchObject({
      kind: "anti",
      name: "Wrong industry (learned)",
      rules: [{ id: "industry-mining", weight: 60, provenance: "suggested from 24 outcomes" }],
    });
    const raised = applySuggestion(pack, {
      kind: "raise_weight",
      persona: "too-small",
      rule: "micro-team",
      weight: 70,
      currentWeight: 40,
      evidence,
    });
    expect(raised.personas.find((p) => p.id === "too-small")?.rules[0]).toMatchObject({ weight: 70 });
    // The rule set it came from is untouched.
    expect(pack.personas.find((p) => p.id === "too-small")?.rules[0]).toMatchObject({ weight: 40 });
    const retired = applySuggestion(pack, {
      kind: "retire_rule",
      persona: "too-small",
      rule: "micro-team",
      currentWeight: 40,
      evidence,
    });
    // Retiring a rule keeps its persona's others; retiring the last one removes the persona.
    expect(retired.personas.find((p) => p.id === "too-small")?.rules.map((r) => r.id)).toEqual([
      "solo-operator",
    ]);
    const emptied = applySuggestion(retired, {
      kind: "retire_rule",
      persona: "too-small",
      rule: "solo-operator",
      currentWeight: 30,
      evidence,
    });
    expect(emptied.personas.some((p) => p.id === "too-small")).toBe(false);
    validateRuleSet(retired, "test");
    validateRuleSet(emptied, "test");
  });

  it("counts the verdicts a change would flip and how those leads ended; purged text cannot trigger keyword rules", () => {
    const current = compileRuleSet(pack);
    const candidate = compileRuleSet(
      applySuggestion(pack, {
        kind: "add_rule",
        persona: "too-small",
        rule: "industry-retail",
        when: { field: "industry", op: "eq", value: "retail" },
        weight: 90,
        trait: "industry is retail",
        evidence,
      }),
    );
    const b = new Backtest(current, candidate);
    const text = "Industry: Retail. Alex Kim, Head of Operations at Shopco, 400 employees, alex@shopco.com";
    b.add("a", parseLead(text), "lost", false);
    b.add("b", parseLead(text), "won", false);
    b.add(
      "c",
      leadFromStoredFacts({
        industry: "retail",
        employees: { min: 400, max: 400 },
        title: "Head of Operations",
      }),
      "lost",
      true,
    );
    b.add("d", parseLead("Sam, CTO at Fintrix (fintech), 200 employees, sam@fintrix.io"), "won", false);
    expect(b.summary).toMatchObject({
      checks: 4,
      fromFactsOnly: 1,
      changed: 3,
      changedWon: 1,
      changedLost: 2,
      stricter: { won: 1, lost: 2 },
      examples: ["a", "b", "c"],
    });
    // A keyword rule finds nothing to read in a lead rebuilt from facts.
    const keyword = compileRuleSet(
      validateRuleSet(
        {
          ...pack,
          personas: [
            {
              id: "k",
              name: "K",
              description: "",
              kind: "anti",
              rules: [
                {
                  id: "r",
                  when: { field: "text", op: "contains_any", value: ["mining"] },
                  exclude: true,
                  reason: "x",
                  provenance: "manual",
                },
              ],
            },
          ],
        },
        "test",
      ),
    );
    expect(keyword.evaluate(leadFromStoredFacts({ industry: "mining" })).matches).toEqual([]);
  });
});
