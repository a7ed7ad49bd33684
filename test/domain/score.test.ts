import { describe, expect, it } from "vitest";
import {
  combineWeights,
  decide,
  keepFactor,
  riskScore,
  ruleWeight,
} from "../../src/domain/personas/score.js";

const policy = { thresholds: { review: 35, reject: 70 }, minKnownFacts: 2 };

describe("score and decide (the policy the evaluator and refinement share)", () => {
  it("combines weights by noisy-OR, never past 100", () => {
    expect(combineWeights([])).toBe(0);
    expect(combineWeights([60])).toBe(60);
    expect(combineWeights([60, 15])).toBe(66);
    expect(combineWeights([90, 90, 90, 90])).toBe(100);
    expect(combineWeights([10], true)).toBe(100);
    expect(riskScore(keepFactor(30) * keepFactor(30), false)).toBe(51);
  });

  it("weighs an exclusion as 100 and a rule without weight as 0", () => {
    expect(ruleWeight({ exclude: true })).toBe(100);
    expect(ruleWeight({ weight: 25 })).toBe(25);
    expect(ruleWeight({})).toBe(0);
  });

  it("decides: exclusion or reject threshold, review threshold, too few facts, else pass", () => {
    expect(decide({ excluded: true, risk: 0, knownFacts: 9 }, policy)).toBe("reject");
    expect(decide({ excluded: false, risk: 70, knownFacts: 9 }, policy)).toBe("reject");
    expect(decide({ excluded: false, risk: 35, knownFacts: 0 }, policy)).toBe("review");
    expect(decide({ excluded: false, risk: 34, knownFacts: 1 }, policy)).toBe("needs_info");
    expect(decide({ excluded: false, risk: 34, knownFacts: 2 }, policy)).toBe("pass");
  });
});
