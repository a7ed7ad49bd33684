import type { Repositories } from "./ports/index.js";

/** Slack retries an event for minutes; a day of event ids is ample for dedupe. */
const EVENT_ID_KEEP_MS = 24 * 3_600_000;
/** Settled inbound leads are kept a week (a sender's retry within it is still recognised as the same lead), and
 * delivered outbound events as long. */
const INBOUND_KEEP_MS = 7 * 24 * 3_600_000;

export interface RetentionResult {
  textsPurged: number;
  eventIdsPurged: number;
  /** "Add to Slack" flows nobody finished. */
  oauthStatesPurged: number;
  /** Inbound leads posted or given up more than a week ago (their checks stay). */
  inboundPurged: number;
  /** Outbound events delivered more than a week ago. */
  outboundPurged: number;
}

/** Drops lead text past each check's retention date, event ids past the retry window and
 * unfinished installs' OAuth states, and inbound leads and outbound events settled a week ago. Idempotent, and
 * safe on several instances at once (each is one UPDATE or DELETE). */
export async function runRetention(
  store: Pick<Repositories, "checks" | "events" | "inbound" | "oauthStates" | "outbound">,
  now = new Date(),
): Promise<RetentionResult> {
  const textsPurged = await store.checks.purgeExpiredText(now);
  const eventIdsPurged = await store.events.purgeOlderThan(new Date(now.getTime() - EVENT_ID_KEEP_MS));
  const oauthStatesPurged = await store.oauthStates.purgeExpired(now);
  const inboundPurged = await store.inbound.purge(new Date(now.getTime() - INBOUND_KEEP_MS));
  const outboundPurged = await store.outbound.purge(new Date(now.getTime() - INBOUND_KEEP_MS));
  return { textsPurged, eventIdsPurged, oauthStatesPurged, inboundPurged, outboundPurged };
}
