import type { DigestData } from "../domain/digest/data.js";
import {
  DEFAULT_DIGEST_SCHEDULE,
  latestOccurrence,
  periodKey,
  validateSchedule,
} from "../domain/digest/schedule.js";
import { MAX_THEME_TEXTS } from "../domain/digest/themes.js";
import type { DigestSubscription, Repositories } from "./ports/index.js";
import type { ReasonService } from "./reasons.js";
import type { ThemeService } from "./themes.js";

export const DIGEST_GRACE_MS = 24 * 3_600_000;
/** Failed posts in a row before a subscription is paused. */
export const PAUSE_AFTER = 5;
const backoffMs = (failures: number) => Math.min(60, 2 ** failures) * 60_000;
const WEEK_MS = 7 * 86_400_000;

/** A digest whose time has come: one channel, one scheduled occurrence. */
export interface DueDigest {
  workspaceId: string;
  channelId: string;
  period: string;
  occurrence: Date;
  /** The previous occurrence: the digest covers [since, occurrence), so consecutive digests neither overlap
   * nor leave gaps, across daylight-saving changes too. */
  since: Date;
}

/** Weekly digests: subscriptions with their own schedule and timezone, what is due now (or was missed
 * while the app was down, within the grace period, never older), and the week's numbers. Posting is the
 * Slack side's; exactly-once is the store's claim. */
export class DigestService {
  constructor(
    private readonly store: Pick<Repositories, "digests" | "workspaces">,
    private readonly reasons: ReasonService,
    /** The optional LLM's grouping of reps' words into themes; absent: no themes section. */
    private readonly themes?: ThemeService,
    private readonly graceMs = DIGEST_GRACE_MS,
  ) {}

  async subscribe(
    workspaceId: string,
    channelId: string,
    by: string,
    schedule: string | undefined,
    timezone: string,
  ): Promise<{ schedule: string; timezone: string }> {
    // A schedule it cannot run on is a ScheduleError, a UserError the rep reads as it is.
    const valid = validateSchedule(schedule ?? DEFAULT_DIGEST_SCHEDULE, timezone);
    await this.store.workspaces.settings(workspaceId);
    await this.store.digests.subscribe(workspaceId, channelId, by, { schedule: valid, timezone });
    return { schedule: valid, timezone };
  }

  unsubscribe(workspaceId: string, channelId: string): Promise<boolean> {
    return this.store.digests.unsubscribe(workspaceId, channelId);
  }

  list(workspaceId: string): Promise<DigestSubscription[]> {
    return this.store.digests.list(workspaceId);
  }

  /** Every subscription whose latest scheduled time falls within the grace period before `now`. Whether it
   * was posted already is the claim's to say. */
  async due(now: Date): Promise<DueDigest[]> {
    const subscriptions = await this.store.digests.list();
    return subscriptions.flatMap((s) => {
      if (s.pausedAt !== null || (s.retryAfter !== null && s.retryAfter > now)) return [];
      let occurrence: Date | undefined;
      let previous: Date | undefined;
      try {
        occurrence = latestOccurrence(s.schedule, s.timezone, now, this.graceMs);
        if (occurrence)
          previous = latestOccurrence(
            s.schedule,
            s.timezone,
            new Date(occurrence.getTime() - 60_000),
            WEEK_MS + 86_400_000,
          );
      } catch {
        return []; // A schedule that no longer parses (validated when saved) is skipped, not fatal.
      }
      if (occurrence === undefined) return [];
      return [
        {
          workspaceId: s.workspaceId,
          channelId: s.channelId,
          period: periodKey(occurrence),
          occurrence,
          since: previous ?? new Date(occurrence.getTime() - WEEK_MS),
        },
      ];
    });
  }

  claim(d: Pick<DueDigest, "workspaceId" | "channelId" | "period">): Promise<string | undefined> {
    return this.store.digests.claim(d.workspaceId, d.channelId, d.period);
  }

  complete(runId: string, messageTs: string): Promise<void> {
    return this.store.digests.complete(runId, messageTs);
  }

  release(runId: string): Promise<void> {
    return this.store.digests.release(runId);
  }

  /** A failed post: the subscription backs off (2, 4, 8… minutes, at most an hour) and is paused after
   * PAUSE_AFTER failures in a row. Resolves to whether it is paused now. */
  recordFailure(workspaceId: string, channelId: string, error: string, now = new Date()): Promise<boolean> {
    return this.store.digests.recordFailure(workspaceId, channelId, error, now, backoffMs, PAUSE_AFTER);
  }

  recordSuccess(workspaceId: string, channelId: string): Promise<void> {
    return this.store.digests.recordSuccess(workspaceId, channelId);
  }

  /** The numbers of the period [from, to) (by default the 7 days before `to`), with reasons in the
   * workspace's words and, with the optional LLM, the themes in reps' words (this waits on the model). */
  async data(workspaceId: string, to: Date, from = new Date(to.getTime() - WEEK_MS)): Promise<DigestData> {
    const [numbers, taxonomy, words] = await Promise.all([
      this.store.digests.numbers(workspaceId, from, to),
      this.reasons.taxonomy(workspaceId),
      this.themes ? this.store.digests.reasonWords(workspaceId, from, to, MAX_THEME_TEXTS) : [],
    ]);
    const themes = this.themes && numbers.week.total > 0 ? await this.themes.themes(words) : [];
    return {
      from,
      to,
      ...numbers,
      ...(themes.length > 0 ? { themes } : {}),
      reasons: numbers.reasons.map((r) => ({
        label: r.reason ? taxonomy.label(r.reason) : "No reason given",
        count: r.count,
        examples: r.examples,
      })),
    };
  }
}
