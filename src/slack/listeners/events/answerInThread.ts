import type { WebClient } from "@slack/web-api";
import { type Target, triageAndDeliver } from "../../deliver.js";
import type { SlackDeps } from "../../deps.js";
import { teamIdOf } from "../../payloads.js";
import { slackToPlain } from "../../text.js";

function eventIdOf(body: unknown): string | undefined {
  const id = (body as { event_id?: unknown }).event_id;
  return typeof id === "string" ? id : undefined;
}

/** Mentions, DMs and form posts all answer in the thread of the message that carried the lead, once per
 * event id (Slack retries). An event without a Slack team id is refused, never filed under a made-up one. */
export function answerInThread(
  deps: SlackDeps,
  client: WebClient,
  body: unknown,
  target: Omit<Target, "respond" | "private" | "workspaceId">,
  team: string | undefined,
  text: string,
): void {
  const workspaceId = teamIdOf(team, (body as { team_id?: unknown }).team_id);
  if (workspaceId === undefined) {
    deps.logger.warn({ kind: target.inputKind }, "event without a Slack team id ignored");
    return;
  }
  const eventId = eventIdOf(body);
  deps.work.push(async () => {
    // Only events the app acts on are recorded for retry dedupe.
    if (!(await deps.dedupe.isFirstDelivery(eventId))) {
      deps.logger.info({ eventId }, "duplicate event delivery ignored");
      return;
    }
    await triageAndDeliver(deps, client, { ...target, workspaceId }, slackToPlain(text));
  });
}
