import type { RespondFn } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { errorSummary, type Logger } from "../logger.js";
import type { RecentKeys } from "../services/recentKeys.js";
import { LIMITS } from "./views/limits.js";

export interface Message {
  text: string;
  blocks?: KnownBlock[];
}

/** Who to answer privately, and how: a response_url (commands, shortcuts) or an ephemeral message. */
export interface PrivateTarget {
  channelId: string;
  userId?: string;
  threadTs?: string;
  respond?: RespondFn;
}

/** Slack's error code on a failed Web API call (`ok: false`), when it has one. */
export function slackErrorCode(e: unknown): string | undefined {
  const data = (e as { data?: { error?: unknown } }).data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/** Errors that mean "the app may not post here", not "something broke". */
export const CANNOT_POST = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "restricted_action",
]);

/** Adds a context line at the end of a message, within the block limit. */
export function withNote(message: Message, note: string): Message {
  const block: KnownBlock = { type: "context", elements: [{ type: "mrkdwn", text: note }] };
  const blocks = message.blocks ?? [{ type: "section", text: { type: "mrkdwn", text: message.text } }];
  return { text: message.text, blocks: [...blocks.slice(0, LIMITS.messageBlocks - 1), block] };
}

/** Answers the rep privately: through the response_url when there is one, else as an ephemeral message.
 * Returns how it was delivered, or undefined when neither way worked (both failures are logged). */
export async function replyPrivately(
  client: WebClient,
  target: PrivateTarget,
  message: Message,
  logger: Logger,
): Promise<"response_url" | "ephemeral" | undefined> {
  if (target.respond) {
    try {
      await target.respond({ response_type: "ephemeral", replace_original: false, ...message });
      return "response_url";
    } catch (e) {
      logger.warn({ err: errorSummary(e) }, "response_url failed; trying an ephemeral message");
    }
  }
  if (target.userId) {
    try {
      await client.chat.postEphemeral({
        channel: target.channelId,
        user: target.userId,
        ...message,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      });
      return "ephemeral";
    } catch (e) {
      logger.warn({ err: errorSummary(e), code: slackErrorCode(e) }, "ephemeral message failed");
    }
  }
  return undefined;
}

/** Where a message goes in a channel: a new message (its own thread), or a reply in `threadTs`. */
export interface ChannelTarget extends PrivateTarget {
  channelId: string;
}

export type Delivery =
  | { how: "posted"; ts: string }
  | { how: "response_url" | "ephemeral"; fallback: string }
  | { how: "not_delivered"; fallback: string };

const INVITE_HINT =
  "I can't post in this channel, so only you see this. Invite me with `/invite @Lead Triage` and verdicts get a thread the whole team can follow.";

/** Posts a message in a channel (or a thread of it), links and media not unfurled: resolves to its ts. Throws
 * what Slack answered when it refused, and when it answered without a ts. */
export async function postInChannel(
  client: WebClient,
  channelId: string,
  message: Message,
  threadTs?: string,
): Promise<string> {
  const posted = await client.chat.postMessage({
    channel: channelId,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!posted.ts) throw new Error("Slack answered without the message's ts");
  return posted.ts;
}

/** Posts in the channel; when Slack refuses, the rep gets the message privately with the reason: once per
 * channel an invite hint for "not in channel" (hint state is the caller's bounded set), the error code
 * otherwise. Never throws. */
export async function postOrTellRep(
  client: WebClient,
  target: ChannelTarget,
  message: Message,
  inviteHints: RecentKeys,
  logger: Logger,
): Promise<Delivery> {
  let code: string | undefined;
  try {
    return { how: "posted", ts: await postInChannel(client, target.channelId, message, target.threadTs) };
  } catch (e) {
    code = slackErrorCode(e);
    if (!(code && CANNOT_POST.has(code))) logger.warn({ err: errorSummary(e), code }, "posting failed");
  }
  const cannotPost = code !== undefined && CANNOT_POST.has(code);
  const note = cannotPost
    ? inviteHints.add(target.channelId)
      ? INVITE_HINT
      : undefined
    : `I couldn't post this in the channel${code ? ` (Slack said \`${code}\`)` : ""}, so only you see it.`;
  const how = await replyPrivately(client, target, note ? withNote(message, note) : message, logger);
  return how
    ? { how, fallback: code ?? "post failed" }
    : { how: "not_delivered", fallback: code ?? "post failed" };
}

/** Replaces a message the app posted (a verdict gaining its outcome or summary). Never throws; false when
 * Slack refused. */
export async function updateMessage(
  client: WebClient,
  at: { channelId: string; ts: string },
  message: Message,
  logger: Logger,
): Promise<boolean> {
  try {
    await client.chat.update({
      channel: at.channelId,
      ts: at.ts,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
    });
    return true;
  } catch (e) {
    logger.warn({ err: errorSummary(e), code: slackErrorCode(e) }, "updating a message failed");
    return false;
  }
}

/** A response_url kept for later (a modal opened from a private verdict): posts to it like Bolt's respond,
 * bounded to 10 s. */
export function respondTo(url: string): RespondFn {
  return async (message) => {
    const body = typeof message === "string" ? { text: message } : message;
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`response_url answered ${res.status}`);
    return { ok: true } as never;
  };
}

/** A private answer to whoever asked, through their response_url, in the posting queue: a failure is logged
 * (as `what`), never thrown. */
export function privateAnswer(
  deps: { posts: { push(job: () => Promise<void>): void } },
  respond: RespondFn | undefined,
  log: Logger,
  what: string,
): (message: string | { text: string; blocks?: unknown[] }) => void {
  return (message) =>
    deps.posts.push(async () => {
      try {
        const body = typeof message === "string" ? { text: message } : (message as { text: string });
        await respond?.({ response_type: "ephemeral", replace_original: false, ...body });
      } catch (e) {
        log.warn({ err: errorSummary(e) }, `${what} failed`);
      }
    });
}
