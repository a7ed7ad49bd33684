import { triageAndDeliver } from "../../../deliver.js";
import type { Subcommand } from "./subcommand.js";

/** `/triage <lead>`: acked at once and triaged after. In a DM or with `--private` only the rep sees the verdict;
 * otherwise it starts the lead's thread in the channel. Read last: whatever no other subcommand reads is a lead,
 * except a lone lower-case word ("/triage rulez"), which is an unknown subcommand and gets the help. */
export const lead: Subcommand<"triage" | "help"> = {
  kinds: ["triage"],
  read: ({ text, private: isPrivate }) =>
    /^[a-z][a-z-]*$/.test(text)
      ? { kind: "help", unknown: text }
      : { kind: "triage", text, private: isPrivate },
  run: async ({ deps, cmd, ack, respond, client }, intent) => {
    if (intent.kind !== "triage") return;
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
  },
};
