import type { PriorCheck, PriorOutcome } from "../domain/memory/history.js";
import type { PrismaClient } from "./generated/client.js";

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };
type Prior = { count: number; first: Date; latest: PriorCheck };

interface HistoryRow {
  personCount: number;
  personFirst: Date | null;
  personLatest: Json<PriorCheck> | null;
  companyCount: number;
  companyFirst: Date | null;
  companyLatest: Json<PriorCheck> | null;
  companyOutcome: Json<PriorOutcome> | null;
  companyWon: boolean;
}

function prior(count: number, first: Date | null, latest: Json<PriorCheck> | null): Prior | undefined {
  if (Number(count) === 0 || first === null || latest === null) return undefined;
  return {
    count: Number(count),
    first: new Date(first),
    latest: { ...latest, createdAt: new Date(latest.createdAt) },
  };
}

/** What a workspace's earlier checks know of a person (by key) and a company (by key), in one round trip: the
 * verdict waits on it, and the embedded database serves one query at a time. Each part reads its
 * (workspaceId, key, createdAt) index; a null key reads nothing. */
export async function priorChecks(
  prisma: PrismaClient,
  workspaceId: string,
  personKey: string | null,
  companyKey: string | null,
  /** Only checks made before this (the history a past verdict was shown); null: all. */
  before: Date | null = null,
): Promise<{ person?: Prior; company?: Prior & { outcome?: PriorOutcome; customer: boolean } }> {
  const [row] = await prisma.$queryRaw<HistoryRow[]>`
    WITH p AS (
      SELECT "id", "createdAt", "userId", "decision", "channelId", "messageTs" FROM "Check"
      WHERE ${personKey}::text IS NOT NULL AND "workspaceId" = ${workspaceId} AND "personKey" = ${personKey}
        AND (${before}::timestamptz IS NULL OR "createdAt" < ${before}::timestamptz)
    ), c AS (
      SELECT "id", "createdAt", "userId", "decision", "channelId", "messageTs" FROM "Check"
      WHERE ${companyKey}::text IS NOT NULL AND "workspaceId" = ${workspaceId} AND "companyKey" = ${companyKey}
        AND (${before}::timestamptz IS NULL OR "createdAt" < ${before}::timestamptz)
    ), co AS (
      SELECT o."kind", o."reason", o."userId", o."createdAt", c."channelId", c."messageTs"
      FROM "Outcome" o JOIN c ON c."id" = o."checkId"
      WHERE o."isCurrent" AND (${before}::timestamptz IS NULL OR o."createdAt" < ${before}::timestamptz)
    )
    SELECT
      (SELECT count(*)::int FROM p) AS "personCount",
      (SELECT min("createdAt") FROM p) AS "personFirst",
      (SELECT row_to_json(l) FROM (SELECT * FROM p ORDER BY "createdAt" DESC LIMIT 1) l) AS "personLatest",
      (SELECT count(*)::int FROM c) AS "companyCount",
      (SELECT min("createdAt") FROM c) AS "companyFirst",
      (SELECT row_to_json(l) FROM (SELECT * FROM c ORDER BY "createdAt" DESC LIMIT 1) l) AS "companyLatest",
      (SELECT row_to_json(l) FROM (SELECT * FROM co ORDER BY "createdAt" DESC LIMIT 1) l) AS "companyOutcome",
      EXISTS (SELECT 1 FROM co WHERE "kind" = 'won') AS "companyWon"`;
  if (row === undefined) return {};
  const person = prior(row.personCount, row.personFirst, row.personLatest);
  const company = prior(row.companyCount, row.companyFirst, row.companyLatest);
  const outcome = row.companyOutcome;
  return {
    ...(person ? { person } : {}),
    ...(company
      ? {
          company: {
            ...company,
            ...(outcome ? { outcome: { ...outcome, createdAt: new Date(outcome.createdAt) } } : {}),
            customer: row.companyWon === true,
          },
        }
      : {}),
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
