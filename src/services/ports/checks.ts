import type { DecisionCounts, MessageLink, NewCheck, StoredCheck } from "../../domain/checks.js";

/** The kept checks. */
export interface CheckRepository {
  /** Keeps a batch in one statement; an id already kept is skipped. Resolves to how many were new. */
  insert(checks: NewCheck[]): Promise<number>;
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
  /** Whether a failed write was refused by the database as a whole (retry it like an outage: true), or only
   * this statement's data was (false); undefined when the error does not say. */
  refusedByDatabase(e: unknown): boolean | undefined;
}
