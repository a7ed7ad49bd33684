import type { DecisionCounts } from "../domain/checks.js";
import type { Store } from "../store/index.js";

/** Kept checks of a workspace counted by decision since a date (aggregated by the database). */
export function decisionStats(store: Store, workspaceId: string, since: Date): Promise<DecisionCounts> {
  return store.checks.countDecisions(workspaceId, since);
}
