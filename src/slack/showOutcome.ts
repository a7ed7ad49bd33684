import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { OUTCOME_LABELS, type ShownOutcome } from "../domain/outcomes/kinds.js";
import type { VerdictReport } from "../domain/personas/report.js";
import { errorSummary, type Logger } from "../logger.js";
import {
  type CheckRef,
  type OutcomeReport,
  type RecordedOutcome,
  UnknownCheckError,
} from "../services/outcomes.js";
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

/** The verdict's channel message, when it has one (a private verdict has none). */
function verdictAt(check: CheckRef): { channelId: string; ts: string } | undefined {
  return check.channelId && check.messageTs ? { channelId: check.channelId, ts: check.messageTs } : undefined;
}

/** Shows a check's current outcome (or none) on its verdict: the channel message is updated in place; the
 * private message a button sat on (`replace`) is replaced — by the verdict itself when it was a private
 * verdict, by a one-line confirmation when it was a prompt in a verdict's thread. */
export function showOnVerdict(
  deps: SlackDeps,
  client: WebClient,
  shown: {
    check: CheckRef;
    verdict: VerdictReport;
    outcome?: ShownOutcome;
    history?: RecordedOutcome["history"];
  },
  log: Logger,
  replace?: RespondFn,
): void {
  const message = verdictMessage(shown.verdict, {
    checkId: shown.check.id,
    ...(shown.outcome ? { outcome: shown.outcome } : {}),
    ...(shown.check.summary ? { summary: { summary: shown.check.summary } } : {}),
    ...(shown.history ? { history: shown.history } : {}),
  });
  const at = verdictAt(shown.check);
  deps.posts.push(async () => {
    if (replace) {
      try {
        await replace(
          at
            ? { replace_original: true, text: `Recorded: ${message.text}` }
            : { replace_original: true, ...message },
        );
      } catch (e) {
        log.warn({ err: errorSummary(e) }, "replacing the private message failed");
      }
    }
    if (at) await updateMessage(client, at, message, log);
  });
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
  showOnVerdict(deps, client, recorded, log, from.replace);
  const channelId = from.channelId;
  if (recorded.overruled && channelId) {
    // Two reps reported at the same moment: this report is history; say which one the verdict shows.
    const by = recorded.outcome.userId ? ` by <@${recorded.outcome.userId}>` : "";
    const text = `Noted as history: another report made at the same moment${by} — *${OUTCOME_LABELS[recorded.outcome.kind]}*${recorded.outcome.reasonLabel ? ` (${recorded.outcome.reasonLabel})` : ""} — came after yours, and that is what the verdict shows. Report again if yours is right.`;
    deps.posts.push(async () => {
      await replyPrivately(client, { ...from, channelId }, { text }, log);
    });
  }
  log.info(
    { check: recorded.check.id, outcome: recorded.outcome.kind, reason: recorded.outcome.reason },
    "outcome recorded",
  );
  return recorded;
}
