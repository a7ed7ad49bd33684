import type { DecisionCounts } from "../domain/checks.js";
import type { Store } from "../store/index.js";

export interface HomeSummary {
  counts: DecisionCounts;
  days: number;
  /** The workspace's active rule set, or null before its first verdict. */
  ruleSet: { version: number; provenance: string } | null;
}

/** What the App Home tab shows: the last `days` of verdicts and where the rules came from. */
export async function homeSummary(store: Store, workspaceId: string, days = 7): Promise<HomeSummary> {
  const since = new Date(Date.now() - days * 86_400_000);
  const [counts, ruleSet] = await Promise.all([
    store.checks.countDecisions(workspaceId, since),
    store.ruleSets.active(workspaceId),
  ]);
  return {
    counts,
    days,
    ruleSet: ruleSet ? { version: ruleSet.version, provenance: ruleSet.provenance } : null,
  };
}
