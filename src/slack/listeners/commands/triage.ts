import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { triageAndDeliver } from "../../deliver.js";
import type { SlackDeps } from "../../deps.js";
import { commandSchema } from "../../payloads.js";
import { slackToPlain } from "../../text.js";
import { helpMessage } from "../../views/help.js";

export type CommandIntent =
  | { kind: "help"; unknown?: string }
  | { kind: "triage"; text: string; private: boolean };

/** What the rep asked of `/triage`: help (no text, "help", or an unknown one-word subcommand), or a lead. */
export function commandIntent(raw: string): CommandIntent {
  const isPrivate = /(^|\s)--private(\s|$)/.test(raw);
  const text = raw.replace(/(^|\s)--private(?=\s|$)/g, " ").trim();
  if (text.length === 0 || /^(help|\?)$/i.test(text)) return { kind: "help" };
  // A lone lower-case word is a subcommand, not a lead: "/triage rules" must not be triaged as a lead.
  if (/^[a-z][a-z-]*$/.test(text)) return { kind: "help", unknown: text };
  return { kind: "triage", text, private: isPrivate };
}

/** `/triage …`: help is the ack itself; a lead is acked at once and triaged after. In a DM or with
 * `--private` only the rep sees the verdict; otherwise it starts the lead's thread in the channel. */
export function triageCommand(deps: SlackDeps) {
  return async ({ command, ack, respond, client }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      await ack({
        response_type: "ephemeral",
        text: "Sorry, Slack sent a command I could not read. Please try again.",
      });
      deps.logger.warn(
        { issues: parsed.error.issues.map((i) => i.path.join(".")) },
        "malformed slash command payload refused",
      );
      return;
    }
    const cmd = parsed.data;
    const intent = commandIntent(slackToPlain(cmd.text));
    if (intent.kind === "help") {
      await ack({ response_type: "ephemeral", ...helpMessage(intent.unknown) });
      return;
    }
    await ack();
    const isDm = cmd.channel_id.startsWith("D") || cmd.channel_name === "directmessage";
    deps.work.push(() =>
      triageAndDeliver(
        deps,
        client,
        {
          workspaceId: cmd.team_id,
          userId: cmd.user_id,
          channelId: cmd.channel_id,
          inputKind: "command",
          respond,
          private: intent.private || isDm,
        },
        intent.text,
      ),
    );
  };
}
