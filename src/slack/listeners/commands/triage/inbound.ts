import { answerInboundCommand, inboundRequest } from "../inbound.js";
import type { Subcommand } from "./subcommand.js";

/** `/triage inbound …` (channel mentions are read from Slack's own text): the work queue. */
export const inbound: Subcommand<"inbound"> = {
  kinds: ["inbound"],
  read: ({ slackText }) => {
    const m = /^\s*inbound(?:\s+([\s\S]*))?$/i.exec(slackText);
    return m ? { kind: "inbound", request: inboundRequest(m[1] ?? "") } : undefined;
  },
  run: async ({ deps, cmd, ack, respond, client }, { request }) => {
    await ack();
    deps.work.push(() =>
      answerInboundCommand(deps, client, {
        workspaceId: cmd.team_id,
        userId: cmd.user_id,
        channelId: cmd.channel_id,
        respond,
        request,
      }),
    );
  },
};
