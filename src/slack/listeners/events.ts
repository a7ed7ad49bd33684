import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { errorSummary } from "../../logger.js";
import { markEventProcessed } from "../../store/events.js";
import { type Target, triageAndDeliver } from "../deliver.js";
import type { SlackDeps } from "../deps.js";
import { mentionSchema, messageEventSchema, messageText, teamIdOf } from "../payloads.js";
import { slackToPlain } from "../text.js";

/** Slack retries an event it thinks failed, and a replayed request must not get a second verdict: the first
 * delivery of an event id wins, decided by the database so several instances agree. Only events the app acts
 * on are recorded. While the database is away, this process's memory decides (logged), so the rep still gets
 * an answer. */
export async function isFirstDelivery(deps: SlackDeps, eventId: string | undefined): Promise<boolean> {
  if (eventId === undefined) return true;
  if (!deps.recentEvents.add(eventId)) return false;
  try {
    return await markEventProcessed(deps.prisma, eventId);
  } catch (e) {
    deps.logger.warn(
      { err: errorSummary(e), eventId },
      "event dedupe store unavailable; deduplicating in this process",
    );
    return true;
  }
}

function eventIdOf(body: unknown): string | undefined {
  const id = (body as { event_id?: unknown }).event_id;
  return typeof id === "string" ? id : undefined;
}

export function registerEvents(app: App, deps: SlackDeps): void {
  // Mentions, DMs and form posts all answer in the thread of the message that carried the lead.
  const answerInThread = (
    client: WebClient,
    body: unknown,
    target: Omit<Target, "respond" | "private" | "workspaceId">,
    team: string | undefined,
    text: string,
  ) => {
    const workspaceId = teamIdOf(team, (body as { team_id?: unknown }).team_id);
    if (workspaceId === undefined) {
      deps.logger.warn({ kind: target.inputKind }, "event without a Slack team id ignored");
      return;
    }
    const eventId = eventIdOf(body);
    deps.work.push(async () => {
      if (!(await isFirstDelivery(deps, eventId))) {
        deps.logger.info({ eventId }, "duplicate event delivery ignored");
        return;
      }
      await triageAndDeliver(deps, client, { ...target, workspaceId }, slackToPlain(text));
    });
  };

  app.event("app_mention", async ({ event, body, client }) => {
    const parsed = mentionSchema.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    answerInThread(
      client,
      body,
      {
        ...(e.user ? { userId: e.user } : {}),
        channelId: e.channel,
        threadTs: e.thread_ts ?? e.ts,
        inputKind: "mention",
      },
      e.team,
      e.text,
    );
  });

  app.event("message", async ({ event, body, client }) => {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) return;
    const m = parsed.data;
    const fromBot = m.bot_id !== undefined || m.subtype === "bot_message";
    // Edits, joins and other subtypes are not leads; bot posts only count in form channels.
    if (m.subtype !== undefined && m.subtype !== "bot_message" && m.subtype !== "file_share") return;
    // Replies in a thread (a verdict's thread included) report outcomes, not new leads.
    if (m.thread_ts !== undefined && m.thread_ts !== m.ts) return;
    if (m.channel_type === "im" && !fromBot) {
      answerInThread(
        client,
        body,
        { ...(m.user ? { userId: m.user } : {}), channelId: m.channel, threadTs: m.ts, inputKind: "dm" },
        m.team,
        messageText(m),
      );
    } else if (fromBot && deps.formBotChannels.includes(m.channel)) {
      answerInThread(
        client,
        body,
        { channelId: m.channel, threadTs: m.ts, inputKind: "form" },
        m.team,
        messageText(m),
      );
    }
    // Every other channel message is ignored without a database write.
  });
}
