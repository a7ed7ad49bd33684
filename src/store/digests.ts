import type { DecisionCounts } from "../domain/checks.js";
import type { Decision } from "../domain/personas/verdict.js";
import type { DigestNumbers, DigestSubscription } from "../services/ports/digests.js";
import type { PrismaClient } from "./generated/client.js";
import { ruleStats } from "./ruleStats.js";

/** Weeks in the digest's trend chart. */
const TREND_WEEKS = 8;

/** A claim older than this without a posted message belongs to an instance that died mid-post. */
const STALE_CLAIM_MS = 10 * 60_000;

/** Claims the digest of one channel for one period. Exactly one caller wins, whichever instance it runs
 * on: the unique (channel, period) key decides. A claim left by a crashed instance (claimed, never posted,
 * older than ten minutes) can be taken over. Returns the run id, or undefined when it is taken or posted. */
export async function claimDigestRun(
  prisma: PrismaClient,
  workspaceId: string,
  channelId: string,
  period: string,
): Promise<string | undefined> {
  const stale = new Date(Date.now() - STALE_CLAIM_MS);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "DigestRun" ("id", "workspaceId", "channelId", "period")
    VALUES (gen_random_uuid(), ${workspaceId}, ${channelId}, ${period})
    ON CONFLICT ("channelId", "period") DO UPDATE SET "claimedAt" = CURRENT_TIMESTAMP
      WHERE "DigestRun"."status" = 'claimed' AND "DigestRun"."claimedAt" < ${stale}
    RETURNING "id"`;
  return rows[0]?.id;
}

export async function completeDigestRun(
  prisma: PrismaClient,
  runId: string,
  messageTs: string,
): Promise<void> {
  await prisma.digestRun.update({ where: { id: runId }, data: { status: "posted", messageTs } });
}

/** Gives a claim back after a failed post, so the next tick retries it (within the grace period). */
export async function releaseDigestRun(prisma: PrismaClient, runId: string): Promise<void> {
  await prisma.digestRun.deleteMany({ where: { id: runId, status: "claimed" } });
}

/** A failed post: counted on the subscription, which waits `backoffMs` before the next try and is paused
 * once `pauseAfter` posts in a row have failed. Resolves to whether it is paused now. */
export async function recordDigestFailure(
  prisma: PrismaClient,
  workspaceId: string,
  channelId: string,
  error: string,
  now: Date,
  backoffMs: (failures: number) => number,
  pauseAfter: number,
): Promise<boolean> {
  const sub = await prisma.digestSubscription.findUnique({
    where: { workspaceId_channelId: { workspaceId, channelId } },
    select: { failures: true },
  });
  if (sub === null) return false;
  const failures = sub.failures + 1;
  const paused = failures >= pauseAfter;
  await prisma.digestSubscription.update({
    where: { workspaceId_channelId: { workspaceId, channelId } },
    data: {
      failures,
      lastError: error.slice(0, 200),
      retryAfter: new Date(now.getTime() + backoffMs(failures)),
      ...(paused ? { pausedAt: now } : {}),
    },
  });
  return paused;
}

export async function recordDigestSuccess(prisma: PrismaClient, workspaceId: string, channelId: string) {
  await prisma.digestSubscription.updateMany({
    where: { workspaceId, channelId, failures: { gt: 0 } },
    data: { failures: 0, lastError: null, retryAfter: null },
  });
}

/** Subscribes a channel, or changes its schedule. */
export async function subscribeDigest(
  prisma: PrismaClient,
  workspaceId: string,
  channelId: string,
  by?: string,
  schedule?: { schedule: string; timezone: string },
) {
  await prisma.digestSubscription.upsert({
    where: { workspaceId_channelId: { workspaceId, channelId } },
    create: { workspaceId, channelId, createdBy: by ?? null, ...(schedule ?? {}) },
    // Subscribing again is also how a paused subscription is resumed.
    update: { ...(schedule ?? {}), failures: 0, lastError: null, retryAfter: null, pausedAt: null },
  });
}

export async function unsubscribeDigest(prisma: PrismaClient, workspaceId: string, channelId: string) {
  const removed = await prisma.digestSubscription.deleteMany({ where: { workspaceId, channelId } });
  return removed.count > 0;
}

export async function digestSubscriptions(prisma: PrismaClient, workspaceId: string): Promise<string[]> {
  const rows = await prisma.digestSubscription.findMany({
    where: { workspaceId },
    select: { channelId: true },
  });
  return rows.map((r) => r.channelId);
}

const subscriptionColumns = {
  workspaceId: true,
  channelId: true,
  schedule: true,
  timezone: true,
  createdBy: true,
  failures: true,
  lastError: true,
  retryAfter: true,
  pausedAt: true,
} as const;

export async function listDigestSubscriptions(
  prisma: PrismaClient,
  workspaceId?: string,
): Promise<DigestSubscription[]> {
  return prisma.digestSubscription.findMany({
    ...(workspaceId ? { where: { workspaceId } } : {}),
    orderBy: [{ workspaceId: "asc" }, { channelId: "asc" }],
    select: subscriptionColumns,
  });
}

async function countsBetween(
  prisma: PrismaClient,
  workspaceId: string,
  from: Date,
  to: Date,
): Promise<DecisionCounts> {
  const rows = await prisma.$queryRaw<{ decision: string; n: bigint; risk: number | null }[]>`
    SELECT "decision", count(*) AS n, avg("risk")::float8 AS risk FROM "Check"
    WHERE "workspaceId" = ${workspaceId} AND "createdAt" >= ${from} AND "createdAt" < ${to}
    GROUP BY "decision"`;
  const byDecision: Partial<Record<Decision, number>> = {};
  let total = 0;
  let riskSum = 0;
  for (const r of rows) {
    const n = Number(r.n);
    byDecision[r.decision as Decision] = n;
    total += n;
    riskSum += (r.risk ?? 0) * n;
  }
  return { total, byDecision, averageRisk: total === 0 ? null : Math.round(riskSum / total) };
}

/** What reps wrote about leads lost or disqualified in [from, to), newest first: the digest's themes. */
export async function reasonWords(
  prisma: PrismaClient,
  workspaceId: string,
  from: Date,
  to: Date,
  limit: number,
): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ words: string }[]>`
    SELECT o."repWords" AS words
    FROM "Outcome" o JOIN "Check" c ON c."id" = o."checkId"
    WHERE c."workspaceId" = ${workspaceId} AND o."isCurrent" AND o."userId" IS NOT NULL
      AND o."repWords" IS NOT NULL AND o."kind" IN ('lost', 'disqualified')
      AND o."createdAt" >= ${from} AND o."createdAt" < ${to}
    ORDER BY o."createdAt" DESC
    LIMIT ${limit}`;
  return rows.map((r) => r.words);
}

/** What a digest needs for one workspace and the week [from, to), in a handful of aggregate queries. */
export async function digestNumbers(
  prisma: PrismaClient,
  workspaceId: string,
  from: Date,
  to: Date,
): Promise<DigestNumbers> {
  const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
  const monthAgo = new Date(to.getTime() - 30 * 86_400_000);
  // The trend is in calendar-length weeks ending at `to`, whatever the digest's own period.
  const weekMs = 7 * 86_400_000;
  const trendFrom = new Date(to.getTime() - TREND_WEEKS * weekMs);
  const [week, previousWeek, topRules, reasons, awaiting, suggestions, trend] = await Promise.all([
    countsBetween(prisma, workspaceId, from, to),
    countsBetween(prisma, workspaceId, previousFrom, from),
    ruleStats(prisma, workspaceId, from, to, 5),
    prisma.$queryRaw<{ reason: string | null; n: bigint; examples: string[] | null }[]>`
      SELECT o."reason", count(*) AS n,
        (array_agg(o."repWords" ORDER BY o."createdAt" DESC) FILTER (WHERE o."repWords" IS NOT NULL))[1:2] AS examples
      FROM "Outcome" o JOIN "Check" c ON c."id" = o."checkId"
      WHERE c."workspaceId" = ${workspaceId} AND o."isCurrent" AND o."userId" IS NOT NULL
        AND o."kind" IN ('lost', 'disqualified') AND o."createdAt" >= ${from} AND o."createdAt" < ${to}
      GROUP BY o."reason" ORDER BY n DESC, o."reason" LIMIT 5`,
    prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Check" c
      WHERE c."workspaceId" = ${workspaceId} AND c."messageTs" IS NOT NULL
        AND c."createdAt" >= ${monthAgo} AND c."createdAt" < ${to}
        AND NOT EXISTS (SELECT 1 FROM "Outcome" o WHERE o."checkId" = c."id")`,
    prisma.suggestion.count({ where: { workspaceId, status: "open" } }),
    prisma.$queryRaw<{ ago: number; decision: string; n: bigint }[]>`
      SELECT floor(extract(epoch FROM (${to}::timestamptz - "createdAt")) * 1000 / ${weekMs})::int AS ago,
        "decision", count(*) AS n
      FROM "Check"
      WHERE "workspaceId" = ${workspaceId} AND "createdAt" >= ${trendFrom} AND "createdAt" < ${to}
      GROUP BY ago, "decision"`,
  ]);
  const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => ({
    weekStart: new Date(to.getTime() - (TREND_WEEKS - i) * weekMs),
    byDecision: {} as Partial<Record<Decision, number>>,
  }));
  for (const r of trend) {
    const slot = weeks[TREND_WEEKS - 1 - Number(r.ago)];
    if (slot) slot.byDecision[r.decision as Decision] = Number(r.n);
  }
  return {
    week,
    previousWeek,
    topRules,
    reasons: reasons.map((r) => ({ reason: r.reason, count: Number(r.n), examples: r.examples ?? [] })),
    awaitingOutcome: Number(awaiting[0]?.n ?? 0),
    pendingSuggestions: suggestions,
    trend: weeks,
  };
}
