import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { messageEventSchema, messageRevisionSchema, messageText } from "../../payloads.js";
import { answerInThread } from "./answerInThread.js";
import { answerOutcomeReply, answerOutcomeRevision } from "./outcomeReply.js";

/** Messages: a rep's DM to the app, or a web-form bot's post in a form channel, is a lead; a reply in a
 * verdict's thread may report its outcome. Everything else (channel chatter, edits, joins) is left alone
 * without touching the database. */
export function leadMessage(deps: SlackDeps) {
  return async ({ event, body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<"message">) => {
    const revision = messageRevisionSchema.safeParse(event);
    if (revision.success) {
      const r = revision.data;
      if (r.subtype === "message_changed") {
        const m = r.message;
        if (m.thread_ts !== undefined && m.thread_ts !== m.ts && m.user && m.bot_id === undefined)
          answerOutcomeRevision(deps, client, body, {
            channelId: r.channel,
            threadTs: m.thread_ts,
            ts: m.ts,
            userId: m.user,
            text: m.text,
            team: r.team,
          });
      } else {
        const p = r.previous_message;
        if (p?.thread_ts !== undefined && p.thread_ts !== r.deleted_ts)
          answerOutcomeRevision(deps, client, body, {
            channelId: r.channel,
            threadTs: p.thread_ts,
            ts: r.deleted_ts,
            team: r.team,
          });
      }
      return;
    }
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) return;
    const m = parsed.data;
    const fromBot = m.bot_id !== undefined || m.subtype === "bot_message";
    if (m.subtype !== undefined && m.subtype !== "bot_message" && m.subtype !== "file_share") return;
    // Replies in a thread are never new leads; in a verdict's thread they may report its outcome.
    if (m.thread_ts !== undefined && m.thread_ts !== m.ts) {
      if (!fromBot && m.user && m.subtype === undefined)
        answerOutcomeReply(deps, client, body, {
          channelId: m.channel,
          threadTs: m.thread_ts,
          ts: m.ts,
          userId: m.user,
          text: m.text,
          team: m.team,
        });
      return;
    }
    if (m.channel_type === "im" && !fromBot) {
      answerInThread(
        deps,
        client,
        body,
        { ...(m.user ? { userId: m.user } : {}), channelId: m.channel, threadTs: m.ts, inputKind: "dm" },
        m.team,
        messageText(m),
      );
    } else if (fromBot && deps.formBotChannels.includes(m.channel)) {
      answerInThread(
        deps,
        client,
        body,
        { channelId: m.channel, threadTs: m.ts, inputKind: "form" },
        m.team,
        messageText(m),
      );
    }
  };
}
