import { commandSchema } from "../../../payloads.js";
import { slackToPlain } from "../../../text.js";
import { digest } from "./digest.js";
import { forget } from "./forget.js";
import { help } from "./help.js";
import { inbound } from "./inbound.js";
import { lead } from "./lead.js";
import { outbound } from "./outbound.js";
import { outcome } from "./outcome.js";
import { reasons } from "./reasons.js";
import { refine } from "./refine.js";
import { rules } from "./rules.js";
import type {
  CommandContext,
  CommandIntent,
  CommandText,
  SlackCommandArgs,
  Subcommand,
} from "./subcommand.js";

export type { CommandIntent } from "./subcommand.js";

type AnySubcommand = Subcommand<CommandIntent["kind"]>;

/** The subcommands, in the order their words are tried; `lead` reads whatever the others do not. */
const SUBCOMMANDS = [
  help,
  outcome,
  refine,
  rules,
  digest,
  inbound,
  outbound,
  forget,
  reasons,
  lead,
] as unknown as AnySubcommand[];

/** Each intent's answer: the subcommand that reads it (help answers an unknown word too). */
const ANSWERS = new Map<CommandIntent["kind"], AnySubcommand>(
  SUBCOMMANDS.flatMap((s) => s.kinds.map((kind) => [kind, s] as const)),
);

/** What the rep asked of `/triage`: help (no text, "help", or an unknown one-word subcommand), a subcommand, or a
 * lead. `slackText` is the text as Slack sent it (channel mentions are read from it). */
export function commandIntent(raw: string, slackText: string = raw): CommandIntent {
  const isPrivate = /(^|\s)--private(\s|$)/.test(raw);
  const text: CommandText = {
    text: raw.replace(/(^|\s)--private(?=\s|$)/g, " ").trim(),
    slackText,
    private: isPrivate,
  };
  for (const subcommand of SUBCOMMANDS) {
    const intent = subcommand.read(text);
    if (intent) return intent;
  }
  return { kind: "help" };
}

/** `/triage …`: reads the payload (a malformed one is refused in the ack), then the subcommand its words name
 * answers: help is the ack itself; anything else is acked at once and answered from a queue. */
export function triageCommand(deps: CommandContext["deps"]) {
  return async ({ command, ack, respond, client }: SlackCommandArgs) => {
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
    const intent = commandIntent(slackToPlain(cmd.text), cmd.text);
    // Every kind is some subcommand's (ANSWERS is built from their `kinds`; the listener tests reach each one).
    const answer = ANSWERS.get(intent.kind) as AnySubcommand;
    await answer.run({ deps, cmd, ack, respond, client }, intent);
  };
}
