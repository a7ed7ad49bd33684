import { schedule } from "node-cron";
import { errorSummary, type Logger } from "../logger.js";

/** Refreshes every workspace's rule suggestions weekly (Mondays 06:23 UTC, before the working week and off
 * the hour), so the Home tab shows what the past week's outcomes taught. Returns a stop function. */
export function scheduleRefinement(
  run: () => Promise<{ workspaces: number; withSuggestions: number }>,
  logger: Logger,
): () => void {
  const task = schedule(
    "23 6 * * 1",
    async () => {
      try {
        logger.info(await run(), "weekly refinement done");
      } catch (e) {
        logger.error({ err: errorSummary(e) }, "weekly refinement failed");
      }
    },
    { name: "refinement", noOverlap: true },
  );
  return () => {
    void task.stop();
  };
}
