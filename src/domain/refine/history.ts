import type { HistoryFacts } from "../memory/facts.js";
import type { OutcomeKind } from "../outcomes/kinds.js";
import type { StoredFacts } from "./traits.js";

/** One checked lead with what became of it: what refinement learns from. */
export interface OutcomeHistoryItem {
  checkId: string;
  facts: StoredFacts;
  /** What the team's memory said when it was checked (absent: checked without it). */
  history?: HistoryFacts;
  /** "persona/rule" ids the verdict matched. */
  matchedRules: readonly string[];
  outcome: OutcomeKind;
  reason?: string | null;
  at: Date;
}

/** Lost and disqualified leads are the bad outcomes; won leads the good ones. No-shows and "verdict was
 * wrong" say nothing about whether the lead would have bought, so they are left out of the rates. */
export function outcomeClass(kind: OutcomeKind): "bad" | "good" | undefined {
  if (kind === "lost" || kind === "disqualified") return "bad";
  if (kind === "won") return "good";
  return undefined;
}
