import type { DecisionCounts } from "../domain/checks.js";
import type { DeadEvent, Repositories } from "./ports/index.js";
import { type PendingSuggestion, pendingSuggestion } from "./suggestions.js";

export interface HomeSummary {
  counts: DecisionCounts;
  days: number;
  /** The workspace's active rule set, or null before its first verdict. */
  ruleSet: { version: number; provenance: string } | null;
  /** Rule changes suggested from outcomes, waiting for an admin (as last refreshed). */
  suggestions: PendingSuggestion[];
  /** Digest subscriptions paused after repeated failed posts. */
  pausedDigests: { channelId: string; failures: number; lastError: string | null }[];
  /** Outbound events given up after a day of tries (the newest few, and how many in all). */
  deadOutbound: { url: string | undefined; events: DeadEvent[]; total: number };
}

/** Dead outbound events listed on the Home tab, each with its own retry button. */
const HOME_DEAD_EVENTS = 5;

/** What the App Home tab shows: the last `days` of verdicts and where the rules came from. */
export async function homeSummary(
  store: Pick<Repositories, "checks" | "digests" | "outbound" | "ruleSets" | "suggestions">,
  workspaceId: string,
  days = 7,
): Promise<HomeSummary> {
  const since = new Date(Date.now() - days * 86_400_000);
  const [counts, ruleSet, suggestions, digests, dead, target] = await Promise.all([
    store.checks.countDecisions(workspaceId, since),
    store.ruleSets.active(workspaceId),
    store.suggestions.open(workspaceId),
    store.digests.list(workspaceId),
    store.outbound.dead(workspaceId, HOME_DEAD_EVENTS),
    store.outbound.target(workspaceId),
  ]);
  return {
    counts,
    days,
    suggestions: suggestions.map(pendingSuggestion),
    pausedDigests: digests
      .filter((d) => d.pausedAt !== null)
      .map((d) => ({ channelId: d.channelId, failures: d.failures, lastError: d.lastError })),
    ruleSet: ruleSet ? { version: ruleSet.version, provenance: ruleSet.provenance } : null,
    deadOutbound: { url: target?.url, ...dead },
  };
}
