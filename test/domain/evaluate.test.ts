import { describe, expect, it } from "vitest";
import { parseLead } from "../../src/domain/lead/parse.js";
import { compileRuleSet, testCondition } from "../../src/domain/personas/compile.js";
import { validateRuleSet } from "../../src/domain/personas/load.js";
import type { Condition, RuleSetInput } from "../../src/domain/personas/schema.js";
import { leadOf } from "../support/leads.js";

const lead = leadOf(
  {
    industry: "education",
    seniority: "student",
    title: "PhD Student",
    country: "DE",
    employees: { min: 50, max: 200 },
    budget: { amount: 100, currency: "USD", period: "month" },
    domainKind: "edu",
  },
  "Looking for a FREE version for my thesis — résumé attached",
);

describe("operators", () => {
  const cases: [string, Condition, "true" | "false" | "unknown"][] = [
    ["eq string, case-insensitive", { field: "country", op: "eq", value: "de" }, "true"],
    ["eq string, other value", { field: "country", op: "eq", value: "FR" }, "false"],
    ["eq on an unknown fact", { field: "company", op: "eq", value: "Acme" }, "unknown"],
    ["in", { field: "industry", op: "in", value: ["government", "education"] }, "true"],
    ["in, no member", { field: "industry", op: "in", value: ["retail"] }, "false"],
    [
      "contains_any on text, accent- and case-blind",
      { field: "text", op: "contains_any", value: ["resume"] },
      "true",
    ],
    ["contains_any phrase", { field: "text", op: "contains_any", value: ["free version"] }, "true"],
    ["contains_any needs whole words", { field: "text", op: "contains_any", value: ["the"] }, "false"],
    ["contains_any on a fact", { field: "title", op: "contains_any", value: ["student", "intern"] }, "true"],
    ["contains_any on an unknown fact", { field: "notes", op: "contains_any", value: ["x"] }, "unknown"],
    ["matches", { field: "title", op: "matches", value: "^phd\\b" }, "true"],
    ["matches with flags", { field: "title", op: "matches", value: "^phd", flags: "" }, "false"],
    [
      "gt on a range: only when the whole range is above",
      { field: "employees", op: "gt", value: 40 },
      "true",
    ],
    ["gt on a range that straddles", { field: "employees", op: "gt", value: 100 }, "false"],
    ["gte", { field: "employees", op: "gte", value: 50 }, "true"],
    ["lt", { field: "employees", op: "lt", value: 201 }, "true"],
    ["lt straddling", { field: "employees", op: "lt", value: 100 }, "false"],
    ["lte", { field: "employees", op: "lte", value: 200 }, "true"],
    ["between", { field: "employees", op: "between", value: [10, 1000] }, "true"],
    ["between, partly outside", { field: "employees", op: "between", value: [100, 1000] }, "false"],
    ["budget compares the annual amount", { field: "budget", op: "gte", value: 1200 }, "true"],
    ["budget annual amount, not above", { field: "budget", op: "gt", value: 1200 }, "false"],
    ["numeric op on an unknown fact", { field: "revenue", op: "gt", value: 1 }, "unknown"],
    ["present", { field: "country", op: "present" }, "true"],
    ["present on an unknown fact", { field: "company", op: "present" }, "false"],
    ["missing", { field: "company", op: "missing" }, "true"],
    ["missing on a known fact", { field: "country", op: "missing" }, "false"],
    ["eq number on a numeric fact", { field: "employees", op: "eq", value: 50 }, "false"],
  ];
  it.each(cases)("%s", (_name, cond, expected) => {
    expect(testCondition(cond, lead)).toBe(expected);
  });
});

describe("three-valued logic", () => {
  const T: Condition = { field: "country", op: "eq", value: "DE" };
  const F: Condition = { field: "country", op: "eq", value: "FR" };
  const U: Condition = { field: "company", op: "eq", value: "Acme" };
  const cases: [string, Condition, string][] = [
    ["all true", { all: [T, T] }, "true"],
    ["all with a false", { all: [T, F, U] }, "false"],
    ["all with an unknown", { all: [T, U] }, "unknown"],
    ["any with a true", { any: [F, U, T] }, "true"],
    ["any false", { any: [F, F] }, "false"],
    ["any with an unknown", { any: [F, U] }, "unknown"],
    ["not true", { not: T }, "false"],
    ["not false", { not: F }, "true"],
    ["not unknown stays unknown", { not: U }, "unknown"],
    ["nested", { all: [T, { any: [F, { not: F }] }] }, "true"],
  ];
  it.each(cases)("%s", (_name, cond, expected) => {
    expect(testCondition(cond, lead)).toBe(expected);
  });
});

