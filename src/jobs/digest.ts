import { schedule } from "node-cron";
import { errorSummary, type Logger } from "../logger.js";

/** One tick a minute picks the digests that are due (each subscription has its own schedule and timezone)
 * instead of one cron task per subscription; ticks never overlap. Returns a stop function. */
export function scheduleDigests(
  tick: () => Promise<{ due: number; posted: number }>,
  logger: Logger,
): () => void {
  const task = schedule(
    "* * * * *",
    async () => {
      try {
        const result = await tick();
        if (result.posted > 0) logger.info(result, "digests posted");
      } catch (e) {
        logger.error({ err: errorSummary(e) }, "digest tick failed");
      }
    },
    { name: "digests", noOverlap: true },
  );
  return () => {
    void task.stop();
  };
}
