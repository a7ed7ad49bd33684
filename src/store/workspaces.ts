import type { WorkspaceSettings } from "../domain/workspace.js";
import type { PrismaClient } from "./generated/client.js";

/** Creates the workspace on first sight and returns the settings a triage needs, in one statement. Prisma's
 * upsert reads then inserts, so the first requests of a new workspace could collide; INSERT … ON CONFLICT
 * cannot. */
export async function workspaceSettings(
  prisma: PrismaClient,
  id: string,
  name?: string,
): Promise<WorkspaceSettings> {
  const rows = await prisma.$queryRaw<{ retentionDays: number; activeRuleSetVersion: number | null }[]>`
    INSERT INTO "Workspace" ("id", "name") VALUES (${id}, ${name ?? null})
    ON CONFLICT ("id") DO UPDATE SET "updatedAt" = "Workspace"."updatedAt"
    RETURNING "retentionDays", "activeRuleSetVersion"`;
  const row = rows[0];
  if (row === undefined) throw new Error(`workspace ${id} could not be read`);
  return {
    retentionDays: Number(row.retentionDays),
    activeRuleSetVersion: row.activeRuleSetVersion === null ? null : Number(row.activeRuleSetVersion),
  };
}

/** Every workspace's id (for jobs that visit them all). */
export async function workspaceIds(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.workspace.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}
