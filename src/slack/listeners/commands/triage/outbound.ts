import { answerOutboundCommand, outboundRequest } from "../outbound.js";
import type { Subcommand } from "./subcommand.js";

/** `/triage outbound …`: the work queue. */
export const outbound: Subcommand<"outbound"> = {
  kinds: ["outbound"],
  read: ({ slackText }) => {
    const m = /^\s*outbound(?:\s+([\s\S]*))?$/i.exec(slackText);
    return m ? { kind: "outbound", request: outboundRequest(m[1] ?? "") } : undefined;
  },
  run: async ({ deps, cmd, ack, respond, client }, { request }) => {
    await ack();
    deps.work.push(() =>
      answerOutboundCommand(deps, client, {
        workspaceId: cmd.team_id,
        userId: cmd.user_id,
        respond,
        request,
      }),
    );
  },
};