function ruleSet(input: Partial<RuleSetInput> & Pick<RuleSetInput, "personas">) {
  return compileRuleSet(
    validateRuleSet({ thresholds: { review: 30, reject: 60 }, minKnownFacts: 2, ...input }, "test"),
  );
}

const anti = (id: string, when: Condition, weight?: number, exclude?: true) => ({
  id,
  when,
  reason: `${id} ({evidence})`,
  ...(exclude ? { exclude } : { weight }),
});

/** A rule set of one anti-persona ("Bad fit") with these rules. */
const badFit = (...rules: ReturnType<typeof anti>[]) =>
  ruleSet({ personas: [{ id: "bad", name: "Bad fit", kind: "anti", rules }] });

describe("decisions", () => {
  const rules = ruleSet({
    personas: [
      {
        id: "bad",
        name: "Bad fit",
        kind: "anti",
        rules: [
          anti("small", { field: "employees", op: "lt", value: 10 }, 40),
          anti("student", { field: "seniority", op: "eq", value: "student" }, 50),
          anti("competitor", { field: "emailDomain", op: "in", value: ["rival.com"] }, undefined, true),
          anti("edu", { field: "domainKind", op: "eq", value: "edu" }, 10),
        ],
      },
      {
        id: "good",
        name: "Good fit",
        kind: "ideal",
        rules: [anti("exec", { field: "seniority", op: "in", value: ["c_level", "vp"] }, 50)],
      },
    ],
  });

  it("passes a lead with no red flags and enough facts", () => {
    const v = rules.evaluate(
      leadOf({ seniority: "vp", title: "VP Sales", employees: { min: 200, max: 200 } }),
    );
    expect(v.decision).toBe("pass");
    expect(v.risk).toBe(0);
    expect(v.fits.map((f) => f.rule)).toEqual(["exec"]);
  });

  it("reviews at the review threshold", () => {
    const v = rules.evaluate(leadOf({ title: "Owner", employees: { min: 3, max: 3 } }));
    expect(v.risk).toBe(40);
    expect(v.decision).toBe("review");
    expect(v.matches[0]?.reason).toBe('small ("3 employees")');
  });

  it("combines weights with noisy-OR and rejects at the reject threshold", () => {
    const v = rules.evaluate(
      leadOf({ title: "Student", seniority: "student", employees: { min: 3, max: 3 } }),
    );
    // 1 - (1 - .4)(1 - .5) = .7
    expect(v.risk).toBe(70);
    expect(v.decision).toBe("reject");
    expect(v.matches.map((m) => m.rule)).toEqual(["student", "small"]);
  });

  it("rejects on an exclusion whatever the weights", () => {
    const v = rules.evaluate(leadOf({ emailDomain: "rival.com", title: "CEO", seniority: "c_level" }));
    expect(v.decision).toBe("reject");
    expect(v.risk).toBe(100);
    expect(v.matches[0]).toMatchObject({ rule: "competitor", exclude: true });
  });

  it("asks for information when too few facts are known, listing what rules need", () => {
    const v = rules.evaluate(leadOf({ name: "Sam" }));
    expect(v.decision).toBe("needs_info");
    expect(v.missing).toEqual(expect.arrayContaining(["employees", "title", "email"]));
    // The exclusion (weight 100) needs the email: it is asked for first.
    expect(v.missing[0]).toBe("email");
  });

  it("never asks for a fact the lead already gave, even when a fact derived from it is unknown", async () => {
    const pack = compileRuleSet(await (await import("../../src/services/ruleFiles.js")).loadRuleFile());
    const { parseLead } = await import("../../src/domain/lead/parse.js");
    // A title whose seniority and department the parser cannot tell.
    const v = pack.evaluate(
      parseLead("Title: Growth Hacker\nCompany: Fizzbuzz Labs\nEmail: alex@fizzbuzz.io"),
    );
    expect(v.missing).not.toContain("title");
    expect(v.missing).not.toContain("email");
  });

  it("never treats an unknown fact as a match", () => {
    const v = rules.evaluate(leadOf({ title: "VP", company: "Acme" }));
    expect(v.matches).toEqual([]);
    expect(v.missing).toContain("employees");
  });

  it("records the rule-set version it used", () => {
    const versioned = compileRuleSet(
      validateRuleSet(
        {
          version: 7,
          personas: [
            { id: "p", name: "P", kind: "anti", rules: [anti("r", { field: "text", op: "present" }, 5)] },
          ],
        },
        "t",
      ),
    );
    expect(versioned.evaluate(leadOf({ title: "x" })).ruleSetVersion).toBe(7);
  });
});

