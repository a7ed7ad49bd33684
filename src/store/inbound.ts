import type { ClaimedLead, StoredEndpoint } from "../services/ports/inbound.js";
import { Prisma, type PrismaClient } from "./generated/client.js";

const asEndpoint = (row: {
  id: string;
  workspaceId: string;
  channelId: string;
  sealedSecret: string;
  fieldMap: unknown;
  createdBy: string | null;
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}): StoredEndpoint => ({ ...row, fieldMap: (row.fieldMap as Record<string, string> | null) ?? null });

export async function createEndpoint(
  prisma: PrismaClient,
  endpoint: { id: string; workspaceId: string; channelId: string; sealedSecret: string; createdBy: string },
): Promise<void> {
  await prisma.$transaction([
    prisma.workspace.upsert({
      where: { id: endpoint.workspaceId },
      create: { id: endpoint.workspaceId },
      update: {},
    }),
    prisma.inboundEndpoint.create({ data: endpoint }),
  ]);
}

export async function findEndpoint(prisma: PrismaClient, id: string): Promise<StoredEndpoint | undefined> {
  const row = await prisma.inboundEndpoint.findUnique({ where: { id } });
  return row ? asEndpoint(row) : undefined;
}

export async function listEndpoints(prisma: PrismaClient, workspaceId: string): Promise<StoredEndpoint[]> {
  const rows = await prisma.inboundEndpoint.findMany({
    where: { workspaceId, revokedAt: null },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(asEndpoint);
}

/** A new secret for a live endpoint of the workspace; false when there is none by that id. */
export async function rotateEndpoint(
  prisma: PrismaClient,
  workspaceId: string,
  id: string,
  sealedSecret: string,
): Promise<boolean> {
  const { count } = await prisma.inboundEndpoint.updateMany({
    where: { id, workspaceId, revokedAt: null },
    data: { sealedSecret, rotatedAt: new Date() },
  });
  return count > 0;
}

/** Ends an endpoint for good: its URL answers 404 from now on, and its secret is dropped. */
export async function revokeEndpoint(
  prisma: PrismaClient,
  workspaceId: string,
  id: string,
): Promise<boolean> {
  const { count } = await prisma.inboundEndpoint.updateMany({
    where: { id, workspaceId, revokedAt: null },
    data: { revokedAt: new Date(), sealedSecret: "" },
  });
  return count > 0;
}

export async function setEndpointFieldMap(
  prisma: PrismaClient,
  workspaceId: string,
  id: string,
  fieldMap: Record<string, string> | null,
): Promise<boolean> {
  const { count } = await prisma.inboundEndpoint.updateMany({
    where: { id, workspaceId, revokedAt: null },
    data: { fieldMap: fieldMap === null ? Prisma.DbNull : fieldMap },
  });
  return count > 0;
}

/** Keeps an accepted lead; a second delivery with the same source key names the first instead. */
export async function acceptInboundLead(
  prisma: PrismaClient,
  lead: {
    endpointId: string;
    workspaceId: string;
    channelId: string;
    sourceKey: string | null;
    text: string;
  },
): Promise<{ id: string; duplicate: boolean }> {
  const [made] = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "InboundLead" ("id", "endpointId", "workspaceId", "channelId", "sourceKey", "text")
    VALUES (gen_random_uuid(), ${lead.endpointId}, ${lead.workspaceId}, ${lead.channelId}, ${lead.sourceKey}, ${lead.text})
    ON CONFLICT ("endpointId", "sourceKey") DO NOTHING
    RETURNING "id"::text AS "id"`;
  if (made) return { id: made.id, duplicate: false };
  const [kept] = await prisma.$queryRaw<{ id: string }[]>`
    SELECT "id"::text AS "id" FROM "InboundLead"
    WHERE "endpointId" = ${lead.endpointId} AND "sourceKey" = ${lead.sourceKey}`;
  if (kept === undefined) throw new Error("an inbound lead was neither kept nor found");
  return { id: kept.id, duplicate: true };
}

/** Claims up to `limit` due leads for `leaseMs`: rows another instance holds are skipped, not waited for, and
 * a crashed instance's claims lapse when their lease does. */
export async function claimInboundLeads(
  prisma: PrismaClient,
  limit: number,
  leaseMs: number,
): Promise<ClaimedLead[]> {
  return prisma.$queryRaw<ClaimedLead[]>`
    UPDATE "InboundLead" AS l
    SET "claimedUntil" = now() + make_interval(secs => ${leaseMs / 1000}), "attempts" = l."attempts" + 1
    WHERE l."id" IN (
      SELECT "id" FROM "InboundLead"
      WHERE "status" = 'pending' AND "dueAt" <= now() AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
      ORDER BY "dueAt", "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING l."id"::text AS "id", l."endpointId", l."workspaceId", l."channelId", l."text", l."attempts", l."createdAt"`;
}

/** The verdict is out: the lead's words go (its check keeps them for the retention period). */
export async function markInboundPosted(
  prisma: PrismaClient,
  id: string,
  posted: { checkId: string; messageTs: string | null },
): Promise<void> {
  await prisma.inboundLead.update({
    where: { id },
    data: {
      status: "posted",
      text: null,
      checkId: posted.checkId,
      messageTs: posted.messageTs,
      postedAt: new Date(),
      claimedUntil: null,
      lastError: null,
    },
  });
}

/** Not posted this time: tried again at `dueAt`, or given up (`failed`, words dropped) when that is null. */
export async function deferInboundLead(
  prisma: PrismaClient,
  id: string,
  error: string,
  dueAt: Date | null,
): Promise<void> {
  await prisma.inboundLead.update({
    where: { id },
    data:
      dueAt === null
        ? { status: "failed", text: null, lastError: error, claimedUntil: null }
        : { dueAt, lastError: error, claimedUntil: null },
  });
}

/** What each of a workspace's endpoints holds: waiting, posted and given-up leads. */
export async function inboundCounts(
  prisma: PrismaClient,
  workspaceId: string,
): Promise<Map<string, { pending: number; posted: number; failed: number }>> {
  const rows = await prisma.inboundLead.groupBy({
    by: ["endpointId", "status"],
    where: { workspaceId },
    _count: { _all: true },
  });
  const counts = new Map<string, { pending: number; posted: number; failed: number }>();
  for (const row of rows) {
    const c = counts.get(row.endpointId) ?? { pending: 0, posted: 0, failed: 0 };
    if (row.status === "pending" || row.status === "posted" || row.status === "failed")
      c[row.status] += row._count._all;
    counts.set(row.endpointId, c);
  }
  return counts;
}

/** Forgets settled leads older than `olderThan` (their checks stay): the idempotency window is this long. */
export async function purgeInboundLeads(prisma: PrismaClient, olderThan: Date): Promise<number> {
  const { count } = await prisma.inboundLead.deleteMany({
    where: { createdAt: { lt: olderThan }, status: { in: ["posted", "failed"] } },
  });
  return count;
}
