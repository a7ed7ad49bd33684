import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LeadFacts, ParsedLead } from "../../src/domain/lead/facts.js";
import { parseLead } from "../../src/domain/lead/parse.js";
import { compileRuleSet, testCondition } from "../../src/domain/personas/compile.js";
import { validateRuleSet } from "../../src/domain/personas/load.js";
import type { Condition, RuleSet } from "../../src/domain/personas/schema.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";

const words = [
  "cheap",
  "free",
  "rfp",
  "student",
  "vp",
  "de",
  "education",
  "acme",
  "intern",
  "thesis",
  "budget",
];
const stringFields = [
  "industry",
  "seniority",
  "title",
  "country",
  "company",
  "domainKind",
  "text",
  "notes",
] as const;
const numericFields = ["employees", "budget", "revenue"] as const;

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    field: fc.constantFrom(...stringFields),
    op: fc.constant("eq" as const),
    value: fc.constantFrom(...words),
  }),
  fc.record({
    field: fc.constantFrom(...stringFields),
    op: fc.constant("in" as const),
    value: fc.uniqueArray(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    field: fc.constantFrom(...stringFields),
    op: fc.constant("contains_any" as const),
    value: fc.array(fc.constantFrom(...words, "free version", "no budget"), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    field: fc.constantFrom(...numericFields),
    op: fc.constantFrom("gt" as const, "gte" as const, "lt" as const, "lte" as const),
    value: fc.integer({ min: 0, max: 20000 }),
  }),
  fc.record({
    field: fc.constantFrom(...stringFields, ...numericFields),
    op: fc.constantFrom("present" as const, "missing" as const),
  }),
);
const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie("c"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("c"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("c") }),
  ),
})).c;

const ruleSetArb: fc.Arbitrary<RuleSet> = fc
  .array(
    fc.record({
      when: condition,
      weight: fc.integer({ min: 0, max: 100 }),
      exclude: fc.boolean(),
      kind: fc.constantFrom("anti" as const, "ideal" as const),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((rules) =>
    validateRuleSet(
      {
        thresholds: { review: 30, reject: 70 },
        personas: rules.map((r, i) => ({
          id: `p${i}`,
          name: `P${i}`,
          kind: r.kind,
          rules: [
            {
              id: `r${i}`,
              when: r.when,
              reason: "r",
              ...(r.exclude ? { exclude: true } : { weight: r.weight }),
            },
          ],
        })),
      },
      "generated",
    ),
  );

const leadArb: fc.Arbitrary<ParsedLead> = fc
  .record(
    {
      industry: fc.constantFrom(...words),
      seniority: fc.constantFrom("student", "vp", "intern", "manager"),
      title: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }).map((w) => w.join(" ")),
      country: fc.constantFrom("DE", "US", "de"),
      company: fc.constantFrom("Acme", "acme corp", "Free Inc"),
      employees: fc
        .integer({ min: 1, max: 20000 })
        .chain((min) =>
          fc.oneof(fc.constant({ min, max: min }), fc.constant({ min, max: Number.POSITIVE_INFINITY })),
        ),
      budget: fc.record({
        amount: fc.integer({ min: 0, max: 50000 }),
        period: fc.constantFrom("month", "year", "one_off"),
      }),
      notes: fc.array(fc.constantFrom(...words, "no", "version"), { maxLength: 6 }).map((w) => w.join(" ")),
    },
    { requiredKeys: [] },
  )
  .chain((values) =>
    fc.array(fc.constantFrom(...words, "free version", "no budget", "x"), { maxLength: 8 }).map((extra) => {
      let text = "";
      const facts: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(values)) {
        const start = text.length;
        text += `${typeof value === "string" ? value : JSON.stringify(value)}\n`;
        facts[name] = { value, span: { start, end: text.length - 1 } };
      }
      text += extra.join(" ");
      return { text, facts: facts as LeadFacts };
    }),
  );

describe("properties", () => {
  it("the indexed evaluator matches exactly the rules a rule-by-rule evaluation matches", () => {
    fc.assert(
      fc.property(ruleSetArb, fc.array(leadArb, { minLength: 1, maxLength: 5 }), (set, leads) => {
        const compiled = compileRuleSet(set);
        for (const lead of leads) {
          const verdict = compiled.evaluate(lead);
          const got = [...verdict.matches, ...verdict.fits].map((m) => m.rule).sort();
          const expected = set.personas
            .flatMap((p) => p.rules)
            .filter((r) => testCondition(r.when, lead) === "true")
            .map((r) => r.id)
            .sort();
          expect(got).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("evaluation never throws and risk stays within 0-100", () => {
    fc.assert(
      fc.property(ruleSetArb, leadArb, (set, lead) => {
        const verdict = compileRuleSet(set).evaluate(lead);
        expect(verdict.risk).toBeGreaterThanOrEqual(0);
        expect(verdict.risk).toBeLessThanOrEqual(100);
        expect(["pass", "review", "reject", "needs_info"]).toContain(verdict.decision);
        for (const m of verdict.matches)
          for (const e of m.evidence) expect(lead.text.slice(e.span.start, e.span.end)).toBe(e.text);
      }),
      { numRuns: 300 },
    );
  });

  it("parsing and evaluating any text never throws, and every span quotes the text", async () => {
    const pack = compileRuleSet(await loadRuleFile());
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: "grapheme", maxLength: 200 }),
          fc
            .constantFrom(...words)
            .chain((w) => fc.string().map((s) => `${w} ${s} 50-200 employees $5k/month`)),
        ),
        (text) => {
          const lead = parseLead(text);
          for (const fact of Object.values(lead.facts)) {
            expect(fact.span.start).toBeGreaterThanOrEqual(0);
            expect(fact.span.end).toBeLessThanOrEqual(lead.text.length);
          }
          const verdict = pack.evaluate(lead);
          expect(verdict.risk).toBeGreaterThanOrEqual(0);
          expect(verdict.risk).toBeLessThanOrEqual(100);
        },
      ),
      { numRuns: 500 },
    );
  });
});
