/** What became of a lead; "verdict_wrong" is a rep's word that the verdict itself was wrong. */
export const OUTCOME_KINDS = ["won", "lost", "disqualified", "no_show", "verdict_wrong"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export interface NewOutcome {
  checkId: string;
  kind: OutcomeKind;
  reason?: string;
  repWords?: string;
  userId?: string;
  /** The Slack message the report came from (a thread reply), so an edit or a delete can find it. */
  sourceTs?: string;
}

/** An outcome as a verdict shows it: the reason with its label in the workspace's words. */
export interface ShownOutcome {
  kind: OutcomeKind;
  reason?: string;
  reasonLabel?: string;
  userId?: string;
  at: Date;
}

export const OUTCOME_LABELS: Record<OutcomeKind, string> = {
  won: "Won",
  lost: "Lost",
  disqualified: "Disqualified",
  no_show: "No-show",
  verdict_wrong: "Verdict was wrong",
};

export function isOutcomeKind(value: string): value is OutcomeKind {
  return (OUTCOME_KINDS as readonly string[]).includes(value);
}

/** The words a rep types for an outcome (`/triage outcome … dq`, `lead-triage outcome … no-show`). */
const OUTCOME_WORDS: Readonly<Record<string, OutcomeKind>> = {
  won: "won",
  lost: "lost",
  disqualified: "disqualified",
  dq: "disqualified",
  "no-show": "no_show",
  no_show: "no_show",
  noshow: "no_show",
  wrong: "verdict_wrong",
};

export function outcomeFromWord(word: string): OutcomeKind | undefined {
  return OUTCOME_WORDS[word.toLowerCase()];
}
