import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { triageAndDeliver } from "../../deliver.js";
import type { SlackDeps } from "../../deps.js";
import { messageShortcutSchema, messageText, teamIdOf } from "../../payloads.js";
import { slackToPlain } from "../../text.js";

/** ⋯ → Check lead on any message (a forwarded email, a signature, a form post): the verdict goes in that
 * message's thread. */
export function checkLeadShortcut(deps: SlackDeps) {
  return async ({
    shortcut,
    ack,
    respond,
    client,
  }: AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>) => {
    await ack();
    const parsed = messageShortcutSchema.safeParse(shortcut);
    const workspaceId = parsed.success ? teamIdOf(parsed.data.team?.id, parsed.data.user.team_id) : undefined;
    if (!parsed.success || workspaceId === undefined) {
      deps.logger.warn(
        { issues: parsed.success ? ["team"] : parsed.error.issues.map((i) => i.path.join(".")) },
        "malformed message shortcut payload refused",
      );
      deps.posts.push(async () => {
        await respond({
          response_type: "ephemeral",
          text: "Sorry, I could not read that message. Please try again.",
        });
      });
      return;
    }
    const s = parsed.data;
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
  };
}
