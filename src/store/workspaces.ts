import type { WorkspaceSettings } from "../domain/workspace.js";
import type { PrismaClient } from "./generated/client.js";

type SettingsRow = { retentionDays: number; activeRuleSetVersion: number | null };

function settingsOf(row: SettingsRow): WorkspaceSettings {
  return {
    retentionDays: Number(row.retentionDays),
    activeRuleSetVersion: row.activeRuleSetVersion === null ? null : Number(row.activeRuleSetVersion),
  };
}

/** The settings a triage needs; the workspace is created on first sight. A known workspace is only read (a
 * read-only replica answers it). Prisma's upsert reads then inserts, so the first requests of a new
 * workspace could collide; INSERT … ON CONFLICT cannot. */
export async function workspaceSettings(
  prisma: PrismaClient,
  id: string,
  name?: string,
): Promise<WorkspaceSettings> {
  const known = await prisma.$queryRaw<SettingsRow[]>`
    SELECT "retentionDays", "activeRuleSetVersion" FROM "Workspace" WHERE "id" = ${id}`;
  if (known[0] !== undefined) return settingsOf(known[0]);
  const rows = await prisma.$queryRaw<SettingsRow[]>`
    INSERT INTO "Workspace" ("id", "name") VALUES (${id}, ${name ?? null})
    ON CONFLICT ("id") DO UPDATE SET "updatedAt" = "Workspace"."updatedAt"
    RETURNING "retentionDays", "activeRuleSetVersion"`;
  const row = rows[0];
  if (row === undefined) throw new Error(`workspace ${id} could not be read`);
  return settingsOf(row);
}

/** Every workspace's id (for jobs that visit them all). */
export async function workspaceIds(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.workspace.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

/** Notes the Enterprise Grid organisation a workspace belongs to (written only when it changes). */
export async function setWorkspaceOrganisation(
  prisma: PrismaClient,
  id: string,
  enterpriseId: string,
): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "Workspace" ("id", "enterpriseId") VALUES (${id}, ${enterpriseId})
    ON CONFLICT ("id") DO UPDATE SET "enterpriseId" = EXCLUDED."enterpriseId"
    WHERE "Workspace"."enterpriseId" IS DISTINCT FROM EXCLUDED."enterpriseId"`;
}

/** The organisation a workspace belongs to, when one was noted. */
export async function workspaceOrganisation(prisma: PrismaClient, id: string): Promise<string | undefined> {
  const row = await prisma.workspace.findUnique({ where: { id }, select: { enterpriseId: true } });
  return row?.enterpriseId ?? undefined;
}
