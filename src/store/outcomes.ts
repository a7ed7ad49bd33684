import type { NewOutcome, OutcomeKind } from "../domain/outcomes/kinds.js";
import type { Decision } from "../domain/personas/verdict.js";
import { storableText } from "../domain/storable.js";
import type { ListedOutcome, OutcomeHistoryRow, ReplayRow, StoredOutcome } from "../services/ports/index.js";
import type { PrismaClient } from "./generated/client.js";

/** Records what became of a lead. The previous outcome stays as history; the new one is current. Reports on
 * one check are taken one at a time (its row is locked first): of simultaneous reports the last one stands
 * and the others become history, where without the lock all but one hit the one-current-outcome index. */
export async function recordOutcome(prisma: PrismaClient, outcome: NewOutcome): Promise<string> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Check" WHERE "id" = ${outcome.checkId} FOR UPDATE`;
    await tx.outcome.updateMany({
      where: { checkId: outcome.checkId, isCurrent: true },
      data: { isCurrent: false },
    });
    const row = await tx.outcome.create({
      data: {
        checkId: outcome.checkId,
        kind: outcome.kind,
        reason: outcome.reason ?? null,
        repWords: outcome.repWords ?? null,
        userId: outcome.userId ?? null,
        sourceTs: outcome.sourceTs ?? null,
      },
      select: { id: true },
    });
    return row.id;
  });
}

export async function currentOutcome(prisma: PrismaClient, checkId: string): Promise<StoredOutcome | null> {
  const row = await prisma.outcome.findFirst({ where: { checkId, isCurrent: true } });
  // Written from a NewOutcome: its kind is an OutcomeKind.
  return row ? { ...row, kind: row.kind as OutcomeKind } : null;
}

/** Withdraws the outcome a thread reply reported (the reply was deleted); the latest remaining outcome of
 * the check becomes current again. Returns the check id, or undefined when that reply reported nothing. */
export async function withdrawOutcomeBySource(
  prisma: PrismaClient,
  checkId: string,
  sourceTs: string,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const removed = await tx.outcome.deleteMany({ where: { checkId, sourceTs } });
    if (removed.count === 0) return false;
    const current = await tx.outcome.findFirst({ where: { checkId, isCurrent: true } });
    if (current === null) {
      const latest = await tx.outcome.findFirst({ where: { checkId }, orderBy: { createdAt: "desc" } });
      if (latest) await tx.outcome.update({ where: { id: latest.id }, data: { isCurrent: true } });
    }
    return true;
  });
}

/** A workspace's current outcomes, newest first, with the verdict each lead was given. */
export async function listOutcomes(
  prisma: PrismaClient,
  workspaceId: string,
  limit: number,
): Promise<ListedOutcome[]> {
  const rows = await prisma.outcome.findMany({
    where: { isCurrent: true, check: { workspaceId } },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: {
      check: { select: { id: true, decision: true, risk: true, inputKind: true, createdAt: true } },
    },
  });
  return rows.map((r) => ({
    checkId: r.checkId,
    // Written from an OutcomeKind and a Decision (see recordOutcome, recordChecks).
    kind: r.kind as OutcomeKind,
    reason: r.reason,
    repWords: r.repWords,
    userId: r.userId,
    reportedAt: r.createdAt,
    decision: r.check.decision as Decision,
    risk: r.check.risk,
    checkedAt: r.check.createdAt,
  }));
}

/** Many outcomes in one statement (CRM history), each as its check's current one. An outcome whose id is
 * stored already, or whose check already has a current outcome, is skipped: re-importing adds nothing and
 * never overrides what a rep reported. */
export async function importOutcomes(
  prisma: PrismaClient,
  outcomes: (NewOutcome & { id: string; at?: Date })[],
): Promise<number> {
  if (outcomes.length === 0) return 0;
  // One JSON parameter for the batch, read by the database itself: Prisma's createMany compiles every row.
  const rows = JSON.stringify(
    outcomes.map((o) => ({
      id: o.id,
      checkId: o.checkId,
      kind: o.kind,
      reason: o.reason ?? null,
      repWords: o.repWords === undefined ? null : storableText(o.repWords),
      userId: o.userId ?? null,
      createdAt: o.at ?? null,
    })),
  );
  return prisma.$executeRaw`
    INSERT INTO "Outcome" ("id", "checkId", "kind", "reason", "repWords", "userId", "isCurrent", "createdAt")
    SELECT r."id", r."checkId", r."kind", r."reason", r."repWords", r."userId", true,
      COALESCE(r."createdAt", CURRENT_TIMESTAMP)
    FROM jsonb_to_recordset(${rows}::jsonb) AS r("id" uuid, "checkId" uuid, "kind" text, "reason" text,
      "repWords" text, "userId" text, "createdAt" timestamptz)
    ON CONFLICT DO NOTHING`;
}

/** Every check of a workspace with its current outcome, for refinement: the facts kept (never the text) that
 * the lead stated (without the LLM's and the second-hand ones), the rules matched, what happened and when.
 * `since` bounds it to recent history. */
export async function outcomeHistory(
  prisma: PrismaClient,
  workspaceId: string,
  since?: Date,
): Promise<OutcomeHistoryRow[]> {
  const rows = await prisma.$queryRaw<OutcomeHistoryRow[]>`
    SELECT c."id" AS "checkId", c."facts" - c."inferredFacts" - c."secondHandFacts" AS "facts", c."history", c."matchedRules",
      o."kind", o."reason", o."createdAt" AS "at"
    FROM "Outcome" o JOIN "Check" c ON c."id" = o."checkId"
    WHERE o."isCurrent" AND c."workspaceId" = ${workspaceId} AND o."createdAt" >= ${since ?? new Date(0)}
    ORDER BY c."id"`;
  return rows;
}

/** One page of a workspace's checks with a current outcome reported since `since`, in id order after
 * `afterId` (keyset paging keeps memory flat over any history): what a backtest replays. */
export async function replayPage(
  prisma: PrismaClient,
  workspaceId: string,
  since: Date,
  afterId: string | undefined,
  limit: number,
): Promise<ReplayRow[]> {
  // The columns a check was written with: its facts are a NewCheck's (a JSON object; {} once erased).
  return prisma.$queryRaw<ReplayRow[]>`
    SELECT c."id" AS "checkId", c."facts" - c."inferredFacts" AS "facts", c."history", c."secondHandFacts", c."rawText",
      o."kind"
    FROM "Check" c JOIN "Outcome" o ON o."checkId" = c."id" AND o."isCurrent"
    WHERE c."workspaceId" = ${workspaceId} AND c."createdAt" >= ${since}
      AND c."id" > ${afterId ?? "00000000-0000-0000-0000-000000000000"}::uuid
    ORDER BY c."id"
    LIMIT ${limit}`;
}
