import type { RuleSet } from "../domain/personas/schema.js";
import type { StoredRuleSet } from "../domain/workspace.js";
import type { RuleSetHistoryEntry, RuleSetPublication } from "../services/ports/index.js";
import type { PrismaClient } from "./generated/client.js";

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

/** Stores a new version and makes it active, in one transaction. On a PostgreSQL server two concurrent
 * publishes collide on the unique workspace+version key and one fails (P2002). The embedded database runs
 * one session, where concurrent interactive transactions are not isolated: publishes are rare admin
 * actions, and first-use adoption goes through `adoptRuleSet` instead. Returns the new version, which is
 * also stored in the document so verdicts can cite it. */
export async function publishRuleSet(
  prisma: PrismaClient,
  workspaceId: string,
  publish: RuleSetPublication,
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

/** Makes `document` the workspace's version 1 if it has no rule set yet; otherwise does nothing. One
 * statement, so concurrent first requests adopt it once on either engine (the embedded database shares one
 * session between concurrent transactions, so a read-then-write transaction would not be enough). */
export async function adoptRuleSet(
  prisma: PrismaClient,
  workspaceId: string,
  document: Omit<RuleSet, "version">,
  provenance: string,
): Promise<void> {
  const json = JSON.stringify({ ...document, version: 1 });
  // A workspace may ask for its rules (`/triage rules`) before its first lead made its row.
  await prisma.$executeRaw`INSERT INTO "Workspace" ("id") VALUES (${workspaceId}) ON CONFLICT ("id") DO NOTHING`;
  await prisma.$executeRaw`
    WITH claimed AS (
      UPDATE "Workspace" SET "activeRuleSetVersion" = 1
      WHERE "id" = ${workspaceId} AND "activeRuleSetVersion" IS NULL
      RETURNING "id"
    )
    INSERT INTO "RuleSet" ("id", "workspaceId", "version", "document", "provenance", "note")
    SELECT gen_random_uuid(), "id", 1, ${json}::jsonb, ${provenance}, 'adopted on first use' FROM claimed`;
}

/** One stored version of a workspace's rules (to replay a past verdict). */
export async function ruleSetVersion(
  prisma: PrismaClient,
  workspaceId: string,
  version: number,
): Promise<StoredRuleSet | undefined> {
  const row = await prisma.ruleSet.findUnique({ where: { workspaceId_version: { workspaceId, version } } });
  return row ? { ...row, document: row.document as unknown as RuleSet } : undefined;
}

/** Every version of a workspace's rules, newest first, without their documents. */
export async function ruleSetHistory(
  prisma: PrismaClient,
  workspaceId: string,
): Promise<RuleSetHistoryEntry[]> {
  const [rows, ws] = await Promise.all([
    prisma.ruleSet.findMany({
      where: { workspaceId },
      orderBy: { version: "desc" },
      select: { version: true, author: true, note: true, provenance: true, createdAt: true },
    }),
    prisma.workspace.findUnique({ where: { id: workspaceId }, select: { activeRuleSetVersion: true } }),
  ]);
  return rows.map((r) => ({ ...r, active: r.version === ws?.activeRuleSetVersion }));
}
