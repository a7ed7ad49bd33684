import type { App } from "@slack/bolt";
import { markEventProcessed } from "../../store/events.js";
import { deliverVerdict } from "../deliver.js";
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

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event("app_mention", async ({ event, body, client }) => {
    const parsed = mentionSchema.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    const workspaceId = e.team ?? (body as { team_id?: string }).team_id ?? "unknown";
    deps.work.push(() =>
      deliverVerdict(
        deps,
        client,
        {
          workspaceId,
          ...(e.user ? { userId: e.user } : {}),
          channelId: e.channel,
          threadTs: e.thread_ts ?? e.ts,
          inputKind: "mention",
        },
        slackToPlain(e.text),
      ),
    );
  });

  app.event("message", async ({ event, body, client }) => {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) return;
    const m = parsed.data;
    const workspaceId = m.team ?? (body as { team_id?: string }).team_id ?? "unknown";
    const fromBot = m.bot_id !== undefined || m.subtype === "bot_message";
    // Edits, joins and other subtypes are not leads; bot posts only count in form channels.
    if (m.subtype !== undefined && m.subtype !== "bot_message" && m.subtype !== "file_share") return;
    if (m.channel_type === "im" && !fromBot) {
      deps.work.push(() =>
        deliverVerdict(
          deps,
          client,
          {
            workspaceId,
            ...(m.user ? { userId: m.user } : {}),
            channelId: m.channel,
            threadTs: m.thread_ts ?? m.ts,
            inputKind: "dm",
          },
          slackToPlain(messageText(m)),
        ),
      );
      return;
    }
    if (fromBot && deps.formBotChannels.includes(m.channel) && m.thread_ts === undefined) {
      deps.work.push(() =>
        deliverVerdict(
          deps,
          client,
          { workspaceId, channelId: m.channel, threadTs: m.ts, inputKind: "form" },
          slackToPlain(messageText(m)),
        ),
      );
    }
    // Other channel messages (thread replies) are read by the outcomes feature.
  });
}
