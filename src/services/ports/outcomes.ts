import type { NewOutcome, OutcomeKind } from "../../domain/outcomes/kinds.js";
import type { Decision } from "../../domain/personas/verdict.js";
import type { StoredFacts } from "../../domain/refine/traits.js";

/** An outcome as kept: what happened, why, who said so and when. */
export interface StoredOutcome {
  id: string;
  checkId: string;
  kind: OutcomeKind;
  reason: string | null;
  repWords: string | null;
  userId: string | null;
  /** The thread reply that reported it, when one did. */
  sourceTs: string | null;
  isCurrent: boolean;
  createdAt: Date;
}

/** A current outcome as listed, with the verdict its lead was given. */
export interface ListedOutcome {
  checkId: string;
  kind: OutcomeKind;
  reason: string | null;
  repWords: string | null;
  userId: string | null;
  reportedAt: Date;
  decision: Decision;
  risk: number;
  checkedAt: Date;
}

/** A check with its current outcome, as refinement learns from it: the facts the lead stated (never its text),
 * the history the rules saw, the rules matched. `kind` is read with isOutcomeKind (older rows may hold others). */
export interface OutcomeHistoryRow {
  checkId: string;
  facts: StoredFacts | null;
  history: unknown;
  matchedRules: string[];
  kind: string;
  reason: string | null;
  at: Date;
}

/** A check with a current outcome as a backtest replays it: its words while they are kept, else its facts. */
export interface ReplayRow {
  checkId: string;
  facts: StoredFacts | null;
  history: unknown;
  secondHandFacts: string[];
  rawText: string | null;
  kind: string;
}

/** What became of the checked leads. */
export interface OutcomeRepository {
  /** Records an outcome as its check's current one (the previous stays as history); resolves to its id. */
  record(outcome: NewOutcome): Promise<string>;
  current(checkId: string): Promise<StoredOutcome | null>;
  list(workspaceId: string, limit?: number): Promise<ListedOutcome[]>;
  history(workspaceId: string, since?: Date): Promise<OutcomeHistoryRow[]>;
  /** One page, in check id order after `afterId`, of checks with a current outcome reported since `since`. */
  replayPage(
    workspaceId: string,
    since: Date,
    afterId: string | undefined,
    limit: number,
  ): Promise<ReplayRow[]>;
  /** A CRM history's outcomes in one statement; ids already kept, and checks with an outcome, are skipped. */
  importMany(outcomes: (NewOutcome & { id: string; at?: Date })[]): Promise<number>;
  /** Withdraws what a (deleted) thread reply reported; false when it reported nothing. */
  withdrawBySource(checkId: string, sourceTs: string): Promise<boolean>;
}
