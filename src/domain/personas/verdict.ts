import type { FactName, Span } from "../lead/facts.js";
import type { RuleField } from "./schema.js";

export const DECISIONS = ["pass", "review", "reject", "needs_info"] as const;
export type Decision = (typeof DECISIONS)[number];

/** The words in the lead that made a condition true. */
export interface Evidence {
  field: RuleField;
  /** The quoted text, exactly as it appears in the lead. */
  text: string;
  span: Span;
}

export interface RuleMatch {
  persona: string;
  personaName: string;
  rule: string;
  kind: "anti" | "ideal";
  /** 0-100, or undefined for hard exclusions. */
  weight?: number;
  exclude: boolean;
  /** Set when every fact the match rests on is second-hand (read in a mail's body, maybe about someone else):
   * the weight it counted instead of the rule's, and an exclusion did not exclude. */
  secondHand?: { counted: number };
  /** The rule's reason with `{evidence}` filled in. */
  reason: string;
  evidence: Evidence[];
}

export interface Verdict {
  decision: Decision;
  /** 0-100: noisy-OR of matched anti-persona weights (100 when an exclusion matched). */
  risk: number;
  /** Matched anti-persona rules, strongest first. */
  matches: RuleMatch[];
  /** Matched ideal-persona rules: signals of fit. */
  fits: RuleMatch[];
  /** Facts the lead did not reveal that rules needed, most decisive first: what to ask the lead. */
  missing: FactName[];
  /** How many judging facts were known. */
  knownFacts: number;
  ruleSetVersion: number;
}
