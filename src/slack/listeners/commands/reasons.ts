import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { UserError } from "../../../domain/errors.js";
import { errorSummary } from "../../../logger.js";
import type { SlackDeps } from "../../deps.js";
import { privateAnswer } from "../../reply.js";
import { escapeMrkdwn } from "../../text.js";
import { REASONS_USAGE, reasonsMessage } from "../../views/reasons.js";

/** What `/triage reasons …` asks for. */
export type ReasonsRequest =
  | { action: "list" }
  | { action: "add"; label: string; words: string[] }
  | { action: "rename"; which: string; label: string }
  | { action: "usage" };

/** `reasons` | `reasons add <label>[: word, word]` | `reasons rename <reason> to <new label>` */
export function reasonsRequest(rest: string): ReasonsRequest {
  const text = rest.trim();
  if (text === "" || /^list$/i.test(text)) return { action: "list" };
  const add = /^add\s+([^:]+?)\s*(?::\s*([\s\S]*))?$/i.exec(text);
  if (add) {
    const words = (add[2] ?? "").split(/[,;]/).map((w) => w.trim());
    return { action: "add", label: add[1] as string, words: words.filter(Boolean) };
  }
  const rename = /^rename\s+([\s\S]+?)\s+(?:to|=>|->|→)\s+([\s\S]+)$/i.exec(text);
  if (rename) return { action: "rename", which: rename[1] as string, label: rename[2] as string };
  return { action: "usage" };
}

/** `/triage reasons …` after the ack: anyone sees the list; only admins add and rename (the refusal names
 * who can). Answers are private to the rep. */
export async function answerReasonsCommand(
  deps: SlackDeps,
  client: WebClient,
  c: { workspaceId: string; userId: string; respond: RespondFn; request: ReasonsRequest },
): Promise<void> {
  const log = deps.logger.child({ workspace: c.workspaceId, command: `reasons ${c.request.action}` });
  const say = privateAnswer(deps, c.respond, log, "answering /triage reasons");
  const request = c.request;
  if (request.action === "usage") {
    say({ text: `I didn't follow that. ${REASONS_USAGE}` });
    return;
  }
  try {
    if (request.action === "list") {
      say(reasonsMessage(await deps.reasons.taxonomy(c.workspaceId)));
      return;
    }
    if (!(await deps.admins.isAdmin(client, c.userId, log))) {
      say({ text: deps.admins.refusal("change the list of reasons") });
      return;
    }
    if (request.action === "add") {
      const added = await deps.reasons.add(c.workspaceId, request.label, request.words, c.userId);
      log.info({ reason: added.id }, "reason added");
      say({
        text: `Added *${escapeMrkdwn(added.label)}*. Reps can pick it on the verdict buttons now${added.words.length > 0 ? `, and replies that say ${added.words.map((w) => `“${escapeMrkdwn(w)}”`).join(", ")} map to it` : ""}.`,
      });
      return;
    }
    const { from, change } = await deps.reasons.rename(c.workspaceId, request.which, request.label, c.userId);
    log.info({ reason: change.id }, "reason renamed");
    say({
      text: `Renamed *${escapeMrkdwn(from)}* to *${escapeMrkdwn(change.label)}*. Outcomes already reported keep it, and replies in the old words still map to it.`,
    });
  } catch (e) {
    if (e instanceof UserError) {
      say({ text: e.message });
      return;
    }
    log.error({ err: errorSummary(e) }, "/triage reasons failed");
    say({ text: "Sorry, I couldn't do that just now. Please try again in a minute." });
  }
}
