import type { Store } from "../store/index.js";

/** Slack retries an event for minutes; a day of event ids is ample for dedupe. */
const EVENT_ID_KEEP_MS = 24 * 3_600_000;

export interface RetentionResult {
  textsPurged: number;
  eventIdsPurged: number;
  /** "Add to Slack" flows nobody finished. */
  oauthStatesPurged: number;
}

/** Drops lead text past each check's retention date, event ids past the retry window and
 * unfinished installs' OAuth states. Idempotent, and
 * safe on several instances at once (each is one UPDATE or DELETE). */
export async function runRetention(store: Store, now = new Date()): Promise<RetentionResult> {
  const textsPurged = await store.checks.purgeExpiredText(now);
  const eventIdsPurged = await store.events.purgeOlderThan(new Date(now.getTime() - EVENT_ID_KEEP_MS));
  const oauthStatesPurged = await store.oauthStates.purgeExpired(now);
  return { textsPurged, eventIdsPurged, oauthStatesPurged };
}
