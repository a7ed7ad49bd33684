import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { isOutcomeKind } from "../../../domain/outcomes/kinds.js";
import { errorSummary } from "../../../logger.js";
import type { SlackDeps } from "../../deps.js";
import { teamIdOf } from "../../payloads.js";
import { recordAndShow } from "../../showOutcome.js";
import { outcomeModal } from "../../views/outcomeModal.js";
import { OUTCOME_ACTION_PREFIX } from "../../views/verdict.js";

const buttonPayloadSchema = z
  .object({
    trigger_id: z.string().min(1),
    user: z.object({ id: z.string().min(1), team_id: z.string().optional() }).passthrough(),
    team: z.object({ id: z.string() }).passthrough().nullable().optional(),
    container: z
      .object({
        channel_id: z.string().optional(),
        message_ts: z.string().optional(),
        is_ephemeral: z.boolean().optional(),
      })
      .passthrough()
      .optional(),
    channel: z.object({ id: z.string() }).passthrough().optional(),
    response_url: z.string().url().optional(),
  })
  .passthrough();

const REASONS_WAIT_MS = 700;

/** Won / Lost / Disqualified / Verdict was wrong on a verdict. Won is recorded at once; the others open the
 * reason modal right after the ack (a trigger id lives 3 seconds). */
export function outcomeButton(deps: SlackDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>) => {
    await ack();
    const kind = action.action_id.slice(OUTCOME_ACTION_PREFIX.length);
    const parsed = buttonPayloadSchema.safeParse(body);
    const workspaceId = parsed.success ? teamIdOf(parsed.data.team?.id, parsed.data.user.team_id) : undefined;
    if (!parsed.success || workspaceId === undefined || !isOutcomeKind(kind) || !action.value) {
      deps.logger.warn({ action: action.action_id }, "malformed outcome button payload refused");
      return;
    }
    const p = parsed.data;
    const channelId = p.container?.channel_id ?? p.channel?.id;
    const messageTs = p.container?.message_ts;
    const ephemeral = p.container?.is_ephemeral === true;
    if (kind === "won") {
      deps.work.push(async () => {
        await recordAndShow(
          deps,
          client,
          { workspaceId, checkId: action.value as string, kind, userId: p.user.id },
          {
            userId: p.user.id,
            ...(channelId ? { channelId } : {}),
            ...(messageTs ? { messageTs } : {}),
            ...(ephemeral ? { replace: respond } : {}),
          },
        );
      });
      return;
    }
    try {
      // The trigger id lives 3 s: the workspace's reasons if they come quickly, else the defaults.
      const reasons = await deps.reasons.taxonomyWithin(workspaceId, REASONS_WAIT_MS);
      const meta = {
        checkId: action.value,
        kind,
        workspaceId,
        ...(channelId ? { channelId } : {}),
        ...(messageTs ? { messageTs } : {}),
        ...(ephemeral && p.response_url ? { responseUrl: p.response_url } : {}),
      };
      await client.views.open({
        trigger_id: p.trigger_id,
        view: outcomeModal(meta, reasons, deps.forms.seal(meta, { teamId: workspaceId, userId: p.user.id })),
      });
    } catch (e) {
      deps.logger.error({ err: errorSummary(e) }, "opening the outcome modal failed");
    }
  };
}
