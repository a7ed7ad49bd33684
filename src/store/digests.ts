import type { DecisionCounts } from "../domain/checks.js";
import type { Decision } from "../domain/personas/verdict.js";
import type { PrismaClient } from "./generated/client.js";

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

/** Marks a claim as failed for good (the app is not in the channel): not retried every minute. */
export async function failDigestRun(prisma: PrismaClient, runId: string): Promise<void> {
  await prisma.digestRun.updateMany({ where: { id: runId, status: "claimed" }, data: { status: "failed" } });
}

export interface DigestSubscriptionRow {
  workspaceId: string;
  channelId: string;
  schedule: string;
  timezone: string;
  createdBy: string | null;
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
    update: { ...(schedule ?? {}) },
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
} as const;

export async function listDigestSubscriptions(
  prisma: PrismaClient,
  workspaceId?: string,
): Promise<DigestSubscriptionRow[]> {
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

/** What a digest needs for one workspace and the week [from, to), in a handful of aggregate queries. */
export async function digestNumbers(prisma: PrismaClient, workspaceId: string, from: Date, to: Date) {
  const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
  const monthAgo = new Date(to.getTime() - 30 * 86_400_000);
  const [week, previousWeek, topRules, reasons, awaiting, suggestions] = await Promise.all([
    countsBetween(prisma, workspaceId, from, to),
    countsBetween(prisma, workspaceId, previousFrom, from),
    prisma.$queryRaw<{ rule: string; checks: bigint; won: bigint; lost: bigint }[]>`
      SELECT r.rule, count(*) AS checks,
        count(*) FILTER (WHERE o."kind" = 'won') AS won,
        count(*) FILTER (WHERE o."kind" IN ('lost', 'disqualified')) AS lost
      FROM "Check" c CROSS JOIN LATERAL unnest(c."matchedRules") AS r(rule)
      LEFT JOIN "Outcome" o ON o."checkId" = c."id" AND o."isCurrent"
      WHERE c."workspaceId" = ${workspaceId} AND c."createdAt" >= ${from} AND c."createdAt" < ${to}
      GROUP BY r.rule ORDER BY checks DESC, r.rule LIMIT 5`,
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
  ]);
  return {
    week,
    previousWeek,
    topRules: topRules.map((r) => ({
      rule: r.rule,
      checks: Number(r.checks),
      won: Number(r.won),
      lost: Number(r.lost),
    })),
    reasons: reasons.map((r) => ({ reason: r.reason, count: Number(r.n), examples: r.examples ?? [] })),
    awaitingOutcome: Number(awaiting[0]?.n ?? 0),
    pendingSuggestions: suggestions,
  };
}
