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

describe("where each fact was read", () => {
  it("names a typed field, a mail header, the signature block, the body, or an inference", () => {
    const lead = parseLead(
      [
        'From: "Ines Duarte" <ines@harbourline.pt>',
        "Subject: Pricing",
        "Industry: Logistics",
        "",
        "We run 12 warehouses and would like a quote before the end of the month.",
        "",
        "Ines Duarte",
        "Head of Operations",
        "Harbourline Freight",
        "+351 21 555 0100",
      ].join("\n"),
    );
    const sources = Object.fromEntries(Object.entries(lead.facts).map(([k, f]) => [k, f.source]));
    expect(sources).toMatchObject({
      industry: "field",
      email: "header",
      title: "signature",
      company: "signature",
      country: "inferred",
    });
    const body = parseLead(
      "Priya here, we are a 40-person agency and our VP of Sales asked me to reach out.",
    );
    expect(body.facts.employees?.source).toBe("body");
  });
});
