import type { PrismaClient } from "./generated/client.js";

export const OUTCOME_KINDS = ["won", "lost", "disqualified", "no_show"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export interface NewOutcome {
  checkId: string;
  kind: OutcomeKind;
  reason?: string;
  repWords?: string;
  userId?: string;
}

/** Records what became of a lead. The previous outcome stays as history; the new one is current. */
export async function recordOutcome(prisma: PrismaClient, outcome: NewOutcome): Promise<string> {
  return prisma.$transaction(async (tx) => {
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
      },
      select: { id: true },
    });
    return row.id;
  });
}

export async function currentOutcome(prisma: PrismaClient, checkId: string) {
  return prisma.outcome.findFirst({ where: { checkId, isCurrent: true } });
}
