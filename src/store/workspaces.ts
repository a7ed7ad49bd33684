import type { PrismaClient } from "./generated/client.js";

/** The workspace of CLI checks: the command line is not a Slack team. */
export const CLI_WORKSPACE = "cli";

export async function ensureWorkspace(prisma: PrismaClient, id: string, name?: string): Promise<void> {
  await prisma.workspace.upsert({ where: { id }, create: { id, name: name ?? null }, update: {} });
}

export async function retentionDays(prisma: PrismaClient, id: string): Promise<number> {
  const ws = await prisma.workspace.findUnique({ where: { id }, select: { retentionDays: true } });
  return ws?.retentionDays ?? 90;
}
