import type { PriorCheck, PriorOutcome } from "../domain/memory/history.js";
import type { PrismaClient } from "./generated/client.js";

type Summary = { count: number; first: Date | null };

async function priorChecks(
  prisma: PrismaClient,
  workspaceId: string,
  column: "personKey" | "companyKey",
  key: string,
): Promise<{ count: number; first: Date; latest: PriorCheck } | undefined> {
  // Both read the (workspaceId, key, createdAt) index.
  const [summary] =
    column === "personKey"
      ? await prisma.$queryRaw<Summary[]>`
          SELECT count(*)::int AS "count", min("createdAt") AS "first" FROM "Check"
          WHERE "workspaceId" = ${workspaceId} AND "personKey" = ${key}`
      : await prisma.$queryRaw<Summary[]>`
          SELECT count(*)::int AS "count", min("createdAt") AS "first" FROM "Check"
          WHERE "workspaceId" = ${workspaceId} AND "companyKey" = ${key}`;
  if (!summary || Number(summary.count) === 0 || summary.first === null) return undefined;
  const latest = await prisma.check.findFirst({
    where: { workspaceId, [column]: key },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, userId: true, decision: true, channelId: true, messageTs: true },
  });
  if (!latest) return undefined;
  return {
    count: Number(summary.count),
    first: new Date(summary.first),
    latest: { ...latest, decision: latest.decision as PriorCheck["decision"] },
  };
}

/** The same person's earlier checks in a workspace: how many, since when, the latest. */
export function priorChecksOfPerson(prisma: PrismaClient, workspaceId: string, personKey: string) {
  return priorChecks(prisma, workspaceId, "personKey", personKey);
}

/** The same company's earlier checks, the latest outcome reported on any of them, and whether one was won. */
export async function priorChecksOfCompany(prisma: PrismaClient, workspaceId: string, companyKey: string) {
  const checks = await priorChecks(prisma, workspaceId, "companyKey", companyKey);
  if (checks === undefined) return undefined;
  const outcomes = await prisma.$queryRaw<(PriorOutcome & { won: boolean })[]>`
    SELECT o."kind", o."reason", o."userId", o."createdAt", c."channelId", c."messageTs",
      EXISTS (SELECT 1 FROM "Outcome" w JOIN "Check" wc ON wc."id" = w."checkId"
        WHERE wc."workspaceId" = ${workspaceId} AND wc."companyKey" = ${companyKey}
          AND w."isCurrent" AND w."kind" = 'won') AS "won"
    FROM "Outcome" o JOIN "Check" c ON c."id" = o."checkId"
    WHERE c."workspaceId" = ${workspaceId} AND c."companyKey" = ${companyKey} AND o."isCurrent"
    ORDER BY o."createdAt" DESC LIMIT 1`;
  const [latest] = outcomes;
  return {
    ...checks,
    ...(latest
      ? {
          outcome: {
            kind: latest.kind,
            reason: latest.reason,
            userId: latest.userId,
            createdAt: new Date(latest.createdAt),
            channelId: latest.channelId,
            messageTs: latest.messageTs,
          },
        }
      : {}),
    customer: latest?.won === true,
  };
}

/** A secret the app makes for itself once per database: the first caller's value wins, every caller reads it. */
export async function appSecret(prisma: PrismaClient, name: string, make: () => string): Promise<string> {
  await prisma.$executeRaw`
    INSERT INTO "AppSecret" ("name", "value") VALUES (${name}, ${make()}) ON CONFLICT ("name") DO NOTHING`;
  const [row] = await prisma.$queryRaw<
    { value: string }[]
  >`SELECT "value" FROM "AppSecret" WHERE "name" = ${name}`;
  if (row === undefined) throw new Error(`secret ${name} could not be read`);
  return row.value;
}
