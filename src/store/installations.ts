import type { StoredInstallation } from "../services/ports/installations.js";
import type { PrismaClient } from "./generated/client.js";

/** Saves an installation under its key (a reinstall, with new scopes or a new token, replaces it). */
export async function saveInstallation(
  prisma: PrismaClient,
  installation: StoredInstallation,
): Promise<void> {
  const { key, ...data } = installation;
  await prisma.installation.upsert({
    where: { key },
    create: { key, ...data },
    update: data,
  });
}

export async function findInstallation(
  prisma: PrismaClient,
  key: string,
): Promise<StoredInstallation | undefined> {
  const row = await prisma.installation.findUnique({ where: { key } });
  return row ?? undefined;
}

/** Removes an installation; true when there was one. */
export async function deleteInstallation(prisma: PrismaClient, key: string): Promise<boolean> {
  return (await prisma.installation.deleteMany({ where: { key } })).count > 0;
}

/** Installations sealed with another key than `keyId`, a page at a time (for rotating keys). */
export async function installationsNotSealedWith(prisma: PrismaClient, keyId: string, take = 100) {
  return prisma.installation.findMany({
    where: { keyId: { not: keyId } },
    select: { key: true, sealed: true, keyId: true },
    orderBy: { key: "asc" },
    take,
  });
}

/** Re-seals one installation, only if it is still sealed as read (a reinstall meanwhile wins). */
export async function resealInstallation(
  prisma: PrismaClient,
  key: string,
  from: { sealed: string },
  to: { sealed: string; keyId: string },
): Promise<boolean> {
  const updated = await prisma.installation.updateMany({ where: { key, sealed: from.sealed }, data: to });
  return updated.count > 0;
}
