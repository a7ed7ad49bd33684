import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { errorSummary } from "../../../logger.js";
import type { SlackDeps } from "../../deps.js";
import { teamIdOf } from "../../payloads.js";
import { homeView } from "../../views/home.js";

const homeOpenedSchema = z.object({ user: z.string().min(1), tab: z.string().optional() }).passthrough();

/** The Home tab, published each time a user opens it: the week's verdicts and the rules' provenance. */
export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<"app_home_opened">) => {
    const parsed = homeOpenedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== "home")) return;
    const userId = parsed.data.user;
    const workspaceId = teamIdOf((body as { team_id?: unknown }).team_id);
    if (workspaceId === undefined) return;
    deps.work.push(async () => {
      try {
        const summary = await deps.homeSummary(workspaceId);
        deps.posts.push(async () => {
          try {
            await client.views.publish({ user_id: userId, view: homeView(summary) });
          } catch (e) {
            deps.logger.error(
              { err: errorSummary(e), workspace: workspaceId },
              "publishing the home tab failed",
            );
          }
        });
      } catch (e) {
        deps.logger.error(
          { err: errorSummary(e), workspace: workspaceId },
          "reading the home tab's numbers failed",
        );
      }
    });
  };
}
