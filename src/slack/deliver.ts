import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { InputKind } from "../domain/checks.js";
import { UserError } from "../domain/errors.js";
import { errorSummary, type Logger } from "../logger.js";
import { EmptyLeadError } from "../services/triage.js";
import { type PostedVerdict, type TriageResult, triageLead } from "../services/triageLead.js";
import type { SlackDeps } from "./deps.js";
import { postOrTellRep, replyPrivately, updateMessage } from "./reply.js";
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
  /** The verdict goes on the posting queue once decided; a private one is posted after (nothing to link). */
  const post = (result: TriageResult) =>
    new Promise<PostedVerdict | undefined>((resolve) =>
      deps.posts.push(async () => {
        const checkLog = log.child({ check: result.checkId });
        resolve(
          await postVerdict(deps, client, target, result, checkLog, started).catch((e: unknown) => {
            checkLog.error({ err: errorSummary(e) }, "posting the verdict failed (the check is kept)");
            return undefined;
          }),
        );
      }),
    );
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
      target.private ? {} : { post },
    );
  } catch (e) {
    // An empty lead gets the examples; a lead too slow to read (or a busy reader) says so; anything else is ours.
    const message =
      e instanceof EmptyLeadError
        ? { text: `${e.message}\n\n${helpMessage().text}`, blocks: helpMessage().blocks }
        : e instanceof UserError
          ? { text: e.message }
          : { text: "Sorry, I couldn't triage that lead just now. Please try again in a minute." };
    if (!(e instanceof UserError)) log.error({ err: errorSummary(e) }, "triage failed");
    else if (!(e instanceof EmptyLeadError))
      log.warn({ code: e.code, chars: text.length }, "lead not triaged");
    deps.posts.push(async () => {
      if ((await replyPrivately(client, target, message, log)) === undefined)
        log.error("could not tell the rep that the lead was not triaged");
    });
    return;
  }
  if (target.private) void post(result);
}

/** A fresh verdict's message: its check's id and what the team knew of the lead before. */
export function resultMessage(result: TriageResult) {
  return verdictMessage(result.report, {
    checkId: result.checkId,
    history: { history: result.history, repeatOf: result.repeatOf },
  });
}

/** Summaries waiting for the model beyond this are skipped: a burst must not queue work for minutes. */
const LLM_BACKLOG_MAX = 200;

/** The optional LLM's reading, after the verdict is out: in its own bounded queue (never a database or
 * posting slot), then shown by updating the verdict — with the summary and, when the model read facts the
 * parser missed, the rules' verdict on them. A reading that fails says "summary unavailable". */
export function summarizeAfter(
  deps: SlackDeps,
  result: TriageResult,
  show: (message: ReturnType<typeof verdictMessage>) => Promise<unknown>,
  log: Logger,
): void {
  const summaries = deps.assistant?.summaries;
  if (summaries === undefined) return;
  if (deps.llm.pending >= LLM_BACKLOG_MAX) {
    log.warn("summary skipped: too many waiting for the model");
    return;
  }
  deps.llm.push(async () => {
    const reading = await summaries.read(result);
    deps.posts.push(async () => {
      try {
        await show(
          verdictMessage(reading.report, {
            checkId: result.checkId,
            summary: reading.summary,
            history: { history: result.history, repeatOf: result.repeatOf },
          }),
        );
      } catch (e) {
        log.warn({ err: errorSummary(e) }, "showing the summary failed");
      }
    });
  });
}

/** Posts the verdict (privately, or in the channel with the rep told when it cannot be); resolves to the channel
 * message it became, if any. Never throws. */
async function postVerdict(
  deps: SlackDeps,
  client: WebClient,
  target: Target,
  result: TriageResult,
  log: Logger,
  started: number,
): Promise<PostedVerdict | undefined> {
  const message = resultMessage(result);
  const ms = () => Math.round(performance.now() - started);
  if (target.private) {
    const how = await replyPrivately(client, target, message, log);
    if (how) log.info({ decision: result.report.decision, how, ms: ms() }, "verdict delivered");
    else log.error("verdict not delivered: the private reply failed (the check is kept)");
    // A private verdict sent through a response_url can be replaced through it.
    const respond = target.respond;
    if (how === "response_url" && respond)
      summarizeAfter(deps, result, (m) => respond({ replace_original: true, ...m }), log);
    return undefined;
  }
  const delivery = await postOrTellRep(client, target, message, deps.inviteHints, log);
  if (delivery.how === "posted") {
    const at = { channelId: target.channelId, ts: delivery.ts };
    summarizeAfter(deps, result, (m) => updateMessage(client, at, m, log), log);
    log.info({ decision: result.report.decision, how: "posted", ms: ms() }, "verdict delivered");
    return { channelId: target.channelId, messageTs: delivery.ts, threadTs: target.threadTs ?? delivery.ts };
  }
  if (delivery.how === "not_delivered") {
    log.error(
      { code: delivery.fallback },
      "verdict not delivered: neither the channel nor the rep could be reached (the check is kept)",
    );
  } else {
    log.info(
      { decision: result.report.decision, how: `${delivery.how} (${delivery.fallback})`, ms: ms() },
      "verdict delivered",
    );
  }
  return undefined;
}
