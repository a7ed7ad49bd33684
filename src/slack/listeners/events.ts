import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { markEventProcessed } from "../../store/events.js";
import { deliverVerdict, type Target } from "../deliver.js";
import type { SlackDeps } from "../deps.js";
import { mentionSchema, messageEventSchema, messageText } from "../payloads.js";
import { slackToPlain } from "../text.js";

/** Slack retries an event it thinks failed, and a replayed request must not get a second verdict: the first
 * delivery of an event id wins, decided by the database so several instances agree. */
export function registerEventDedupe(app: App, deps: SlackDeps): void {
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && !(await markEventProcessed(deps.prisma, eventId))) {
      deps.logger.info({ eventId }, "duplicate event delivery ignored");
      return;
    }
    await next();
  });
}

/** The team an event belongs to: on the event, or on its envelope. */
function teamOf(event: { team?: string | undefined }, body: unknown): string {
  return event.team ?? (body as { team_id?: string }).team_id ?? "unknown";
}

export function registerEvents(app: App, deps: SlackDeps): void {
  // Mentions, DMs and form posts all answer in the thread of the message that carried the lead.
  const answerInThread = (client: WebClient, target: Omit<Target, "respond" | "private">, text: string) =>
    deps.work.push(() => deliverVerdict(deps, client, target, slackToPlain(text)));

  app.event("app_mention", async ({ event, body, client }) => {
    const parsed = mentionSchema.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    answerInThread(
      client,
      {
        workspaceId: teamOf(e, body),
        ...(e.user ? { userId: e.user } : {}),
        channelId: e.channel,
        threadTs: e.thread_ts ?? e.ts,
        inputKind: "mention",
      },
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
        {
          workspaceId: teamOf(m, body),
          ...(m.user ? { userId: m.user } : {}),
          channelId: m.channel,
          threadTs: m.ts,
          inputKind: "dm",
        },
        messageText(m),
      );
    } else if (fromBot && deps.formBotChannels.includes(m.channel)) {
      answerInThread(
        client,
        { workspaceId: teamOf(m, body), channelId: m.channel, threadTs: m.ts, inputKind: "form" },
        messageText(m),
      );
    }
    // Thread replies are read by the outcomes feature.
  });
}
