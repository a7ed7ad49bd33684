import { answerRefineCommand } from "../refine.js";
import type { Subcommand } from "./subcommand.js";

/** `/triage refine`: the workspace's suggestions, refreshed from its outcomes. */
export const refine: Subcommand<"refine"> = {
  kinds: ["refine"],
  read: ({ text }) => (/^refine$/i.test(text) ? { kind: "refine" } : undefined),
  run: async ({ deps, cmd, ack, respond }) => {
    await ack();
    deps.work.push(() => answerRefineCommand(deps, { workspaceId: cmd.team_id, respond }));
  },
};
