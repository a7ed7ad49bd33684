import type { LeadFacts } from "../lead/facts.js";
import type { Rule, RuleSet } from "./schema.js";
import type { Decision, RuleMatch } from "./verdict.js";

/** The policy that turns matched rules into a risk and a decision. Pure and small on purpose: the evaluator
 * and the refinement job (which replays rule changes over past checks) must score exactly alike. */

/** A rule's weight in the risk: an exclusion counts as 100. */
export function ruleWeight(rule: Pick<Rule, "weight" | "exclude">): number {
  return rule.exclude ? 100 : (rule.weight ?? 0);
}

/** The share of its weight a red flag counts when every fact it rests on is second-hand (read in a mail's body,
 * maybe about someone else): enough to make a rep look, never enough on its own to exclude. */
export const SECOND_HAND_SHARE = 0.5;

/** The weight a matched rule adds to the risk when it rests only on second-hand facts: a share of its own
 * (an exclusion counting as 100). */
export function secondHandWeight(rule: Pick<Rule, "weight" | "exclude">): number {
  return Math.round(ruleWeight(rule) * SECOND_HAND_SHARE);
}

/** What a matched rule of this weight leaves of the "no red flag" probability (noisy-OR factor). */
export function keepFactor(weight: number): number {
  return 1 - weight / 100;
}

/** Risk 0–100 from the product of the matched rules' keep factors: 1 − Π(1 − wᵢ/100), so independent red
 * flags add up but never pass 100. An exclusion makes it 100. */
export function riskScore(keep: number, excluded: boolean): number {
  return excluded ? 100 : Math.round((1 - keep) * 100);
}

/** Noisy-OR over a list of weights (for callers that have weights rather than a running product). */
export function combineWeights(weights: readonly number[], excluded = false): number {
  return riskScore(
    weights.reduce((keep, w) => keep * keepFactor(w), 1),
    excluded,
  );
}

/** How many of the facts that make a lead judgeable are known. Static property reads: lead fact objects come
 * in many shapes, and named reads stay fast where computed keys do not. */
export function countJudgingFacts(f: LeadFacts): number {
  return (
    (f.title ? 1 : 0) +
    (f.company ? 1 : 0) +
    (f.domainKind ? 1 : 0) +
    (f.industry ? 1 : 0) +
    (f.employees ? 1 : 0) +
    (f.country ? 1 : 0) +
    (f.budget ? 1 : 0) +
    (f.revenue ? 1 : 0) +
    (f.website ? 1 : 0)
  );
}

/** Any exclusion or risk ≥ reject → reject; risk ≥ review → review; too few known facts → needs info; else
 * pass. */
export function decide(
  outcome: { excluded: boolean; risk: number; knownFacts: number },
  policy: Pick<RuleSet, "thresholds" | "minKnownFacts">,
): Decision {
  if (outcome.excluded || outcome.risk >= policy.thresholds.reject) return "reject";
  if (outcome.risk >= policy.thresholds.review) return "review";
  if (outcome.knownFacts < policy.minKnownFacts) return "needs_info";
  return "pass";
}

/** Exclusions first, then heavier rules, by what each counted. The sort is stable, so equal weights keep
 * evaluation order. */
export function byStrength(a: RuleMatch, b: RuleMatch): number {
  return strength(b) - strength(a);
}

function strength(match: RuleMatch): number {
  if (match.secondHand) return match.secondHand.counted;
  return match.exclude ? Number.POSITIVE_INFINITY : (match.weight ?? 0);
}
