import type { DecisionCounts } from "../checks.js";
import type { Decision } from "../personas/verdict.js";
import type { Theme } from "./themes.js";

/** What a digest says, read from the store for one workspace and one week. */
export interface DigestData {
  from: Date;
  to: Date;
  week: DecisionCounts;
  previousWeek: DecisionCounts;
  /** The rules that fired most this week ("persona/rule"), with how those leads ended so far. */
  topRules: { rule: string; checks: number; won: number; lost: number }[];
  /** Reasons reps reported this week for lost and disqualified leads, with their words (redacted here). */
  reasons: { label: string; count: number; examples: string[] }[];
  /** Verdicts in channels from the last 30 days still without an outcome. */
  awaitingOutcome: number;
  pendingSuggestions: number;
  /** Themes the optional LLM found in reps' words this week (absent without one). */
  themes?: Theme[];
  /** The last eight weeks (oldest first, the digest's week last): checks by decision, for the chart. */
  trend: { weekStart: Date; byDecision: Partial<Record<Decision, number>> }[];
}
