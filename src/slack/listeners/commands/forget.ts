import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { UserError } from "../../../domain/errors.js";
import { errorSummary } from "../../../logger.js";
import { erasureSubject, erasureSummary } from "../../../services/erasure.js";
import type { SlackDeps } from "../../deps.js";
import { privateAnswer } from "../../reply.js";
import { escapeMrkdwn } from "../../text.js";

export const FORGET_USAGE =
  "Give an email address or a domain: `/triage forget priya@northwind.com` (one person) or `/triage forget northwind.com` (everyone at it).";

/** `/triage forget <email or domain>` after the ack (admins): removes, in this workspace only, every kept word,
 * summary, naming fact and outcome note that names the person or domain, and says privately what went. The
 * subject is never logged; the audit row keeps who asked and how much. */
export async function answerForgetCommand(
  deps: SlackDeps,
  client: WebClient,
  c: { workspaceId: string; userId: string; respond: RespondFn; text: string },
): Promise<void> {
  const log = deps.logger.child({ workspace: c.workspaceId, command: "forget" });
  const say = privateAnswer(deps, c.respond, log, "answering /triage forget");
  if (!(await deps.admins.isAdmin(client, c.userId, log))) {
    say(deps.admins.refusal("forget a person or a domain"));
    return;
  }
  if (c.text.trim() === "") {
    say(FORGET_USAGE);
    return;
  }
  try {
    const subject = erasureSubject(c.text);
    const counts = await deps.erasure.forget(subject, c.workspaceId, c.userId);
    log.info({ subjectKind: subject.kind, ...counts }, "forgotten on request");
    const name = subject.kind === "email" ? subject.email : subject.domain;
    say(erasureSummary(escapeMrkdwn(name), counts, "in this workspace"));
  } catch (e) {
    if (e instanceof UserError) {
      say(`${escapeMrkdwn(e.message)}. ${FORGET_USAGE}`);
      return;
    }
    log.error({ err: errorSummary(e) }, "forget failed");
    say(
      "Sorry, I could not finish forgetting that: nothing is half-done (it is one transaction). Please try again in a minute.",
    );
  }
}
