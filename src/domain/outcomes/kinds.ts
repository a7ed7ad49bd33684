/** What became of a lead. */
export const OUTCOME_KINDS = ["won", "lost", "disqualified", "no_show"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export interface NewOutcome {
  checkId: string;
  kind: OutcomeKind;
  reason?: string;
  repWords?: string;
  userId?: string;
}
