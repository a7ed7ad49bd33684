import { describe, expect, it } from "vitest";
import { parseLead } from "../../src/domain/lead/parse.js";
import { CASES } from "./parse.cases.js";

describe("parseLead on realistic leads", () => {
  it("has at least 60 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES)("$name", ({ text, expect: expected, absent, quote }) => {
    const { facts } = parseLead(text);
    const values = Object.fromEntries(Object.entries(facts).map(([k, f]) => [k, f.value]));
    for (const [name, value] of Object.entries(expected)) {
      expect(values[name], `fact ${name}`).toEqual(value);
    }
    for (const name of absent ?? []) expect(values[name], `fact ${name} must stay unknown`).toBeUndefined();
    for (const fact of Object.values(facts)) {
      expect(fact.span.start).toBeGreaterThanOrEqual(0);
      expect(fact.span.end).toBeLessThanOrEqual(text.length);
      expect(fact.span.end).toBeGreaterThan(fact.span.start);
    }
    for (const [name, words] of Object.entries(quote ?? {})) {
      const fact = facts[name as keyof typeof facts];
      expect(fact && text.slice(fact.span.start, fact.span.end), `quote of ${name}`).toBe(words);
    }
  });
});
