import { answerDigestCommand, digestRequest } from "../digest.js";
import type { Subcommand } from "./subcommand.js";

/** `/triage digest …` (channel mentions are read from Slack's own text). A preview or a send-now with the optional
 * LLM waits on it (the week's themes): the LLM's queue; the rest the work queue. */
export const digest: Subcommand<"digest"> = {
  kinds: ["digest"],
  read: ({ slackText }) => {
    const m = /^\s*digest(?:\s+([\s\S]*))?$/i.exec(slackText);
    return m ? { kind: "digest", request: digestRequest(m[1] ?? "") } : undefined;
  },
  run: async ({ deps, cmd, ack, respond, client }, { request }) => {
    await ack();
    const waitsOnModel =
      deps.assistant !== undefined && (request.action === "preview" || request.action === "send-now");
    (waitsOnModel ? deps.llm : deps.work).push(() =>
      answerDigestCommand(deps, client, {
        workspaceId: cmd.team_id,
        userId: cmd.user_id,
        channelId: cmd.channel_id,
        respond,
        request,
      }),
    );
  },
};
