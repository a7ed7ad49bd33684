import type { RuleStat } from "../services/ports/index.js";
import type { PrismaClient } from "./generated/client.js";

/** How often each rule fired on a workspace's checks in [from, to), and how those leads ended: one
 * aggregate over the matched-rule arrays. The most frequent first; `limit` bounds the list. */
export async function ruleStats(
  prisma: PrismaClient,
  workspaceId: string,
  from: Date,
  to: Date,
  limit = 1_000,
): Promise<RuleStat[]> {
  const rows = await prisma.$queryRaw<{ rule: string; checks: bigint; won: bigint; lost: bigint }[]>`
    SELECT r.rule, count(*) AS checks,
      count(*) FILTER (WHERE o."kind" = 'won') AS won,
      count(*) FILTER (WHERE o."kind" IN ('lost', 'disqualified')) AS lost
    FROM "Check" c CROSS JOIN LATERAL unnest(c."matchedRules") AS r(rule)
    LEFT JOIN "Outcome" o ON o."checkId" = c."id" AND o."isCurrent"
    WHERE c."workspaceId" = ${workspaceId} AND c."createdAt" >= ${from} AND c."createdAt" < ${to}
    GROUP BY r.rule ORDER BY checks DESC, r.rule LIMIT ${limit}`;
  return rows.map((r) => ({
    rule: r.rule,
    checks: Number(r.checks),
    won: Number(r.won),
    lost: Number(r.lost),
  }));
}
