import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { formMetadata } from "../../formMetadata.js";
import { respondTo } from "../../reply.js";
import { recordAndShow } from "../../showOutcome.js";
import { outcomeModalMetaSchema } from "../../views/outcomeModal.js";

/** The reason modal's Save: validated in the ack (Slack shows the error in the modal), then recorded. */
export function outcomeSubmission(deps: SlackDeps) {
  return async ({
    ack,
    view,
    body,
    client,
  }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const meta = await formMetadata(
      deps.forms,
      outcomeModalMetaSchema,
      { view, ack, body },
      "reason",
      "Press the button on the verdict again.",
    );
    if (meta === undefined) return;
    const reason = view.state.values.reason?.reason?.selected_option?.value;
    // The options are the workspace's reason ids; whether it still has this one is checked on recording.
    if (!reason || !/^[a-z0-9_]{1,64}$/.test(reason)) {
      await ack({ response_action: "errors", errors: { reason: "Pick the main reason." } });
      return;
    }
    await ack();
    const note = view.state.values.note?.note?.value ?? undefined;
    const userId = body.user.id;
    deps.work.push(async () => {
      await recordAndShow(
        deps,
        client,
        {
          workspaceId: meta.workspaceId,
          checkId: meta.checkId,
          kind: meta.kind,
          reason,
          userId,
          ...(note ? { repWords: note } : {}),
        },
        {
          userId,
          ...(meta.channelId ? { channelId: meta.channelId } : {}),
          ...(meta.messageTs ? { messageTs: meta.messageTs } : {}),
          ...(meta.responseUrl ? { replace: respondTo(meta.responseUrl) } : {}),
        },
      );
    });
  };
}
