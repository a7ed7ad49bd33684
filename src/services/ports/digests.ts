import type { DigestData } from "../../domain/digest/data.js";

/** A channel's digest subscription and how its last posts went. */
export interface DigestSubscription {
  workspaceId: string;
  channelId: string;
  schedule: string;
  timezone: string;
  createdBy: string | null;
  failures: number;
  lastError: string | null;
  retryAfter: Date | null;
  pausedAt: Date | null;
}

/** A digest's numbers as counted, before the reasons are named in the workspace's words. */
export type DigestNumbers = Omit<DigestData, "from" | "to" | "reasons" | "themes"> & {
  reasons: { reason: string | null; count: number; examples: string[] }[];
};

/** The weekly digest: who subscribed, which runs were posted, and the numbers it tells. */
export interface DigestRepository {
  /** Claims one channel's digest for one period: exactly one caller, on any instance, gets the run id. */
  claim(workspaceId: string, channelId: string, period: string): Promise<string | undefined>;
  complete(runId: string, messageTs: string): Promise<void>;
  /** Gives a claim back after a failed post, so the next tick retries it. */
  release(runId: string): Promise<void>;
  /** A failed post: the subscription waits `backoffMs` and is paused after `pauseAfter` failures in a row.
   * Resolves to whether it is paused now. */
  recordFailure(
    workspaceId: string,
    channelId: string,
    error: string,
    now: Date,
    backoffMs: (failures: number) => number,
    pauseAfter: number,
  ): Promise<boolean>;
  recordSuccess(workspaceId: string, channelId: string): Promise<void>;
  /** Subscribes a channel, changes its schedule, or resumes it when paused. */
  subscribe(
    workspaceId: string,
    channelId: string,
    by?: string,
    schedule?: { schedule: string; timezone: string },
  ): Promise<void>;
  /** False when the channel was not subscribed. */
  unsubscribe(workspaceId: string, channelId: string): Promise<boolean>;
  /** The channels subscribed in a workspace. */
  subscriptions(workspaceId: string): Promise<string[]>;
  /** Every subscription (of one workspace, when given). */
  list(workspaceId?: string): Promise<DigestSubscription[]>;
  /** The numbers of [from, to), the period before it and the eight weeks' trend. */
  numbers(workspaceId: string, from: Date, to: Date): Promise<DigestNumbers>;
  /** What reps wrote about leads lost or disqualified in [from, to), newest first. */
  reasonWords(workspaceId: string, from: Date, to: Date, limit: number): Promise<string[]>;
}
