/** The Slack event ids already handled, so a retried delivery is handled once. */
export interface EventRepository {
  /** True the first time an id is marked, false for a repeat. */
  markProcessed(eventId: string): Promise<boolean>;
  purgeOlderThan(olderThan: Date): Promise<number>;
}
