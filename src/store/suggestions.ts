import type { NewSuggestion, StoredSuggestion } from "../services/ports/suggestions.js";
import type { PrismaClient } from "./generated/client.js";

const columns = {
  id: true,
  key: true,
  kind: true,
  proposal: true,
  evidence: true,
  status: true,
  ruleSetVersion: true,
  decidedBy: true,
  decidedAt: true,
  decisionNote: true,
  publishedVersion: true,
  createdAt: true,
} as const;

/** Makes these the workspace's open suggestions: open ones no longer suggested are withdrawn (deleted: they
 * were never decided), the rest are inserted or refreshed in place. The partial unique index (one open
 * suggestion per key) settles two refreshes at once. */
export async function replaceOpenSuggestions(
  prisma: PrismaClient,
  workspaceId: string,
  items: NewSuggestion[],
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.suggestion.deleteMany({
      // Hand-made changes wait for an admin whatever the outcomes say.
      where: {
        workspaceId,
        status: "open",
        kind: { notIn: ["set_rule", "replace_rules"] },
        key: { notIn: items.map((i) => i.key) },
      },
    });
    for (const item of items) await upsertOpen(tx, workspaceId, item);
  });
}

/** One open suggestion, inserted or refreshed in place (its key decides). */
async function upsertOpen(
  tx: Pick<PrismaClient, "$executeRaw">,
  workspaceId: string,
  item: NewSuggestion,
): Promise<void> {
  await tx.$executeRaw`
        INSERT INTO "Suggestion" ("id", "workspaceId", "key", "kind", "ruleRef", "proposal", "evidence", "ruleSetVersion")
        VALUES (gen_random_uuid(), ${workspaceId}, ${item.key}, ${item.kind}, ${item.ruleRef},
          ${JSON.stringify(item.proposal)}::jsonb, ${JSON.stringify(item.evidence)}::jsonb, ${item.ruleSetVersion})
        ON CONFLICT ("workspaceId", "key") WHERE "status" = 'open'
        DO UPDATE SET "proposal" = EXCLUDED."proposal", "evidence" = EXCLUDED."evidence",
          "ruleSetVersion" = EXCLUDED."ruleSetVersion", "kind" = EXCLUDED."kind", "ruleRef" = EXCLUDED."ruleRef"`;
}

/** Adds one open suggestion (a hand-made change) without touching the others. */
export async function addOpenSuggestion(prisma: PrismaClient, workspaceId: string, item: NewSuggestion) {
  await upsertOpen(prisma, workspaceId, item);
  return prisma.suggestion.findFirst({
    where: { workspaceId, key: item.key, status: "open" },
    select: columns,
  });
}

export async function openSuggestions(
  prisma: PrismaClient,
  workspaceId: string,
): Promise<StoredSuggestion[]> {
  return prisma.suggestion.findMany({
    where: { workspaceId, status: "open" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: columns,
  });
}

/** The latest dismissal of each key, with the evidence the admin saw. */
export async function latestDismissals(
  prisma: PrismaClient,
  workspaceId: string,
): Promise<StoredSuggestion[]> {
  return prisma.suggestion.findMany({
    where: { workspaceId, status: "dismissed" },
    orderBy: { decidedAt: "desc" },
    distinct: ["key"],
    select: columns,
  });
}

export async function findSuggestion(
  prisma: PrismaClient,
  workspaceId: string,
  id: string,
): Promise<StoredSuggestion | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return (await prisma.suggestion.findFirst({ where: { workspaceId, id }, select: columns })) ?? undefined;
}

/** Decides an open suggestion; false when it was no longer open (another admin decided first). One
 * conditional UPDATE, so two approvals at once cannot both win. */
export async function decideSuggestion(
  prisma: PrismaClient,
  id: string,
  decision: { status: "approved" | "dismissed"; by: string; note?: string },
): Promise<boolean> {
  const updated = await prisma.suggestion.updateMany({
    where: { id, status: "open" },
    data: {
      status: decision.status,
      decidedBy: decision.by,
      decidedAt: new Date(),
      decisionNote: decision.note ?? null,
    },
  });
  return updated.count === 1;
}

/** Records the version an approval published, or puts the suggestion back when publishing failed. */
export async function settleApproval(
  prisma: PrismaClient,
  id: string,
  publishedVersion: number | null,
): Promise<void> {
  await prisma.suggestion.update({
    where: { id },
    data:
      publishedVersion === null ? { status: "open", decidedBy: null, decidedAt: null } : { publishedVersion },
  });
}
