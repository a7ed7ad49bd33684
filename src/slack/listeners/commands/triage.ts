import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { type OutcomeKind, outcomeFromWord } from "../../../domain/outcomes/kinds.js";
import { triageAndDeliver } from "../../deliver.js";
import type { SlackDeps } from "../../deps.js";
import { commandSchema } from "../../payloads.js";
import { slackToPlain } from "../../text.js";
import { helpMessage } from "../../views/help.js";
import { answerDigestCommand, type DigestRequest, digestRequest } from "./digest.js";
import { answerForgetCommand } from "./forget.js";
import { OUTCOME_USAGE, reportOutcomeCommand } from "./outcome.js";
import { answerReasonsCommand, type ReasonsRequest, reasonsRequest } from "./reasons.js";
import { answerRefineCommand } from "./refine.js";
import { answerRulesCommand, openRuleForm, type RulesRequest, rulesRequest } from "./rules.js";

export type CommandIntent =
  | { kind: "help"; unknown?: string }
  | { kind: "triage"; text: string; private: boolean }
  | { kind: "outcome"; target: OutcomeTarget; outcome: OutcomeKind; words: string }
  | { kind: "outcome_usage" }
  | { kind: "reasons"; request: ReasonsRequest }
  | { kind: "refine" }
  | { kind: "rules"; request: RulesRequest }
  | { kind: "digest"; request: DigestRequest }
  | { kind: "forget"; subject: string };

/** The lead an outcome command names: its check id, or a link to its verdict message. */
export type OutcomeTarget = { checkId: string } | { channelId: string; ts: string };

/** `outcome <check id | message link> <won|lost|disqualified|dq|no-show|wrong> [reason words]` */
function outcomeIntent(rest: string): CommandIntent {
  const m = /^(\S+)\s+(\S+)\s*([\s\S]*)$/.exec(rest.trim());
  const outcome = m ? outcomeFromWord(m[2] as string) : undefined;
  if (!m || outcome === undefined) return { kind: "outcome_usage" };
  const ref = m[1] as string;
  // A message link: https://acme.slack.com/archives/C0123/p1700000111000200
  const link = /\/archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})/.exec(ref);
  const target: OutcomeTarget = link
    ? { channelId: link[1] as string, ts: `${link[2]}.${link[3]}` }
    : { checkId: ref.replace(/^<|>$/g, "") };
  return { kind: "outcome", target, outcome, words: (m[3] as string).trim() };
}

/** What the rep asked of `/triage`: help (no text, "help", or an unknown one-word subcommand), or a lead. */
export function commandIntent(raw: string, slackText: string = raw): CommandIntent {
  const isPrivate = /(^|\s)--private(\s|$)/.test(raw);
  const text = raw.replace(/(^|\s)--private(?=\s|$)/g, " ").trim();
  if (text.length === 0 || /^(help|\?)$/i.test(text)) return { kind: "help" };
  const outcome = /^outcome(?:\s+([\s\S]*))?$/i.exec(text);
  if (outcome) return outcomeIntent(outcome[1] ?? "");
  if (/^refine$/i.test(text)) return { kind: "refine" };
  const rules = /^rules(?:\s+([\s\S]*))?$/i.exec(text);
  if (rules) return { kind: "rules", request: rulesRequest(rules[1] ?? "") };
  // Channel mentions (<#C123|sales>) are read from Slack's own text.
  const digest = /^\s*digest(?:\s+([\s\S]*))?$/i.exec(slackText);
  if (digest) return { kind: "digest", request: digestRequest(digest[1] ?? "") };
  const forget = /^forget(?:\s+([\s\S]*))?$/i.exec(text);
  if (forget) return { kind: "forget", subject: (forget[1] ?? "").trim() };
  const reasons = /^reasons(?:\s+([\s\S]*))?$/i.exec(text);
  if (reasons) return { kind: "reasons", request: reasonsRequest(reasons[1] ?? "") };
  // A lone lower-case word is a subcommand, not a lead: "/triage rules" must not be triaged as a lead.
  if (/^[a-z][a-z-]*$/.test(text)) return { kind: "help", unknown: text };
  return { kind: "triage", text, private: isPrivate };
}

