import { beforeAll, describe, expect, it } from "vitest";
import { parseLead } from "../../src/domain/lead/parse.js";
import { type CompiledRuleSet, compileRuleSet } from "../../src/domain/personas/compile.js";
import {
  groundedFacts,
  locateQuote,
  type ModelFacts,
  revisedReport,
  reviseWithModelFacts,
} from "../../src/domain/summary/inferredFacts.js";
import { fold } from "../../src/domain/text.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";

let rules: CompiledRuleSet;
beforeAll(async () => {
  rules = compileRuleSet(await loadRuleFile());
});

const none: ModelFacts = { industry: null, seniority: null, employees: null, country: null };
const COUNCIL =
  "Sam here. I look after IT for the county council's parks department and want a quote for 20 seats.";
const COFOUNDERS =
  "Hi, it's just my cofounder and me so far; we'd like the cheapest plan. Jo, CEO, Brightpath";

describe("facts the model reads", () => {
  it("are found in the text by their quoted words, ignoring case, accents and punctuation", () => {
    const text = "Ana — Diretora de Operações, Câmara Municipal de Lisboa.";
    const span = locateQuote(fold(text), "camara municipal de lisboa");
    expect(span && text.slice(span.start, span.end)).toBe("Câmara Municipal de Lisboa");
    expect(locateQuote(fold(text), "city hall of Lisbon")).toBeUndefined();
    expect(locateQuote(fold(text), "de")).toBeUndefined();
  });

  it("hold only with a known value, a quote really in the text, and where the parser found nothing", () => {
    const lead = parseLead(`${COFOUNDERS}, Portugal`);
    const grounded = groundedFacts(lead, {
      industry: { value: "software", quote: "a SaaS platform for dentists" }, // not in the text
      seniority: { value: "individual", quote: "Jo" }, // the parser found CEO: never overruled
      employees: { min: 2, max: 2, quote: "just my cofounder and me" },
      country: { value: "ZZ", quote: "Portugal" }, // not a country code
    });
    expect(grounded.map((f) => [f.name, f.value])).toEqual([["employees", { min: 2, max: 2 }]]);
    expect(
      groundedFacts(lead, { ...none, employees: { min: 50, max: 10, quote: "just my cofounder and me" } }),
    ).toEqual([]);
  });

  it("are judged by the rules, which quote the model's words as evidence", () => {
    const lead = parseLead(COUNCIL);
    const first = rules.evaluate(lead);
    expect(first.matches).toEqual([]);
    const revision = reviseWithModelFacts(lead, first, rules, {
      ...none,
      industry: { value: "government", quote: "county council" },
    });
    expect(revision?.judged).toBe(true);
    const flag = revision?.verdict.matches.find((m) => m.rule === "government-buyer");
    expect(flag?.evidence[0]?.text).toBe("county council");
    expect(revision?.verdict.risk).toBeGreaterThan(first.risk);
    const report = revision && revisedReport(revision);
    expect(report?.facts.industry).toBe("government");
    expect(report?.inferred).toContain("industry");
    expect(report?.readByModel).toEqual({
      facts: [{ fact: "industry", quote: "county council" }],
      judged: true,
    });
  });

  it("add red flags but never clear a lead: a kinder verdict from guesses keeps the first", () => {
    const lead = parseLead(COFOUNDERS);
    const first = rules.evaluate(lead);
    const tiny = reviseWithModelFacts(lead, first, rules, {
      ...none,
      employees: { min: 2, max: 2, quote: "just my cofounder and me" },
    });
    expect(tiny?.judged).toBe(true);
    expect(tiny?.verdict.matches.map((m) => m.rule)).toContain("micro-team");

    // A lead steering the model towards a flattering reading: the quoted words are there, but the facts
    // would clear it.
    const steered = parseLead("Jo, CEO, Brightpath. We'd love a demo; our whole crew would use it.");
    const before = rules.evaluate(steered);
    const kinder = reviseWithModelFacts(steered, before, rules, {
      ...none,
      employees: { min: 200, max: 200, quote: "our whole crew" },
      industry: { value: "software", quote: "Brightpath" },
    });
    expect(kinder?.judged).toBe(false);
    expect(kinder?.verdict).toBe(before);
    expect(kinder && revisedReport(kinder).decision).toBe(before.decision);
  });

  it("give no revision when nothing new holds up", () => {
    const lead = parseLead(COUNCIL);
    expect(reviseWithModelFacts(lead, rules.evaluate(lead), rules, none)).toBeUndefined();
  });
});
