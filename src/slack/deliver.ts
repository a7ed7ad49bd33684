import type { RespondFn } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { errorSummary } from "../logger.js";
import { EmptyLeadError } from "../services/triage.js";
import { triageLead } from "../services/triageLead.js";
import type { InputKind } from "../store/checks.js";
import type { SlackDeps } from "./deps.js";
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

const CANNOT_POST = new Set(["not_in_channel", "channel_not_found", "is_archived", "restricted_action"]);
/** Channels whose reps were already told how to invite the app: tell them once, not on every lead. */
const hinted = new Set<string>();

function errorCode(e: unknown): string | undefined {
  return (e as { data?: { error?: string } }).data?.error;
}

const INVITE_HINT: KnownBlock = {
  type: "context",
  elements: [
    {
      type: "mrkdwn",
      text: "I can't post in this channel, so only you see this verdict. Invite me with `/invite @Lead Triage` and verdicts get a thread the whole team can follow.",
    },
  ],
};

/** Triages the text and puts the verdict where the rep asked: in the channel (starting the lead's thread), in
 * the thread of the message that was checked, or privately. Never throws: problems become a friendly
 * ephemeral reply and a log line. */
export async function deliverVerdict(
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
  let result: Awaited<ReturnType<typeof triageLead>>;
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
    if (e instanceof EmptyLeadError) {
      const help = helpMessage();
      await reply(client, target, { text: `${e.message}\n\n${help.text}`, blocks: help.blocks });
      return;
    }
    log.error({ err: errorSummary(e) }, "triage failed");
    await reply(client, target, {
      text: "Sorry, I couldn't triage that lead just now. Nothing was lost: please try again in a minute.",
    });
    return;
  }
  const message = verdictMessage(result.report);
  const done = async (how: string, where?: { channelId: string; messageTs: string; threadTs: string }) => {
    const check = await result.keep(where);
    log.info(
      { check, decision: result.report.decision, how, ms: Math.round(performance.now() - started) },
      "verdict delivered",
    );
  };

  if (target.private && target.respond) {
    await target.respond({ response_type: "ephemeral", replace_original: false, ...message });
    await done("private");
    return;
  }
  let posted: { ts?: string | undefined };
  try {
    posted = await client.chat.postMessage({
      channel: target.channelId,
      text: message.text,
      blocks: message.blocks,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (e) {
    const code = errorCode(e);
    if (code && CANNOT_POST.has(code) && target.respond) {
      const first = !hinted.has(target.channelId);
      hinted.add(target.channelId);
      await target.respond({
        response_type: "ephemeral",
        replace_original: false,
        text: message.text,
        blocks: first ? [...message.blocks.slice(0, 49), INVITE_HINT] : message.blocks,
      });
      await done(`private (${code})`);
      return;
    }
    log.error({ err: errorSummary(e), code }, "posting the verdict failed");
    await done("not delivered");
    return;
  }
  await done(
    "posted",
    posted.ts
      ? { channelId: target.channelId, messageTs: posted.ts, threadTs: target.threadTs ?? posted.ts }
      : undefined,
  );
}

async function reply(
  client: WebClient,
  target: Target,
  message: { text: string; blocks?: KnownBlock[] },
): Promise<void> {
  if (target.respond) {
    await target.respond({ response_type: "ephemeral", replace_original: false, ...message });
  } else if (target.userId) {
    await client.chat.postEphemeral({
      channel: target.channelId,
      user: target.userId,
      ...message,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    });
  }
}
