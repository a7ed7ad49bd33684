import type { ReasonChange } from "../domain/outcomes/taxonomy.js";
import type { PrismaClient } from "./generated/client.js";

/** A workspace's changes to the reason taxonomy, oldest first (the order reasons were added). */
export async function reasonChanges(prisma: PrismaClient, workspaceId: string): Promise<ReasonChange[]> {
  const rows = await prisma.reasonChange.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "asc" },
    select: { id: true, label: true, words: true },
  });
  return rows;
}

/** Adds a reason; false when one with that id exists already (two admins adding it at once: one wins). */
export async function addReason(
  prisma: PrismaClient,
  workspaceId: string,
  change: ReasonChange,
  by?: string,
): Promise<boolean> {
  const inserted = await prisma.$executeRaw`
    INSERT INTO "ReasonChange" ("workspaceId", "id", "label", "words", "changedBy")
    VALUES (${workspaceId}, ${change.id}, ${change.label}, ${[...change.words]}::text[], ${by ?? null})
    ON CONFLICT ("workspaceId", "id") DO NOTHING`;
  return inserted === 1;
}

/** Renames a reason (a default one gets its first row here). */
export async function renameReason(
  prisma: PrismaClient,
  workspaceId: string,
  change: ReasonChange,
  by?: string,
): Promise<void> {
  await prisma.reasonChange.upsert({
    where: { workspaceId_id: { workspaceId, id: change.id } },
    create: {
      workspaceId,
      id: change.id,
      label: change.label,
      words: [...change.words],
      changedBy: by ?? null,
    },
    update: { label: change.label, words: [...change.words], changedBy: by ?? null },
  });
}
