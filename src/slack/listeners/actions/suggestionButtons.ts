import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { UserError } from "../../../domain/errors.js";
import { errorSummary, type Logger } from "../../../logger.js";
import type { SlackDeps } from "../../deps.js";
import { teamIdOf } from "../../payloads.js";
import { escapeMrkdwn } from "../../text.js";
import { dismissModal } from "../../views/suggestions.js";

const payloadSchema = z
  .object({
    trigger_id: z.string().min(1),
    user: z.object({ id: z.string().min(1), team_id: z.string().optional() }).passthrough(),
    team: z.object({ id: z.string() }).passthrough().nullable().optional(),
    response_url: z.string().url().optional(),
  })
  .passthrough();

/** Admin checks before a modal get this long: the trigger id lives 3 seconds. */
const ADMIN_CHECK_BUDGET_MS = 1_500;

function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([p, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);
}

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

function read(deps: SlackDeps, { body, action }: Pick<Args, "body" | "action">) {
  const parsed = payloadSchema.safeParse(body);
  const workspaceId = parsed.success ? teamIdOf(parsed.data.team?.id, parsed.data.user.team_id) : undefined;
  if (!parsed.success || workspaceId === undefined || !action.value) {
    deps.logger.warn({ action: action.action_id }, "malformed suggestion button payload refused");
    return undefined;
  }
  return { p: parsed.data, workspaceId, id: action.value };
}

function tell(deps: SlackDeps, respond: Args["respond"], text: string, log: Logger): void {
  deps.posts.push(async () => {
    try {
      await respond({ response_type: "ephemeral", replace_original: false, text });
    } catch (e) {
      log.warn({ err: errorSummary(e) }, "answering a suggestion button failed");
    }
  });
}

async function allowed(deps: SlackDeps, client: WebClient, userId: string, log: Logger, ms?: number) {
  const check = deps.admins.isAdmin(client, userId, log);
  return ms === undefined ? check : within(check, ms, false);
}

/** Approve: only an admin publishes; the suggestion becomes a new rule-set version. */
export function approveSuggestionButton(deps: SlackDeps) {
  return async ({ ack, body, action, client, respond }: Args) => {
    await ack();
    const r = read(deps, { body, action });
    if (r === undefined) return;
    const log = deps.logger.child({ workspace: r.workspaceId, suggestion: r.id });
    deps.work.push(async () => {
      if (!(await allowed(deps, client, r.p.user.id, log))) {
        tell(deps, respond, deps.admins.refusal("approve rule changes"), log);
        return;
      }
      try {
        const { version, summary } = await deps.suggestions.approve(r.workspaceId, r.id, r.p.user.id);
        log.info({ version, by: r.p.user.id }, "suggestion approved and published");
        tell(
          deps,
          respond,
          `Published rule set *v${version}* (approved by <@${r.p.user.id}>): ${escapeMrkdwn(summary)} New verdicts use it within seconds.`,
          log,
        );
      } catch (e) {
        if (e instanceof UserError) {
          tell(deps, respond, e.message, log);
          return;
        }
        log.error({ err: errorSummary(e) }, "approving a suggestion failed");
        tell(
          deps,
          respond,
          "Sorry, I couldn't publish that just now. Nothing changed; please try again.",
          log,
        );
      }
    });
  };
}

/** Dismiss: an admin says why in a modal (opened right after the ack and a bounded admin check). */
export function dismissSuggestionButton(deps: SlackDeps) {
  return async ({ ack, body, action, client, respond }: Args) => {
    await ack();
    const r = read(deps, { body, action });
    if (r === undefined) return;
    const log = deps.logger.child({ workspace: r.workspaceId, suggestion: r.id });
    if (!(await allowed(deps, client, r.p.user.id, log, ADMIN_CHECK_BUDGET_MS))) {
      tell(deps, respond, deps.admins.refusal("dismiss rule changes"), log);
      return;
    }
    try {
      await client.views.open({
        trigger_id: r.p.trigger_id,
        view: dismissModal(
          deps.forms.seal(
            {
              suggestionId: r.id,
              workspaceId: r.workspaceId,
              ...(r.p.response_url ? { responseUrl: r.p.response_url } : {}),
            },
            { teamId: r.workspaceId, userId: r.p.user.id },
          ),
        ),
      });
    } catch (e) {
      log.error({ err: errorSummary(e) }, "opening the dismiss modal failed");
    }
  };
}