/** `/triage …`: help is the ack itself; a lead is acked at once and triaged after. In a DM or with
 * `--private` only the rep sees the verdict; otherwise it starts the lead's thread in the channel. */
export function triageCommand(deps: SlackDeps) {
  return async ({ command, ack, respond, client }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      await ack({
        response_type: "ephemeral",
        text: "Sorry, Slack sent a command I could not read. Please try again.",
      });
      deps.logger.warn(
        { issues: parsed.error.issues.map((i) => i.path.join(".")) },
        "malformed slash command payload refused",
      );
      return;
    }
    const cmd = parsed.data;
    const intent = commandIntent(slackToPlain(cmd.text), cmd.text);
    if (intent.kind === "help") {
      await ack({
        response_type: "ephemeral",
        ...helpMessage(intent.unknown, { summaries: deps.assistant !== undefined }),
      });
      return;
    }
    if (intent.kind === "outcome_usage") {
      await ack({ response_type: "ephemeral", text: OUTCOME_USAGE });
      return;
    }
    if (intent.kind === "outcome") {
      await ack();
      const target = intent.target;
      deps.work.push(() =>
        reportOutcomeCommand(deps, client, {
          workspaceId: cmd.team_id,
          userId: cmd.user_id,
          channelId: cmd.channel_id,
          respond,
          target,
          outcome: intent.outcome,
          words: intent.words,
        }),
      );
      return;
    }
    if (intent.kind === "digest") {
      await ack();
      const request = intent.request;
      // A preview or a send-now with the optional LLM waits on it (the week's themes): the LLM's queue.
      const waitsOnModel =
        deps.assistant !== undefined && (request.action === "preview" || request.action === "send-now");
      (waitsOnModel ? deps.llm : deps.work).push(() =>
        answerDigestCommand(deps, client, {
          workspaceId: cmd.team_id,
          userId: cmd.user_id,
          channelId: cmd.channel_id,
          respond,
          request,
        }),
      );
      return;
    }
    if (intent.kind === "rules") {
      await ack();
      const request = intent.request;
      if (
        (request.action === "add" || request.action === "edit" || request.action === "import") &&
        cmd.trigger_id
      ) {
        await openRuleForm(deps, client, {
          workspaceId: cmd.team_id,
          userId: cmd.user_id,
          triggerId: cmd.trigger_id,
          ...(cmd.response_url ? { responseUrl: cmd.response_url } : {}),
          respond,
          request,
        });
        return;
      }
      deps.work.push(() =>
        answerRulesCommand(deps, client, { workspaceId: cmd.team_id, userId: cmd.user_id, respond, request }),
      );
      return;
    }
    if (intent.kind === "refine") {
      await ack();
      deps.work.push(() => answerRefineCommand(deps, { workspaceId: cmd.team_id, respond }));
      return;
    }
    if (intent.kind === "forget") {
      await ack();
      const text = intent.subject;
      deps.work.push(() =>
        answerForgetCommand(deps, client, { workspaceId: cmd.team_id, userId: cmd.user_id, respond, text }),
      );
      return;
    }
    if (intent.kind === "reasons") {
      await ack();
      const request = intent.request;
      deps.work.push(() =>
        answerReasonsCommand(deps, client, {
          workspaceId: cmd.team_id,
          userId: cmd.user_id,
          respond,
          request,
        }),
      );
      return;
    }
    await ack();
    const isDm = cmd.channel_id.startsWith("D") || cmd.channel_name === "directmessage";
    deps.work.push(() =>
      triageAndDeliver(
        deps,
        client,
        {
          workspaceId: cmd.team_id,
          userId: cmd.user_id,
          channelId: cmd.channel_id,
          inputKind: "command",
          respond,
          private: intent.private || isDm,
        },
        intent.text,
      ),
    );
  };
}
