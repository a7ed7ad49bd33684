import type { RespondFn } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { errorSummary, type Logger } from "../logger.js";
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
