import { answerReasonsCommand, reasonsRequest } from "../reasons.js";
import type { Subcommand } from "./subcommand.js";

/** `/triage reasons [add|rename …]`: answered after the ack. */
export const reasons: Subcommand<"reasons"> = {
  kinds: ["reasons"],
  read: ({ text }) => {
    const m = /^reasons(?:\s+([\s\S]*))?$/i.exec(text);
    return m ? { kind: "reasons", request: reasonsRequest(m[1] ?? "") } : undefined;
  },
  run: async ({ deps, cmd, ack, respond, client }, { request }) => {
    await ack();
    deps.work.push(() =>
      answerReasonsCommand(deps, client, { workspaceId: cmd.team_id, userId: cmd.user_id, respond, request }),
    );
  },
};