describe("evidence", () => {
  const rules = ruleSet({
    personas: [
      {
        id: "bargain",
        name: "Bargain hunter",
        kind: "anti",
        rules: [
          anti("free", { field: "text", op: "contains_any", value: ["free version", "discount"] }, 30),
          anti("junior", { field: "title", op: "contains_any", value: ["assistant"] }, 30),
          anti("regex", { field: "text", op: "matches", value: "cheap(est)?" }, 10),
        ],
      },
    ],
  });

  it("quotes the exact words of the lead, with their offsets", () => {
    const text = "Office Assistant here. Is there a FREE   version? Or a Discount? cheapest wins";
    const lead = { text, facts: { title: { value: "Office Assistant", span: { start: 0, end: 16 } } } };
    const v = rules.evaluate(lead);
    const free = v.matches.find((m) => m.rule === "free");
    expect(free?.evidence.map((e) => e.text)).toEqual(["FREE   version", "Discount"]);
    const junior = v.matches.find((m) => m.rule === "junior");
    expect(junior?.evidence[0]).toMatchObject({
      field: "title",
      text: "Assistant",
      span: { start: 7, end: 16 },
    });
    const regex = v.matches.find((m) => m.rule === "regex");
    expect(regex?.evidence[0]?.text).toBe("cheapest");
    for (const m of v.matches)
      for (const e of m.evidence) expect(text.slice(e.span.start, e.span.end)).toBe(e.text);
  });
});

describe("explanations built when read", () => {
  const rules = badFit(anti("free", { field: "text", op: "contains_any", value: ["free", "discount"] }, 40));

  it("quote their own lead even when read after the evaluator has moved on to other leads", () => {
    const first = rules.evaluate(parseLead("Do you have a free plan?"));
    const second = rules.evaluate(parseLead("Any discount for a nonprofit?"));
    expect(second.matches[0]?.reason).toBe('free ("discount")');
    expect(first.matches[0]?.reason).toBe('free ("free")');
    expect(first.matches[0]?.evidence).toEqual([
      { field: "text", text: "free", span: { start: 14, end: 18 } },
    ]);
  });

  it("travel with the match when it is copied or serialised", () => {
    const [match] = rules.evaluate(parseLead("Is there a free version?")).matches;
    expect({ ...match }).toMatchObject({ rule: "free", reason: 'free ("free")' });
    expect(JSON.parse(JSON.stringify(match))).toMatchObject({
      reason: 'free ("free")',
      evidence: [{ text: "free" }],
    });
  });
});

describe("second-hand facts: a mail's body may be about someone else", () => {
  const rules = badFit(
    anti("student", { field: "seniority", op: "eq", value: "student" }, undefined, true),
    anti("exec", { field: "seniority", op: "eq", value: "c_level" }, 40),
  );
  const signed = "\n\nBest,\nAna Ruiz\nNorthgate Foods\n+1 415 555 0100";

  it("marks a body fact of a mail that the sender does not state of themselves", () => {
    const mail = parseLead(
      `Hi Tom,\n\nPlease call the CEO of Brightwell Labs next week about a demo.${signed}`,
    );
    expect(mail.facts.title).toMatchObject({
      value: "CEO of Brightwell Labs",
      source: "body",
      secondHand: true,
    });
    const own = parseLead(`Hi Tom,\n\nI am the CEO of Brightwell Labs and would like a demo.${signed}`);
    expect(own.facts.title?.secondHand).toBeUndefined();
    const note = parseLead("CEO of Brightwell Labs, wants a demo next week");
    expect(note.facts.title).toMatchObject({ source: "body" });
    expect(note.facts.title?.secondHand).toBeUndefined();
  });

  it("counts a red flag on second-hand facts at half weight, and never lets it exclude", () => {
    const third = rules.evaluate(
      parseLead(`Hi Tom,\n\nMy contact says their buyer is a student at Lisbon University.${signed}`),
    );
    const first = rules.evaluate(
      parseLead(`Hi Tom,\n\nI am a student at Lisbon University and need a cheap plan.${signed}`),
    );
    expect(first.matches[0]).toMatchObject({ rule: "student", exclude: true });
    expect(first.matches[0]?.secondHand).toBeUndefined();
    expect(first).toMatchObject({ decision: "reject", risk: 100 });
    const student = third.matches.find((m) => m.rule === "student");
    expect(student).toMatchObject({ exclude: true, secondHand: { counted: 50 } });
    expect(third.risk).toBe(50);
    expect(third.decision).toBe("review");

    const exec = rules.evaluate(
      parseLead(`Hi Tom,\n\nPlease call the CEO of Brightwell Labs next week about a demo.${signed}`),
    );
    expect(exec.matches[0]).toMatchObject({ rule: "exec", weight: 40, secondHand: { counted: 20 } });
    expect(exec.risk).toBe(20);
  });
});
