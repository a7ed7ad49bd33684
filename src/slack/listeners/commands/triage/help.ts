import { helpMessage } from "../../../views/help.js";
import type { Subcommand } from "./subcommand.js";

/** `/triage`, `/triage help`, `/triage ?` (and an unknown one-word subcommand, read by lead.ts): the help is the
 * ack itself. */
export const help: Subcommand<"help"> = {
  kinds: ["help"],
  read: ({ text }) => (text.length === 0 || /^(help|\?)$/i.test(text) ? { kind: "help" } : undefined),
  run: async ({ deps, ack }, intent) => {
    await ack({
      response_type: "ephemeral",
      ...helpMessage(intent.unknown, { summaries: deps.assistant !== undefined }),
    });
  },
};
