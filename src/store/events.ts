import { Prisma, type PrismaClient } from "./generated/client.js";

/** Records a Slack event id; true for the first delivery, false for a retry or replay. The primary key
 * decides, so several app instances agree. */
export async function markEventProcessed(prisma: PrismaClient, eventId: string): Promise<boolean> {
  try {
    await prisma.processedEvent.create({ data: { eventId } });
    return true;
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return false;
    throw e;
  }
}

/** Forgets event ids older than the retry window (Slack retries for minutes, not days). */
export async function purgeProcessedEvents(prisma: PrismaClient, olderThan: Date): Promise<number> {
  return (await prisma.processedEvent.deleteMany({ where: { receivedAt: { lt: olderThan } } })).count;
}
