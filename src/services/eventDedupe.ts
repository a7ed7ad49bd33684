import { errorSummary, type Logger } from "../logger.js";
import type { Repositories } from "./ports/index.js";
import type { RecentKeys } from "./recentKeys.js";

/** Slack retries an event it thinks failed, and a replayed request must not get a second answer: the first
 * delivery of an event id wins, decided by the database so several instances agree. While the database is
 * away, this process's memory decides (logged), so the rep still gets an answer. */
export class EventDedupe {
  constructor(
    private readonly events: Repositories["events"],
    private readonly recent: RecentKeys,
    private readonly logger: Logger,
  ) {}

  async isFirstDelivery(eventId: string | undefined): Promise<boolean> {
    if (eventId === undefined) return true;
    if (!this.recent.add(eventId)) return false;
    try {
      return await this.events.markProcessed(eventId);
    } catch (e) {
      this.logger.warn(
        { err: errorSummary(e), eventId },
        "event dedupe store unavailable; deduplicating in this process",
      );
      return true;
    }
  }
}
