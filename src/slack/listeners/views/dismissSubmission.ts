import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { UserError } from "../../../domain/errors.js";
import { errorSummary } from "../../../logger.js";
import type { SlackDeps } from "../../deps.js";
import { formMetadata } from "../../formMetadata.js";
import { privateAnswer, respondTo } from "../../reply.js";
import { escapeMrkdwn } from "../../text.js";
import { dismissMetaSchema } from "../../views/suggestions.js";

/** The dismiss modal's submit: a reason is required (checked in the ack, shown in the modal); the admin is
 * checked again after the ack, then the suggestion is dismissed and the admin told privately. */
export function dismissSubmission(deps: SlackDeps) {
  return async ({
    ack,
    view,
    body,
    client,
  }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const meta = await formMetadata(
      deps.forms,
      dismissMetaSchema,
      { view, ack, body },
      "why",
      "Press Dismiss again.",
    );
    if (meta === undefined) return;
    const why = (view.state.values.why?.why?.value ?? "").trim();
    if (why.length < 3) {
      await ack({
        response_action: "errors",
        errors: { why: "Say in a few words why, for whoever looks at it next." },
      });
      return;
    }
    await ack();
    const userId = body.user.id;
    const log = deps.logger.child({ workspace: meta.workspaceId, suggestion: meta.suggestionId });
    const respond = meta.responseUrl ? respondTo(meta.responseUrl) : undefined;
    const tell = privateAnswer(deps, respond, log, "answering a dismissal");
    deps.work.push(async () => {
      if (!(await deps.admins.isAdmin(client, userId, log))) {
        tell(deps.admins.refusal("dismiss rule changes"));
        return;
      }
      try {
        const summary = await deps.suggestions.dismiss(meta.workspaceId, meta.suggestionId, userId, why);
        log.info({ by: userId }, "suggestion dismissed");
        tell(
          `Dismissed: ${escapeMrkdwn(summary)} It won't come back unless its evidence changes materially.`,
        );
      } catch (e) {
        if (e instanceof UserError) tell(e.message);
        else {
          log.error({ err: errorSummary(e) }, "dismissing a suggestion failed");
          tell("Sorry, I couldn't dismiss that just now. Please try again.");
        }
      }
    });
  };
}
