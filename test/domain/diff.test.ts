import { describe, expect, it } from "vitest";
import { describeChange, diffRuleSets } from "../../src/domain/personas/diff.js";
import type { RuleSet } from "../../src/domain/personas/schema.js";
import { loadRuleFile } from "../../src/services/ruleFiles.js";

const pack: RuleSet = await loadRuleFile();

describe("diffing rule sets", () => {
  it("finds nothing between a rule set and itself", () => {
    expect(diffRuleSets(pack, structuredClone(pack))).toEqual([]);
  });

  it("names added, removed and changed personas and rules, and thresholds", () => {
    const next = structuredClone(pack);
    next.thresholds = { review: 30, reject: 70 };
    const small = next.personas.find((p) => p.id === "too-small");
    if (small?.rules[0]) small.rules[0] = { ...small.rules[0], weight: 70, reason: "Tiny" };
    next.personas = next.personas.filter((p) => p.id !== "competitor");
    next.personas.push({
      id: "learned-geo",
      name: "Geography (learned)",
      description: "",
      kind: "anti",
      rules: [
        {
          id: "country-br",
          when: { field: "country", op: "eq", value: "BR" },
          weight: 50,
          reason: "x",
          provenance: "manual",
        },
      ],
    });
    expect(diffRuleSets(pack, next).map(describeChange)).toEqual([
      "~ review 35 → 30, reject 70 → 70",
      "~ rule too-small/micro-team: weight 40 → weight 70, reason",
      "+ persona learned-geo (Geography (learned))",
      "+ rule learned-geo/country-br (weight 50)",
      "- persona competitor (Competitor)",
      "- rule competitor/competitor-domain (exclude)",
      "- rule competitor/competitor-research (weight 45)",
    ]);
  });
});
