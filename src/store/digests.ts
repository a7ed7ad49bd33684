import { Prisma, type PrismaClient } from "./generated/client.js";

/** Claims the digest of one channel for one period ("2026-W48"). Exactly one caller wins, whichever
 * instance it runs on: the unique (channel, period) key decides. Returns the run id, or undefined when
 * another caller already claimed it. */
export async function claimDigestRun(
  prisma: PrismaClient,
  workspaceId: string,
  channelId: string,
  period: string,
): Promise<string | undefined> {
  try {
    const run = await prisma.digestRun.create({
      data: { workspaceId, channelId, period },
      select: { id: true },
    });
    return run.id;
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return undefined;
    throw e;
  }
}

export async function completeDigestRun(
  prisma: PrismaClient,
  runId: string,
  messageTs: string,
): Promise<void> {
  await prisma.digestRun.update({ where: { id: runId }, data: { status: "posted", messageTs } });
}

export async function subscribeDigest(
  prisma: PrismaClient,
  workspaceId: string,
  channelId: string,
  by?: string,
) {
  await prisma.digestSubscription.upsert({
    where: { workspaceId_channelId: { workspaceId, channelId } },
    create: { workspaceId, channelId, createdBy: by ?? null },
    update: {},
  });
}

export async function digestSubscriptions(prisma: PrismaClient, workspaceId: string): Promise<string[]> {
  const rows = await prisma.digestSubscription.findMany({
    where: { workspaceId },
    select: { channelId: true },
  });
  return rows.map((r) => r.channelId);
}
