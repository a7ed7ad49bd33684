import type { WebClient } from "@slack/web-api";
import { errorSummary, type Logger } from "../logger.js";
import type { DigestService, DueDigest } from "../services/digests.js";
import { digestMessage } from "./views/digest.js";

/** Slack errors that retrying every minute cannot fix: the claim is marked failed instead of released. */
const PERMANENT = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "invalid_auth",
  "account_inactive",
]);

function slackError(e: unknown): string | undefined {
  const data = (e as { data?: { error?: unknown } }).data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/** Posts one digest exactly once: claim first (the database decides between instances and double ticks),
 * post, then record the message. A failed post releases the claim so the next tick retries it; an error no
 * retry fixes (the app was removed from the channel) marks it failed. Resolves to the posted ts, if any. */
export async function postDigest(
  digests: DigestService,
  client: WebClient,
  due: Pick<DueDigest, "workspaceId" | "channelId" | "period"> & { to: Date },
  logger: Logger,
): Promise<{ posted: true; ts: string } | { posted: false; why: "taken" | "failed"; error?: string }> {
  const log = logger.child({ workspace: due.workspaceId, channel: due.channelId, period: due.period });
  const runId = await digests.claim(due);
  if (runId === undefined) return { posted: false, why: "taken" };
  try {
    const message = digestMessage(await digests.data(due.workspaceId, due.to));
    const res = await client.chat.postMessage({ channel: due.channelId, ...message, unfurl_links: false });
    if (!res.ts) throw new Error("chat.postMessage returned no ts");
    await digests.complete(runId, res.ts);
    log.info({ ts: res.ts }, "digest posted");
    return { posted: true, ts: res.ts };
  } catch (e) {
    const error = slackError(e);
    if (error && PERMANENT.has(error)) {
      await digests.fail(runId).catch(() => undefined);
      log.warn({ error }, "digest not posted and not retried");
    } else {
      await digests.release(runId).catch(() => undefined);
      log.error({ err: errorSummary(e) }, "digest post failed; released for the next tick");
    }
    return { posted: false, why: "failed", ...(error ? { error } : {}) };
  }
}

/** One tick: every digest due now (or missed within the grace period) is posted once. */
export async function sendDueDigests(
  digests: DigestService,
  client: WebClient,
  logger: Logger,
  now = new Date(),
): Promise<{ due: number; posted: number }> {
  const due = await digests.due(now);
  let posted = 0;
  for (const d of due) {
    const result = await postDigest(digests, client, { ...d, to: d.occurrence }, logger);
    if (result.posted) posted++;
  }
  return { due: due.length, posted };
}
