import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { errorSummary } from "../../../logger.js";
import type { SlackDeps } from "../../deps.js";
import { teamIdOf } from "../../payloads.js";
import { homeView } from "../../views/home.js";

const payloadSchema = z
  .object({
    user: z.object({ id: z.string().min(1), team_id: z.string().optional() }).passthrough(),
    team: z.object({ id: z.string() }).passthrough().nullable().optional(),
  })
  .passthrough();

const VALUE = /^(all|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** "Retry" on the Home tab's failed outbound events (one, or all): admins only. The Home tab has no other way
 * to answer, so it is published again with the result on top. */
export function outboundRetryButton(deps: SlackDeps) {
  return async ({ ack, body, action, client }: Args) => {
    await ack();
    const parsed = payloadSchema.safeParse(body);
    const workspaceId = parsed.success ? teamIdOf(parsed.data.team?.id, parsed.data.user.team_id) : undefined;
    if (!parsed.success || workspaceId === undefined || !VALUE.test(action.value ?? "")) {
      deps.logger.warn({ action: action.action_id }, "malformed outbound retry payload refused");
      return;
    }
    const userId = parsed.data.user.id;
    const log = deps.logger.child({ workspace: workspaceId, action: "outbound retry" });
    deps.work.push(async () => {
      try {
        const notice = (await deps.admins.isAdmin(client, userId, log))
          ? await deps.outbound
              .retry(workspaceId, action.value === "all" ? undefined : action.value)
              .then((n) => (n === 0 ? "Nothing left to retry." : `🔁 Sending ${n} event(s) again.`))
          : deps.admins.refusal("retry events sent outside Slack");
        const summary = await deps.homeSummary(workspaceId);
        deps.posts.push(async () => {
          try {
            await client.views.publish({ user_id: userId, view: homeView(summary, new Date(), notice) });
          } catch (e) {
            log.warn({ err: errorSummary(e) }, "publishing the home tab failed");
          }
        });
      } catch (e) {
        log.error({ err: errorSummary(e) }, "retrying outbound events failed");
      }
    });
  };
}
