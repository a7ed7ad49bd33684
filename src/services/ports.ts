/** What services need of the database, in the domain's own types: each port is implemented in src/store
 * (createStore binds them), and a service depends on the port, never on a row the ORM returns. */
import type { DecisionCounts, MessageLink, NewCheck, StoredCheck } from "../domain/checks.js";
import type { NewOutcome, OutcomeKind } from "../domain/outcomes/kinds.js";
import type { ReasonChange } from "../domain/outcomes/taxonomy.js";
import type { RuleSet } from "../domain/personas/schema.js";
import type { Decision } from "../domain/personas/verdict.js";
import type { StoredFacts } from "../domain/refine/traits.js";
import type { StoredRuleSet } from "../domain/workspace.js";

/** The kept checks. */
export interface CheckRepository {
  /** Keeps a batch in one statement; an id already kept is skipped. Resolves to how many were new. */
  insert(checks: NewCheck[]): Promise<number>;
  insertOne(check: NewCheck): Promise<unknown>;
  /** Records, in one statement, the messages that carry these checks' verdicts. */
  linkMessages(links: MessageLink[]): Promise<number>;
  countDecisions(workspaceId: string, since: Date): Promise<DecisionCounts>;
  /** The check whose verdict was posted as this message, or whose thread it is. */
  findByMessage(channelId: string, ts: string): Promise<StoredCheck | undefined>;
  /** A workspace's check by id; undefined for another workspace's, or an id that is not one. */
  findInWorkspace(workspaceId: string, id: string): Promise<StoredCheck | undefined>;
  /** Drops the words of checks past retention; resolves to how many. */
  purgeExpiredText(now?: Date): Promise<number>;
  setSummary(id: string, summary: string): Promise<void>;
  reviseVerdict(
    id: string,
    revision: Pick<NewCheck, "facts" | "decision" | "risk" | "matchedRules" | "missing"> & {
      inferredFacts: string[];
      inferredSpans: number[];
    },
  ): Promise<void>;
}

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

/** A new version of a workspace's rules, and who published it why. */
export interface RuleSetPublication {
  document: Omit<RuleSet, "version">;
  author?: string;
  note?: string;
  provenance?: string;
}

/** A version in a workspace's rule history (without its document). */
export interface RuleSetHistoryEntry {
  version: number;
  author: string | null;
  note: string | null;
  provenance: string;
  createdAt: Date;
  /** The version in force. */
  active: boolean;
}

/** How often a rule fired on a workspace's checks in a period, and how those leads ended so far. */
export interface RuleStat {
  /** "persona/rule". */
  rule: string;
  checks: number;
  won: number;
  lost: number;
}

/** Each workspace's versions of its rules. */
export interface RuleSetRepository {
  /** The version in force; undefined before the workspace has one. */
  active(workspaceId: string): Promise<StoredRuleSet | undefined>;
  version(workspaceId: string, version: number): Promise<StoredRuleSet | undefined>;
  /** Makes `document` version 1 when the workspace has none yet (once, however many ask at once). */
  adopt(workspaceId: string, document: Omit<RuleSet, "version">, provenance: string): Promise<void>;
  /** Stores the next version and puts it in force; resolves to its number. */
  publish(workspaceId: string, publication: RuleSetPublication): Promise<number>;
  history(workspaceId: string): Promise<RuleSetHistoryEntry[]>;
  /** The rules that fired in [from, to), the most frequent first. */
  stats(workspaceId: string, from: Date, to: Date): Promise<RuleStat[]>;
}

/** Each workspace's changes to the reasons reps pick from. */
export interface ReasonRepository {
  changes(workspaceId: string): Promise<ReasonChange[]>;
  /** Adds a reason; false when the workspace has one with that id already. */
  add(workspaceId: string, change: ReasonChange, by?: string): Promise<boolean>;
  rename(workspaceId: string, change: ReasonChange, by?: string): Promise<void>;
}
