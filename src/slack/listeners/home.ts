import type { App } from "@slack/bolt";
import { z } from "zod";
import { errorSummary } from "../../logger.js";
import { countDecisions } from "../../store/checks.js";
import { activeRuleSet } from "../../store/ruleSets.js";
import type { SlackDeps } from "../deps.js";
import { teamIdOf } from "../payloads.js";
import { homeView } from "../views/home.js";

const HOME_DAYS = 7;

const homeOpenedSchema = z.object({ user: z.string().min(1), tab: z.string().optional() }).passthrough();

export function registerHome(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    const parsed = homeOpenedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== "home")) return;
    const userId = parsed.data.user;
    const workspaceId = teamIdOf((body as { team_id?: unknown }).team_id);
    if (workspaceId === undefined) return;
    deps.work.push(async () => {
      try {
        const since = new Date(Date.now() - HOME_DAYS * 86_400_000);
        const [counts, ruleSet] = await Promise.all([
          countDecisions(deps.prisma, workspaceId, since),
          activeRuleSet(deps.prisma, workspaceId),
        ]);
        await client.views.publish({
          user_id: userId,
          view: homeView({ counts, days: HOME_DAYS, ruleSet: ruleSet ?? null }),
        });
      } catch (e) {
        deps.logger.error({ err: errorSummary(e), workspace: workspaceId }, "publishing the home tab failed");
      }
    });
  });
}
