import type { WebClient } from "@slack/web-api";
import { errorSummary, type Logger } from "../logger.js";
import type { DigestService, DueDigest } from "../services/digests.js";
import { trendPng } from "./trendChart.js";
import { digestMessage } from "./views/digest.js";
import { isDeadTokenError, type WorkspaceClients } from "./workspaceClients.js";

function slackError(e: unknown): string | undefined {
  const data = (e as { data?: { error?: unknown } }).data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/** The eight-week chart, uploaded into the digest's thread. A chart that cannot be drawn or uploaded is
 * logged; the digest itself is already out. */
async function attachChart(
  client: WebClient,
  channelId: string,
  ts: string,
  trend: Parameters<typeof trendPng>[0],
  log: Logger,
): Promise<void> {
  try {
    await client.filesUploadV2({
      channel_id: channelId,
      thread_ts: ts,
      file: trendPng(trend),
      filename: "lead-triage-trend.png",
      title: "Checks by decision, last 8 weeks",
    });
  } catch (e) {
    log.warn({ err: errorSummary(e) }, "the digest's chart was not attached");
  }
}

/** Posts one digest exactly once: claim first (the database decides between instances and double ticks),
 * post, then record the message; the chart follows in its thread. A failed post releases the claim and
 * counts against the subscription (back-off, then pause); it never stops other channels. */
export async function postDigest(
  digests: DigestService,
  client: WebClient,
  due: Pick<DueDigest, "workspaceId" | "channelId" | "period"> & { to: Date; from?: Date },
  logger: Logger,
  now = new Date(),
): Promise<{ posted: true; ts: string } | { posted: false; why: "taken" | "failed"; error?: string }> {
  const log = logger.child({ workspace: due.workspaceId, channel: due.channelId, period: due.period });
  const runId = await digests.claim(due);
  if (runId === undefined) return { posted: false, why: "taken" };
  try {
    const data = await digests.data(due.workspaceId, due.to, due.from);
    const res = await client.chat.postMessage({
      channel: due.channelId,
      ...digestMessage(data),
      unfurl_links: false,
    });
    if (!res.ts) throw new Error("chat.postMessage returned no ts");
    await digests.complete(runId, res.ts);
    await digests.recordSuccess(due.workspaceId, due.channelId);
    log.info({ ts: res.ts }, "digest posted");
    if (data.week.total > 0) await attachChart(client, due.channelId, res.ts, data.trend, log);
    return { posted: true, ts: res.ts };
  } catch (e) {
    const error = slackError(e);
    await digests.release(runId).catch(() => undefined);
    // A refused token is the workspace's, not this channel's: it stops every post of the workspace instead.
    const paused = isDeadTokenError(error)
      ? false
      : await digests
          .recordFailure(due.workspaceId, due.channelId, error ?? (e as Error).message ?? "error", now)
          .catch(() => false);
    log.error({ err: errorSummary(e), paused }, "digest post failed; released for a later tick");
    return { posted: false, why: "failed", ...(error ? { error } : {}) };
  }
}

/** Throttle between posts of one tick: Slack allows about one message per second per channel, and a burst
 * of digests should not crowd the workspace's rate limits. */
const POST_SPACING_MS = 1_000;

/** One tick: every digest due now (or missed within the grace period) is posted once, each with its
 * workspace's token; a workspace the app is not installed in (or whose token Slack refused) is skipped. */
export async function sendDueDigests(
  digests: DigestService,
  clients: WorkspaceClients,
  logger: Logger,
  now = new Date(),
  spacingMs = POST_SPACING_MS,
): Promise<{ due: number; posted: number; notInstalled: number }> {
  const due = await digests.due(now);
  let posted = 0;
  let notInstalled = 0;
  for (const d of due) {
    const client = await clients.forWorkspace(d.workspaceId).catch((e: unknown) => {
      logger.error(
        { err: errorSummary(e), workspace: d.workspaceId },
        "could not read the workspace's token",
      );
      return undefined;
    });
    if (client === undefined) {
      notInstalled++;
      continue;
    }
    const result = await postDigest(digests, client, { ...d, to: d.occurrence, from: d.since }, logger, now);
    if (result.posted) {
      posted++;
      if (spacingMs > 0) await new Promise((r) => setTimeout(r, spacingMs));
    } else if (result.why === "failed" && isDeadTokenError(result.error)) {
      await clients.refused(d.workspaceId, result.error as string);
    }
  }
  return { due: due.length, posted, notInstalled };
}
