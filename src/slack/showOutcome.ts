import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { errorSummary, type Logger } from "../logger.js";
import { type OutcomeReport, type RecordedOutcome, UnknownCheckError } from "../services/outcomes.js";
import type { SlackDeps } from "./deps.js";
import { replyPrivately, updateMessage } from "./reply.js";
import { verdictMessage } from "./views/verdict.js";

/** Where the rep reported from: a button on a message (channel + ts, or a private verdict's response_url),
 * a modal, or a thread reply. */
export interface ReportedFrom {
  channelId?: string;
  messageTs?: string;
  userId?: string;
  threadTs?: string;
  /** Private replies to the rep (errors), through a response_url when there is one. */
  respond?: RespondFn;
  /** The private (ephemeral) message the button sat on (a private verdict, or the "did you mean" prompt):
   * it can only be replaced through its response_url. */
  replace?: RespondFn;
}

/** Records the outcome and shows it on the lead's verdict: the channel message is updated in place; a
 * private verdict is replaced through its response_url. Problems become a private line to the rep. Resolves
 * to what was recorded, or undefined. Runs in the work queue; Web API calls go to the posting queue. */
export async function recordAndShow(
  deps: SlackDeps,
  client: WebClient,
  report: OutcomeReport,
  from: ReportedFrom,
  log: Logger = deps.logger,
): Promise<RecordedOutcome | undefined> {
  let recorded: RecordedOutcome;
  try {
    recorded = await deps.outcomes.report(report);
  } catch (e) {
    const text =
      e instanceof UnknownCheckError
        ? e.message
        : "Sorry, I couldn't record that just now. Please try again in a minute.";
    if (!(e instanceof UnknownCheckError)) log.error({ err: errorSummary(e) }, "recording an outcome failed");
    else log.warn({ check: report.checkId }, "outcome for an unknown check refused");
    const channelId = from.channelId;
    if (channelId)
      deps.posts.push(async () => {
        await replyPrivately(client, { ...from, channelId }, { text }, log);
      });
    return undefined;
  }
  const message = verdictMessage(recorded.verdict, { checkId: recorded.check.id, outcome: recorded.outcome });
  const verdictAt =
    recorded.check.channelId && recorded.check.messageTs
      ? { channelId: recorded.check.channelId, ts: recorded.check.messageTs }
      : undefined;
  deps.posts.push(async () => {
    // The button sat on the verdict itself when it was a private verdict (no message of its own).
    if (from.replace) {
      try {
        await from.replace(
          verdictAt
            ? { replace_original: true, text: `Recorded: ${message.text}` }
            : { replace_original: true, ...message },
        );
      } catch (e) {
        log.warn({ err: errorSummary(e) }, "replacing the private message failed");
      }
    }
    if (verdictAt) await updateMessage(client, verdictAt, message, log);
  });
  log.info(
    { check: recorded.check.id, outcome: recorded.outcome.kind, reason: recorded.outcome.reason },
    "outcome recorded",
  );
  return recorded;
}
