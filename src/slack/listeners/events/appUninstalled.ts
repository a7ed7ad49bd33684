import type { AllMiddlewareArgs, Context, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { errorSummary } from "../../../logger.js";
import type { SlackDeps } from "../../deps.js";

const revokedSchema = z
  .object({
    tokens: z
      .object({ bot: z.array(z.string()).optional(), oauth: z.array(z.string()).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** The installation Slack's event is about: a workspace's, or an organisation's org-wide one. */
function installationOf(context: Context) {
  return {
    teamId: context.teamId,
    enterpriseId: context.enterpriseId,
    isEnterpriseInstall: context.isEnterpriseInstall === true,
  };
}

/** The app was removed, or its bot token revoked: the installation goes (its token no longer works), so the
 * workspace's scheduled posts stop; its leads and outcomes stay until their retention date or `forget`. */
async function forgetInstallation(deps: SlackDeps, context: Context, why: string): Promise<void> {
  const where = installationOf(context);
  const log = deps.logger.child({ workspace: where.teamId, enterprise: where.enterpriseId, why });
  if (deps.installations === undefined) {
    log.warn("the app was removed from the workspace; reinstall it and set the new SLACK_BOT_TOKEN");
    return;
  }
  try {
    await deps.installations.deleteInstallation(where);
    log.info("installation removed");
  } catch (e) {
    log.error({ err: errorSummary(e) }, "removing the installation failed");
  }
}

/** app_uninstalled: Slack removed the app from a workspace (or an organisation). */
export function appUninstalled(deps: SlackDeps) {
  return async ({ context }: AllMiddlewareArgs & SlackEventMiddlewareArgs<"app_uninstalled">) => {
    await forgetInstallation(deps, context, "app_uninstalled");
  };
}

/** tokens_revoked: only the bot's token matters (the app asks for no user tokens). */
export function tokensRevoked(deps: SlackDeps) {
  return async ({ event, context }: AllMiddlewareArgs & SlackEventMiddlewareArgs<"tokens_revoked">) => {
    const parsed = revokedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tokens?.bot ?? []).length === 0) return;
    await forgetInstallation(deps, context, "tokens_revoked");
  };
}
