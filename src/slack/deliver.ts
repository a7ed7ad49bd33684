import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { InputKind } from "../domain/checks.js";
import { errorSummary, type Logger } from "../logger.js";
import { EmptyLeadError } from "../services/triage.js";
import { linkVerdictMessage, type TriageResult, triageLead } from "../services/triageLead.js";
import type { SlackDeps } from "./deps.js";
import { CANNOT_POST, replyPrivately, slackErrorCode, withNote } from "./reply.js";
import { helpMessage } from "./views/help.js";
import { verdictMessage } from "./views/verdict.js";

export interface Target {
  workspaceId: string;
  userId?: string;
  channelId: string;
  /** Reply in this thread (shortcuts, mentions, DMs); a new message starts its own thread otherwise. */
  threadTs?: string;
  inputKind: InputKind;
  /** Ephemeral replies to the rep (slash commands and shortcuts have a response_url). */
  respond?: RespondFn;
  /** Only the rep sees the verdict. */
  private?: boolean;
}

const INVITE_HINT =
  "I can't post in this channel, so only you see this verdict. Invite me with `/invite @Lead Triage` and verdicts get a thread the whole team can follow.";

/** Triages the text (a database slot of the work queue), then hands the verdict to the posting queue: a slow
 * or failing Slack API never holds a database slot. The check is kept before anything is posted. Never
 * throws: problems become a friendly private reply and a log line. */
export async function triageAndDeliver(
  deps: SlackDeps,
  client: WebClient,
  target: Target,
  text: string,
): Promise<void> {
  const log = deps.logger.child({
    workspace: target.workspaceId,
    channel: target.channelId,
    kind: target.inputKind,
  });
  const started = performance.now();
  let result: TriageResult;
  try {
    result = await triageLead(
      deps.triage,
      {
        workspaceId: target.workspaceId,
        inputKind: target.inputKind,
        channelId: target.channelId,
        ...(target.userId ? { userId: target.userId } : {}),
        ...(target.threadTs ? { threadTs: target.threadTs } : {}),
      },
      text,
    );
  } catch (e) {
    const message =
      e instanceof EmptyLeadError
        ? { text: `${e.message}\n\n${helpMessage().text}`, blocks: helpMessage().blocks }
        : { text: "Sorry, I couldn't triage that lead just now. Please try again in a minute." };
    if (!(e instanceof EmptyLeadError)) log.error({ err: errorSummary(e) }, "triage failed");
    deps.posts.push(async () => {
      if ((await replyPrivately(client, target, message, log)) === undefined)
        log.error("could not tell the rep that the lead was not triaged");
    });
    return;
  }
  deps.posts.push(() =>
    postVerdict(deps, client, target, result, log.child({ check: result.checkId }), started),
  );
}

async function postVerdict(
  deps: SlackDeps,
  client: WebClient,
  target: Target,
  result: TriageResult,
  log: Logger,
  started: number,
): Promise<void> {
  const message = verdictMessage(result.report, { checkId: result.checkId });
  const delivered = (how: string) =>
    log.info(
      { decision: result.report.decision, how, ms: Math.round(performance.now() - started) },
      "verdict delivered",
    );
  if (target.private) {
    const how = await replyPrivately(client, target, message, log);
    if (how) delivered(how);
    else log.error("verdict not delivered: the private reply failed (the check is kept)");
    return;
  }
  let code: string | undefined;
  try {
    const posted = await client.chat.postMessage({
      channel: target.channelId,
      text: message.text,
      blocks: message.blocks,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    if (posted.ts) {
      linkVerdictMessage(deps.triage, {
        id: result.checkId,
        channelId: target.channelId,
        messageTs: posted.ts,
        threadTs: target.threadTs ?? posted.ts,
      });
    }
    delivered("posted");
    return;
  } catch (e) {
    code = slackErrorCode(e);
    if (!(code && CANNOT_POST.has(code)))
      log.warn({ err: errorSummary(e), code }, "posting the verdict failed");
  }
  // The channel post failed: the rep still gets the verdict, privately, with the reason.
  const cannotPost = code !== undefined && CANNOT_POST.has(code);
  const note = cannotPost
    ? deps.inviteHints.add(target.channelId)
      ? INVITE_HINT
      : undefined
    : `I couldn't post this verdict in the channel${code ? ` (Slack said \`${code}\`)` : ""}, so only you see it.`;
  const how = await replyPrivately(client, target, note ? withNote(message, note) : message, log);
  if (how) delivered(`private (${code ?? "post failed"})`);
  else
    log.error(
      { code },
      "verdict not delivered: neither the channel nor the rep could be reached (the check is kept)",
    );
}
