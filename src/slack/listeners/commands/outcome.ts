import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { OutcomeKind } from "../../../domain/outcomes/kinds.js";
import type { SlackDeps } from "../../deps.js";
import { replyPrivately } from "../../reply.js";
import { recordAndShow } from "../../showOutcome.js";

/** The lead an outcome command names: its check id, or a link to its verdict message. */
export type OutcomeTarget = { checkId: string } | { channelId: string; ts: string };

export const OUTCOME_USAGE =
  "Tell me which lead and what happened: `/triage outcome <check id or link to its verdict> won|lost|disqualified [reason]`, e.g. `/triage outcome https://acme.slack.com/archives/C0123/p1700000111000200 lost no budget`. The buttons on the verdict and replies in its thread work too.";

/** `/triage outcome …`, after the ack: finds the check (by id, or by its verdict's message link, in this
 * workspace only), records the outcome with the reason its words name, and tells the rep. */
export async function reportOutcomeCommand(
  deps: SlackDeps,
  client: WebClient,
  c: {
    workspaceId: string;
    userId: string;
    channelId: string;
    respond: RespondFn;
    target: OutcomeTarget;
    outcome: OutcomeKind;
    words: string;
  },
): Promise<void> {
  const checkId =
    "checkId" in c.target
      ? c.target.checkId
      : (await deps.outcomes.checkForThread(c.workspaceId, c.target.channelId, c.target.ts))?.id;
  const reading = await deps.outcomes.readWords(c.workspaceId, c.words, {
    outcome: c.outcome,
    waitMs: 2_000,
  });
  const reason = reading.kind === "report" ? reading.reason : undefined;
  const recorded = await recordAndShow(
    deps,
    client,
    {
      workspaceId: c.workspaceId,
      // An unknown link is refused like an unknown id.
      checkId: checkId ?? "unknown",
      kind: c.outcome,
      ...(reason ? { reason } : {}),
      ...(c.words ? { repWords: c.words } : {}),
      userId: c.userId,
    },
    { channelId: c.channelId, userId: c.userId, respond: c.respond },
  );
  if (recorded === undefined) return;
  deps.posts.push(async () => {
    await replyPrivately(
      client,
      { channelId: c.channelId, userId: c.userId, respond: c.respond },
      { text: `Recorded. ${recorded.check.messageTs ? "The verdict shows it now." : ""}`.trim() },
      deps.logger,
    );
  });
}
