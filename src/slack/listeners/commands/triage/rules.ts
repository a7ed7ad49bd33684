import { answerRulesCommand, openRuleForm, rulesRequest } from "../rules.js";
import type { Subcommand } from "./subcommand.js";

/** `/triage rules …`: a form opens at once (its trigger id expires in seconds); the rest is answered after. */
export const rules: Subcommand<"rules"> = {
  kinds: ["rules"],
  read: ({ text }) => {
    const m = /^rules(?:\s+([\s\S]*))?$/i.exec(text);
    return m ? { kind: "rules", request: rulesRequest(m[1] ?? "") } : undefined;
  },
  run: async ({ deps, cmd, ack, respond, client }, { request }) => {
    await ack();
    if (
      (request.action === "add" || request.action === "edit" || request.action === "import") &&
      cmd.trigger_id
    ) {
      await openRuleForm(deps, client, {
        workspaceId: cmd.team_id,
        userId: cmd.user_id,
        triggerId: cmd.trigger_id,
        ...(cmd.response_url ? { responseUrl: cmd.response_url } : {}),
        respond,
        request,
      });
      return;
    }
    deps.work.push(() =>
      answerRulesCommand(deps, client, { workspaceId: cmd.team_id, userId: cmd.user_id, respond, request }),
    );
  },
};
