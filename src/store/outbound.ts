import type { ClaimedEvent, DeadEvent, StoredTarget } from "../services/ports/outbound.js";
import type { PrismaClient } from "./generated/client.js";

export async function setOutboundTarget(
  prisma: PrismaClient,
  target: { workspaceId: string; url: string; sealedSecret: string; includeText: boolean; createdBy: string },
): Promise<void> {
  const { workspaceId, ...rest } = target;
  await prisma.$transaction([
    prisma.workspace.upsert({ where: { id: workspaceId }, create: { id: workspaceId }, update: {} }),
    prisma.outboundTarget.upsert({ where: { workspaceId }, create: target, update: rest }),
  ]);
}

export async function findOutboundTarget(
  prisma: PrismaClient,
  workspaceId: string,
): Promise<StoredTarget | undefined> {
  return (await prisma.outboundTarget.findUnique({ where: { workspaceId } })) ?? undefined;
}

/** No URL any more: the events waiting for it go too. */
export async function removeOutboundTarget(prisma: PrismaClient, workspaceId: string): Promise<boolean> {
  const [removed] = await prisma.$transaction([
    prisma.outboundTarget.deleteMany({ where: { workspaceId } }),
    prisma.outboundEvent.deleteMany({ where: { workspaceId, status: { in: ["pending", "dead"] } } }),
  ]);
  return removed.count > 0;
}

/** Claims due events, at most `perWorkspace` of one workspace at a time, so one slow or failing URL holds a few
 * slots and never the rest. The UPDATE re-checks each row's claim, so two instances never take the same event. */
export async function claimOutboundEvents(
  prisma: PrismaClient,
  limit: number,
  perWorkspace: number,
  busy: readonly string[],
  leaseMs: number,
): Promise<ClaimedEvent[]> {
  return prisma.$queryRaw<ClaimedEvent[]>`
    WITH due AS (
      SELECT "id", row_number() OVER (PARTITION BY "workspaceId" ORDER BY "dueAt", "createdAt") AS n
      FROM "OutboundEvent"
      WHERE "status" = 'pending' AND "dueAt" <= now() AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
        AND NOT ("workspaceId" = ANY(${busy as string[]}::text[]))
    )
    UPDATE "OutboundEvent" AS e
    SET "claimedUntil" = now() + make_interval(secs => ${leaseMs / 1000}), "attempts" = e."attempts" + 1
    WHERE e."id" IN (SELECT "id" FROM due WHERE n <= ${perWorkspace} LIMIT ${limit})
      AND e."status" = 'pending' AND (e."claimedUntil" IS NULL OR e."claimedUntil" < now())
    RETURNING e."id"::text AS "id", e."workspaceId", e."type", e."checkId"::text AS "checkId", e."detail",
      e."attempts", e."triesSince", e."createdAt"`;
}

export async function markOutboundDelivered(prisma: PrismaClient, id: string, status: number): Promise<void> {
  await prisma.outboundEvent.update({
    where: { id },
    data: {
      status: "delivered",
      lastStatus: status,
      lastError: null,
      deliveredAt: new Date(),
      claimedUntil: null,
    },
  });
}

/** Not delivered: tried again at `dueAt`, or dead (listed for admins) when that is null. */
export async function deferOutboundEvent(
  prisma: PrismaClient,
  id: string,
  failure: { status: number | null; error: string },
  dueAt: Date | null,
): Promise<void> {
  await prisma.outboundEvent.update({
    where: { id },
    data: {
      lastStatus: failure.status,
      lastError: failure.error,
      claimedUntil: null,
      ...(dueAt === null ? { status: "dead" } : { dueAt }),
    },
  });
}

export async function deadOutboundEvents(
  prisma: PrismaClient,
  workspaceId: string,
  take: number,
): Promise<{ events: DeadEvent[]; total: number }> {
  const where = { workspaceId, status: "dead" };
  const [events, total] = await Promise.all([
    prisma.outboundEvent.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take,
      select: {
        id: true,
        type: true,
        checkId: true,
        attempts: true,
        lastStatus: true,
        lastError: true,
        createdAt: true,
      },
    }),
    prisma.outboundEvent.count({ where }),
  ]);
  return { events, total };
}

/** Dead events (one, or all of the workspace's) go back in the queue, due now, with a fresh day of tries. */
export async function retryDeadOutboundEvents(
  prisma: PrismaClient,
  workspaceId: string,
  id?: string,
): Promise<number> {
  const { count } = await prisma.outboundEvent.updateMany({
    where: { workspaceId, status: "dead", ...(id ? { id } : {}) },
    data: { status: "pending", dueAt: new Date(), triesSince: new Date(), attempts: 0 },
  });
  return count;
}

export async function outboundCounts(
  prisma: PrismaClient,
  workspaceId: string,
): Promise<{ pending: number; delivered: number; dead: number }> {
  const rows = await prisma.outboundEvent.groupBy({
    by: ["status"],
    where: { workspaceId },
    _count: { _all: true },
  });
  const count = (status: string) => rows.find((r) => r.status === status)?._count._all ?? 0;
  return { pending: count("pending"), delivered: count("delivered"), dead: count("dead") };
}

/** Sends again what happened since `since`: a new verdict event per check and an outcome event per current
 * outcome (CRM imports excepted), for the workspaces with an outbound URL (or the one named). */
export async function replayOutboundEvents(
  prisma: PrismaClient,
  since: Date,
  workspaceId: string | null,
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const verdicts = await tx.$executeRaw`
      INSERT INTO "OutboundEvent" ("id", "workspaceId", "type", "checkId")
      SELECT gen_random_uuid(), c."workspaceId", 'verdict.created', c."id"
      FROM "Check" c JOIN "OutboundTarget" t ON t."workspaceId" = c."workspaceId"
      WHERE c."createdAt" >= ${since} AND c."inputKind" <> 'import'
        AND (${workspaceId}::text IS NULL OR c."workspaceId" = ${workspaceId})
      ORDER BY c."createdAt"`;
    const outcomes = await tx.$executeRaw`
      INSERT INTO "OutboundEvent" ("id", "workspaceId", "type", "checkId", "detail")
      SELECT gen_random_uuid(), c."workspaceId", 'outcome.recorded', o."checkId",
        jsonb_build_object('outcomeId', o."id", 'kind', o."kind", 'reason', o."reason",
          'reportedBy', o."userId", 'reportedAt', o."createdAt")
      FROM "Outcome" o JOIN "Check" c ON c."id" = o."checkId"
        JOIN "OutboundTarget" t ON t."workspaceId" = c."workspaceId"
      WHERE o."createdAt" >= ${since} AND o."isCurrent" AND c."inputKind" <> 'import'
        AND (${workspaceId}::text IS NULL OR c."workspaceId" = ${workspaceId})
      ORDER BY o."createdAt"`;
    return verdicts + outcomes;
  });
}

/** Delivered events older than `olderThan` go (a receiver that lost them can be sent a replay). */
export async function purgeOutboundEvents(prisma: PrismaClient, olderThan: Date): Promise<number> {
  const { count } = await prisma.outboundEvent.deleteMany({
    where: { status: "delivered", createdAt: { lt: olderThan } },
  });
  return count;
}
