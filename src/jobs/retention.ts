import { schedule } from "node-cron";
import { errorSummary, type Logger } from "../logger.js";
import { purgeExpiredText } from "../store/checks.js";
import { purgeProcessedEvents } from "../store/events.js";
import type { PrismaClient } from "../store/generated/client.js";

/** Slack retries an event for minutes; a day of event ids is ample for dedupe. */
const EVENT_ID_KEEP_MS = 24 * 3_600_000;

export interface RetentionResult {
  textsPurged: number;
  eventIdsPurged: number;
}

/** Drops lead text past each check's retention date, and event ids past the retry window. Idempotent, and
 * safe on several instances at once (each is one UPDATE or DELETE). */
export async function runRetention(prisma: PrismaClient, now = new Date()): Promise<RetentionResult> {
  const textsPurged = await purgeExpiredText(prisma, now);
  const eventIdsPurged = await purgeProcessedEvents(prisma, new Date(now.getTime() - EVENT_ID_KEEP_MS));
  return { textsPurged, eventIdsPurged };
}

/** Runs retention at start and every night at 03:17 (an off-minute, so instances do not all hit the
 * database at the top of the hour). Returns a stop function. */
export function scheduleRetention(prisma: PrismaClient, logger: Logger): () => void {
  const run = async () => {
    try {
      logger.info(await runRetention(prisma), "retention done");
    } catch (e) {
      logger.error({ err: errorSummary(e) }, "retention failed");
    }
  };
  void run();
  const task = schedule("17 3 * * *", run, { name: "retention" });
  return () => {
    void task.stop();
  };
}
