import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { UserError } from "../../../domain/errors.js";
import { slackLink } from "../../../domain/outbound/payload.js";
import { errorSummary } from "../../../logger.js";
import { EmptyLeadError } from "../../../services/triage.js";
import { type PostedVerdict, type TriageResult, triageLead } from "../../../services/triageLead.js";
import { resultMessage } from "../../deliver.js";
import type { SlackDeps } from "../../deps.js";
import { teamIdOf } from "../../payloads.js";
import { postInChannel, slackErrorCode } from "../../reply.js";
import { slackToPlain } from "../../text.js";

/** The step's callback_id, as manifest.yml defines it. */
export const TRIAGE_STEP = "triage_lead";

/** Slack ends a step that has not completed after a while; ours answers well before. */
const STEP_BUDGET_MS = 30_000;

const stepSchema = z
  .object({
    function_execution_id: z.string().min(1),
    inputs: z
      .object({
        lead: z.string().max(40_000).optional(),
        channel: z
          .string()
          .regex(/^[CG][A-Z0-9]{2,}$/)
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();

/** What the step gives the workflow's next steps (the manifest's output_parameters). */
export function stepOutputs(result: TriageResult, messageLink: string | undefined) {
  return {
    decision: result.report.decision,
    risk: result.report.risk,
    reasons:
      result.report.matches.length === 0
        ? "No red flags."
        : result.report.matches.map((m) => `• ${m.reason}`).join("\n"),
    check_id: result.checkId,
    ...(messageLink ? { verdict_link: messageLink } : {}),
  };
}

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<"function_executed">;

/** The Workflow Builder step "Triage a lead": Bolt acknowledges the event; the lead is triaged on the work queue
 * like a pasted one (kept, with the workspace's rules and memory), its verdict posted in the chosen channel with
 * the usual buttons, and the step completed with the decision, risk, reasons and check id, so a workflow can
 * branch on the decision. A lead it cannot read fails the step with a sentence the workflow's owner can act on. */
export function triageLeadStep(deps: SlackDeps) {
  return async ({ event, body, complete, fail, client }: Args) => {
    const parsed = stepSchema.safeParse(event);
    const workspaceId = teamIdOf((body as { team_id?: unknown }).team_id);
    const eventId = (body as { event_id?: unknown }).event_id;
    const log = deps.logger.child({ workspace: workspaceId, kind: "workflow" });
    const failWith = (error: string) =>
      deps.posts.push(async () => {
        try {
          await fail({ error });
        } catch (e) {
          log.error({ err: errorSummary(e) }, "failing the workflow step failed");
        }
      });
    if (!parsed.success || workspaceId === undefined) {
      log.warn("malformed workflow step payload refused");
      if (parsed.success) failWith("Lead Triage could not tell which workspace ran this step.");
      return;
    }
    const { lead, channel } = parsed.data.inputs;
    deps.work.push(async () => {
      if (!(await deps.dedupe.isFirstDelivery(typeof eventId === "string" ? eventId : undefined))) return;
      const text = slackToPlain(lead ?? "").trim();
      let gaveUp = false;
      /** Posts the verdict in the step's channel from the posting queue (not after the step failed on time). */
      const post = (result: TriageResult, channelId: string) =>
        new Promise<PostedVerdict | undefined>((resolve) =>
          deps.posts.push(async () => {
            if (gaveUp) return resolve(undefined);
            try {
              const ts = await postInChannel(client, channelId, resultMessage(result));
              resolve({ channelId, messageTs: ts, threadTs: ts });
            } catch (e) {
              // The verdict still reaches the workflow; only the channel post is missing.
              log.warn({ code: slackErrorCode(e) }, "workflow step's verdict not posted in its channel");
              resolve(undefined);
            }
          }),
        );
      let result: TriageResult;
      try {
        if (text === "") throw new EmptyLeadError();
        result = await Promise.race([
          triageLead(
            deps.triage,
            { workspaceId, inputKind: "workflow", ...(channel ? { channelId: channel } : {}) },
            text,
            channel === undefined ? {} : { post: (result) => post(result, channel) },
          ),
          new Promise<never>((_, reject) =>
            setTimeout(
              () => reject(new UserError("Lead Triage took too long to read this lead.", "timeout")),
              STEP_BUDGET_MS,
            ).unref(),
          ),
        ]);
      } catch (e) {
        gaveUp = true;
        if (!(e instanceof UserError)) log.error({ err: errorSummary(e) }, "workflow step triage failed");
        failWith(
          e instanceof EmptyLeadError
            ? "The lead was empty: map the form's answers into the step's “Lead details” input."
            : e instanceof UserError
              ? e.message
              : "Lead Triage could not triage this lead just now; run the workflow again in a minute.",
        );
        return;
      }
      const posted = result.posted ?? Promise.resolve(undefined);
      deps.posts.push(async () => {
        // Queued after the post (when there is one), so the step's output carries its link.
        const at = await posted;
        const link = at ? (slackLink(at.channelId, at.messageTs) ?? undefined) : undefined;
        try {
          await complete({ outputs: stepOutputs(result, link) });
          log.info({ decision: result.report.decision, check: result.checkId }, "workflow step completed");
        } catch (e) {
          log.error({ err: errorSummary(e) }, "completing the workflow step failed");
        }
      });
    });
  };
}
