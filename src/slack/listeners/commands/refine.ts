import type { RespondFn } from "@slack/bolt";
import { errorSummary } from "../../../logger.js";
import type { SlackDeps } from "../../deps.js";
import { suggestionsMessage } from "../../views/suggestions.js";

/** `/triage refine` after the ack: refreshes the workspace's suggestions from its outcomes and shows them
 * privately, each with its evidence, its backtest and Approve / Dismiss. */
export async function answerRefineCommand(
  deps: SlackDeps,
  c: { workspaceId: string; respond: RespondFn },
): Promise<void> {
  const log = deps.logger.child({ workspace: c.workspaceId, command: "refine" });
  let message: { text: string; blocks?: unknown[] };
  try {
    const refreshed = await deps.suggestions.refresh(c.workspaceId);
    log.info(
      { suggestions: refreshed.pending.length, outcomes: refreshed.outcomes },
      "suggestions refreshed",
    );
    message = suggestionsMessage(refreshed.pending, refreshed);
  } catch (e) {
    log.error({ err: errorSummary(e) }, "refreshing suggestions failed");
    message = { text: "Sorry, I couldn't work out suggestions just now. Please try again in a minute." };
  }
  deps.posts.push(async () => {
    try {
      await c.respond({ response_type: "ephemeral", ...(message as { text: string }) });
    } catch (e) {
      log.warn({ err: errorSummary(e) }, "answering /triage refine failed");
    }
  });
}
