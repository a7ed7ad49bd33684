import type { WebClient } from "@slack/web-api";
import { OUTCOME_LABELS } from "../../../domain/outcomes/kinds.js";
import { readOutcomeReport } from "../../../domain/outcomes/readReport.js";
import { errorSummary, type Logger } from "../../../logger.js";
import type { OutcomeWords } from "../../../services/outcomes.js";
import type { SlackDeps } from "../../deps.js";
import { teamIdOf } from "../../payloads.js";
import { replyPrivately } from "../../reply.js";
import { recordAndShow, showOnVerdict } from "../../showOutcome.js";
import { escapeMrkdwn, slackToPlain } from "../../text.js";
import { outcomeButtons } from "../../views/verdict.js";

export interface ThreadReply {
  channelId: string;
  threadTs: string;
  ts: string;
  userId: string;
  text: string;
  team: string | undefined;
}

/** A report read from a reply. */
type Report = Extract<OutcomeWords, { kind: "report" }>;

/** Records what a reply reported, remembering the reply (its ts) so an edit or a delete can find it. */
function recordReply(
  deps: SlackDeps,
  client: WebClient,
  at: { workspaceId: string; checkId: string; reply: ThreadReply; words: string; log: Logger },
  reading: Report,
) {
  const { reply } = at;
  return recordAndShow(
    deps,
    client,
    {
      workspaceId: at.workspaceId,
      checkId: at.checkId,
      kind: reading.outcome,
      ...(reading.reason ? { reason: reading.reason } : {}),
      repWords: at.words,
      userId: reply.userId,
      sourceTs: reply.ts,
    },
    { channelId: reply.channelId, userId: reply.userId, threadTs: reply.threadTs },
    at.log,
  );
}

/** A rep's reply in a verdict's thread: an outcome report ("lost – no budget") is recorded, confirmed with a
 * reaction and one threaded line, and shown on the verdict; outcome words that are not clearly a report get a
 * private question with the outcome buttons; conversation, and threads that are not a verdict's, are left
 * alone. Runs after the ack, once per event id. */
export function answerOutcomeReply(
  deps: SlackDeps,
  client: WebClient,
  body: unknown,
  reply: ThreadReply,
): void {
  const workspaceId = teamIdOf(reply.team, (body as { team_id?: unknown }).team_id);
  if (workspaceId === undefined) return;
  const words = slackToPlain(reply.text);
  // Plain conversation costs nothing: no database, no dedupe row. Whether it is a report does not depend on
  // the workspace's reasons; which reason it names does, and is read once the thread is known to be a verdict's.
  if (readOutcomeReport(words).kind === "none") return;
  const eventId = (body as { event_id?: unknown }).event_id;
  deps.work.push(async () => {
    const check = await deps.outcomes.checkForThread(workspaceId, reply.channelId, reply.threadTs);
    // Only replies in a verdict's thread are acted on, and so recorded for retry dedupe.
    if (check === undefined) return;
    if (!(await deps.dedupe.isFirstDelivery(typeof eventId === "string" ? eventId : undefined))) return;
    const log = deps.logger.child({ workspace: workspaceId, check: check.id, kind: "thread reply" });
    const reading = await deps.outcomes.readWords(workspaceId, words);
    if (reading.kind === "none") return;
    if (reading.kind === "unsure") {
      deps.posts.push(async () => {
        await replyPrivately(
          client,
          { channelId: reply.channelId, userId: reply.userId, threadTs: reply.threadTs },
          {
            text: "Did you want to record what became of this lead?",
            blocks: [
              {
                type: "section",
                text: { type: "mrkdwn", text: "Did you want to record what became of this lead? Pick one:" },
              },
              outcomeButtons(check.id),
            ],
          },
          log,
        );
      });
      return;
    }
    const at = { workspaceId, checkId: check.id, reply, words, log };
    if (reading.askModel) {
      // The synonyms found no reason in words that may give one: ask the model in its own queue (never a
      // database slot), then record in a database slot, with the reason when one holds up.
      deps.llm.push(async () => {
        const reason = await deps.outcomes.reasonByModel(reading, words);
        deps.work.push(() =>
          recordAndConfirm(deps, client, at, reason ? { ...reading, reason } : reading, reason !== undefined),
        );
      });
      return;
    }
    await recordAndConfirm(deps, client, at, reading, false);
  });
}

/** Records a reply's report, then confirms it with a reaction and one threaded line (which says when the
 * reason was read by the model, so the rep can correct it). */
async function recordAndConfirm(
  deps: SlackDeps,
  client: WebClient,
  at: { workspaceId: string; checkId: string; reply: ThreadReply; words: string; log: Logger },
  reading: Report,
  reasonByModel: boolean,
): Promise<void> {
  const { reply, log } = at;
  const recorded = await recordReply(deps, client, at, reading);
  if (recorded === undefined) return;
  const label = recorded.outcome.reasonLabel;
  const reason = label
    ? ` — ${escapeMrkdwn(label)}${reasonByModel ? " _(reason read by AI from your words)_" : ""}`
    : "";
  deps.posts.push(async () => {
    try {
      await client.reactions.add({
        channel: reply.channelId,
        timestamp: reply.ts,
        name: "white_check_mark",
      });
    } catch (e) {
      log.warn({ err: errorSummary(e) }, "adding the confirmation reaction failed");
    }
    try {
      await client.chat.postMessage({
        channel: reply.channelId,
        thread_ts: reply.threadTs,
        text: `Recorded *${OUTCOME_LABELS[recorded.outcome.kind]}*${reason}. Change it with the buttons on the verdict.`,
      });
    } catch (e) {
      log.warn({ err: errorSummary(e) }, "confirming the outcome in the thread failed");
    }
  });
}

/** A reply in a verdict's thread was edited or deleted: what it had reported is withdrawn, an edit is read
 * again, and the verdict shows the outcome now current. */
export function answerOutcomeRevision(
  deps: SlackDeps,
  client: WebClient,
  body: unknown,
  revision: Omit<ThreadReply, "text" | "userId"> & { userId?: string; text?: string },
): void {
  const workspaceId = teamIdOf(revision.team, (body as { team_id?: unknown }).team_id);
  if (workspaceId === undefined) return;
  const eventId = (body as { event_id?: unknown }).event_id;
  deps.work.push(async () => {
    const check = await deps.outcomes.checkForThread(workspaceId, revision.channelId, revision.threadTs);
    if (check === undefined) return;
    if (!(await deps.dedupe.isFirstDelivery(typeof eventId === "string" ? eventId : undefined))) return;
    const log = deps.logger.child({ workspace: workspaceId, check: check.id, kind: "thread reply revision" });
    const withdrawn = await deps.outcomes.withdraw(check, revision.ts);
    const words = revision.text === undefined ? undefined : slackToPlain(revision.text);
    const reading = words === undefined ? undefined : await deps.outcomes.readWords(workspaceId, words);
    if (reading?.kind === "report" && revision.userId && revision.text !== undefined && words !== undefined) {
      const reply = { ...revision, userId: revision.userId, text: revision.text };
      await recordReply(deps, client, { workspaceId, checkId: check.id, reply, words, log }, reading);
      return;
    }
    if (withdrawn === undefined) return;
    log.info({ outcome: withdrawn.outcome?.kind ?? null }, "outcome withdrawn");
    showOnVerdict(deps, client, withdrawn, log);
  });
}
