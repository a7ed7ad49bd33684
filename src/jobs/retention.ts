import { schedule } from "node-cron";
import { errorSummary, type Logger } from "../logger.js";
import type { RetentionResult } from "../services/retention.js";

/** Runs retention at start and every night at 03:17 (an off-minute, so instances do not all hit the
 * database at the top of the hour). Returns a stop function. */
export function scheduleRetention(run: () => Promise<RetentionResult>, logger: Logger): () => void {
  const tick = async () => {
    try {
      logger.info(await run(), "retention done");
    } catch (e) {
      logger.error({ err: errorSummary(e) }, "retention failed");
    }
  };
  void tick();
  const task = schedule("17 3 * * *", tick, { name: "retention" });
  return () => {
    void task.stop();
  };
}
