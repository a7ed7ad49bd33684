import type { NewOutcome } from "../domain/outcomes/kinds.js";
import type { PrismaClient } from "./generated/client.js";

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
