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
  if (reading.kind === "report" && reading.askModel) {
    // As a thread reply's: the model reads the reason in its own queue (never a database slot), then the
    // outcome is recorded in a database slot, with the reason when one holds up.
    deps.llm.push(async () => {
      const byModel = await deps.outcomes.reasonByModel(reading, c.words);
      deps.work.push(() => recordCommandOutcome(deps, client, c, checkId, byModel, byModel !== undefined));
    });
    return;
  }
  await recordCommandOutcome(
    deps,
    client,
    c,
    checkId,
    reading.kind === "report" ? reading.reason : undefined,
  );
}

/** Records the command's outcome and tells the rep (saying when the reason was read by the model). */
async function recordCommandOutcome(
  deps: SlackDeps,
  client: WebClient,
  c: Parameters<typeof reportOutcomeCommand>[2],
  checkId: string | undefined,
  reason: string | undefined,
  reasonByModel = false,
): Promise<void> {
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
  const byModel = reasonByModel
    ? ` — ${recorded.outcome.reasonLabel} _(reason read by AI from your words)_`
    : "";
  deps.posts.push(async () => {
    await replyPrivately(
      client,
      { channelId: c.channelId, userId: c.userId, respond: c.respond },
      { text: `Recorded${byModel}. ${recorded.check.messageTs ? "The verdict shows it now." : ""}`.trim() },
      deps.logger,
    );
  });
}
