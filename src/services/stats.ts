import type { DecisionCounts } from "../domain/checks.js";
import type { CheckRepository } from "./ports/index.js";

/** Kept checks of a workspace counted by decision since a date (aggregated by the database). */
export function decisionStats(
  store: { checks: Pick<CheckRepository, "countDecisions"> },
  workspaceId: string,
  since: Date,
): Promise<DecisionCounts> {
  return store.checks.countDecisions(workspaceId, since);
}
