import { answerForgetCommand } from "../forget.js";
import type { Subcommand } from "./subcommand.js";

/** `/triage forget <email|domain>` (admins): answered after the ack. */
export const forget: Subcommand<"forget"> = {
  kinds: ["forget"],
  read: ({ text }) => {
    const m = /^forget(?:\s+([\s\S]*))?$/i.exec(text);
    return m ? { kind: "forget", subject: (m[1] ?? "").trim() } : undefined;
  },
  run: async ({ deps, cmd, ack, respond, client }, { subject }) => {
    await ack();
    deps.work.push(() =>
      answerForgetCommand(deps, client, {
        workspaceId: cmd.team_id,
        userId: cmd.user_id,
        respond,
        text: subject,
      }),
    );
  },
};
