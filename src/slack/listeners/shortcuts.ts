import type { App, MessageShortcut } from "@slack/bolt";
import { triageAndDeliver } from "../deliver.js";
import type { SlackDeps } from "../deps.js";
import { messageShortcutSchema, messageText, teamIdOf } from "../payloads.js";
import { slackToPlain } from "../text.js";

export function registerShortcuts(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(
    { callback_id: "check_lead", type: "message_action" },
    async ({ shortcut, ack, respond, client }) => {
      await ack();
      const parsed = messageShortcutSchema.safeParse(shortcut);
      if (!parsed.success) {
        deps.logger.warn({ issues: parsed.error.issues.length }, "malformed message shortcut payload");
        await respond({
          response_type: "ephemeral",
          text: "Sorry, I could not read that message. Please try again.",
        });
        return;
      }
      const s = parsed.data;
      const workspaceId = teamIdOf(s.team?.id, s.user.team_id);
      if (workspaceId === undefined) {
        deps.logger.warn("message shortcut without a Slack team id refused");
        await respond({
          response_type: "ephemeral",
          text: "Sorry, I could not tell which workspace this came from.",
        });
        return;
      }
      deps.work.push(() =>
        triageAndDeliver(
          deps,
          client,
          {
            workspaceId,
            userId: s.user.id,
            channelId: s.channel.id,
            threadTs: s.message.thread_ts ?? s.message.ts,
            inputKind: "shortcut",
            respond,
          },
          slackToPlain(messageText(s.message)),
        ),
      );
    },
  );
}
