import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { errorSummary } from "../logger.js";
import type { SlackDeps } from "./deps.js";

/** Remembers which organisation each workspace served by an org-wide installation belongs to, so the digest
 * (which no request brings a token to) finds that installation. Written once per workspace per process, after
 * the request goes on: it never delays an ack. */
export function noteOrganisations(
  installations: NonNullable<SlackDeps["installations"]>,
  logger: SlackDeps["logger"],
): Middleware<AnyMiddlewareArgs> {
  const noted = new Set<string>();
  return async ({ context, next }) => {
    const { teamId, enterpriseId } = context;
    if (context.isEnterpriseInstall === true && teamId && enterpriseId && !noted.has(teamId)) {
      noted.add(teamId);
      installations.noteOrganisation(teamId, enterpriseId).catch((e: unknown) => {
        noted.delete(teamId);
        logger.warn(
          { err: errorSummary(e), workspace: teamId },
          "noting the workspace's organisation failed",
        );
      });
    }
    await next();
  };
}
