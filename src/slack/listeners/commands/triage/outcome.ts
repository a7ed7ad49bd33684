import { outcomeFromWord } from "../../../../domain/outcomes/kinds.js";
import { OUTCOME_USAGE, type OutcomeTarget, reportOutcomeCommand } from "../outcome.js";
import type { CommandIntent, Subcommand } from "./subcommand.js";

/** `outcome <check id | message link> <won|lost|disqualified|dq|no-show|wrong> [reason words]` */
function outcomeIntent(rest: string): Extract<CommandIntent, { kind: "outcome" | "outcome_usage" }> {
  const m = /^(\S+)\s+(\S+)\s*([\s\S]*)$/.exec(rest.trim());
  const outcome = m ? outcomeFromWord(m[2] as string) : undefined;
  if (!m || outcome === undefined) return { kind: "outcome_usage" };
  const ref = m[1] as string;
  // A message link: https://acme.slack.com/archives/C0123/p1700000111000200
  const link = /\/archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})/.exec(ref);
  const target: OutcomeTarget = link
    ? { channelId: link[1] as string, ts: `${link[2]}.${link[3]}` }
    : { checkId: ref.replace(/^<|>$/g, "") };
  return { kind: "outcome", target, outcome, words: (m[3] as string).trim() };
}

/** `/triage outcome …`: the usage as the ack when the words do not name a lead and an outcome; else acked, then
 * recorded on the work queue. */
export const outcome: Subcommand<"outcome" | "outcome_usage"> = {
  kinds: ["outcome", "outcome_usage"],
  read: ({ text }) => {
    const m = /^outcome(?:\s+([\s\S]*))?$/i.exec(text);
    return m ? outcomeIntent(m[1] ?? "") : undefined;
  },
  run: async ({ deps, cmd, ack, respond, client }, intent) => {
    if (intent.kind === "outcome_usage") {
      await ack({ response_type: "ephemeral", text: OUTCOME_USAGE });
      return;
    }
    await ack();
    deps.work.push(() =>
      reportOutcomeCommand(deps, client, {
        workspaceId: cmd.team_id,
        userId: cmd.user_id,
        channelId: cmd.channel_id,
        respond,
        target: intent.target,
        outcome: intent.outcome,
        words: intent.words,
      }),
    );
  },
};
