import type { RuleSet } from "../domain/personas/schema.js";
import type { PrismaClient } from "./generated/client.js";

export interface StoredRuleSet {
  version: number;
  document: RuleSet;
  author: string | null;
  note: string | null;
  provenance: string;
  createdAt: Date;
}

/** The rule set the workspace triages with now, or undefined before its first publish. The document is
 * validated by the caller (services), which owns the rule DSL. */
export async function activeRuleSet(
  prisma: PrismaClient,
  workspaceId: string,
): Promise<StoredRuleSet | undefined> {
  const ws = await prisma.workspace.findUnique({
    where: { id: workspaceId },
    select: { activeRuleSetVersion: true },
  });
  if (ws?.activeRuleSetVersion == null) return undefined;
  const row = await prisma.ruleSet.findUnique({
    where: { workspaceId_version: { workspaceId, version: ws.activeRuleSetVersion } },
  });
  return row ? { ...row, document: row.document as unknown as RuleSet } : undefined;
}

export interface Publish {
  document: Omit<RuleSet, "version">;
  author?: string;
  note?: string;
  provenance?: string;
}

/** Stores a new version and makes it active, in one transaction. Returns the new version number; the
 * document is stored with that version so verdicts can cite it. */
export async function publishRuleSet(
  prisma: PrismaClient,
  workspaceId: string,
  publish: Publish,
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const latest = await tx.ruleSet.aggregate({ where: { workspaceId }, _max: { version: true } });
    const version = (latest._max.version ?? 0) + 1;
    await tx.ruleSet.create({
      data: {
        workspaceId,
        version,
        document: { ...publish.document, version } as object,
        author: publish.author ?? null,
        note: publish.note ?? null,
        provenance: publish.provenance ?? "manual",
      },
    });
    await tx.workspace.update({ where: { id: workspaceId }, data: { activeRuleSetVersion: version } });
    return version;
  });
}
