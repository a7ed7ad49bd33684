import type { OutcomeKind } from "../outcomes/kinds.js";
import type { Decision } from "../personas/verdict.js";

/** An earlier check, as the history shows it: when, by whom, what it was given, and where its verdict is. */
export interface PriorCheck {
  id: string;
  createdAt: Date;
  userId: string | null;
  decision: Decision;
  channelId: string | null;
  messageTs: string | null;
}

/** The latest outcome reported on one of a person's or a company's checks. */
export interface PriorOutcome {
  kind: OutcomeKind;
  reason: string | null;
  userId: string | null;
  createdAt: Date;
  channelId: string | null;
  messageTs: string | null;
}

/** What the workspace knew about a lead before this check: the same person, the same company. */
export interface LeadHistory {
  person?: { count: number; first: Date; latest: PriorCheck; outcome?: PriorOutcome };
  company?: {
    label: string;
    count: number;
    first: Date;
    latest: PriorCheck;
    outcome?: PriorOutcome;
    /** A lead of this company was won: it is a customer. */
    customer: boolean;
  };
}

/** Earlier checks are counted up to this many ("1000+"). */
export const MEMORY_COUNT_CAP = 1_000;

/** "3", or "1000+" at the cap. */
export function countText(count: number): string {
  return count >= MEMORY_COUNT_CAP ? `${MEMORY_COUNT_CAP}+` : String(count);
}

/** The same person checked within this many days is a repeat. */
export const REPEAT_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;

/** The earlier check this one repeats (the same person within the window), if any. */
export function repeatedCheck(history: LeadHistory, now: Date): PriorCheck | undefined {
  const latest = history.person?.latest;
  return latest && now.getTime() - latest.createdAt.getTime() <= REPEAT_WINDOW_DAYS * DAY_MS
    ? latest
    : undefined;
}

/** The person's own latest outcome, when the company line does not already show an outcome (a free-mail lead has
 * no company line at all). */
export function personOutcomeToShow(history: LeadHistory): PriorOutcome | undefined {
  return history.company?.outcome ? undefined : history.person?.outcome;
}

export function isEmptyHistory(history: LeadHistory): boolean {
  return history.person === undefined && history.company === undefined;
}

/** "today", "yesterday", "5 days ago". */
export function daysAgo(then: Date, now: Date): string {
  const days = Math.floor((now.getTime() - then.getTime()) / DAY_MS);
  return days <= 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
}

/** "12 Aug", with the year when it is not this one. */
/** Made once: `toLocaleString` builds a new formatter on every call (a third of a millisecond each). */
const MONTH = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" });

export function shortDate(d: Date, now: Date): string {
  const month = MONTH.format(d);
  const year = d.getUTCFullYear() === now.getUTCFullYear() ? "" : ` ${d.getUTCFullYear()}`;
  return `${d.getUTCDate()} ${month}${year}`;
}
