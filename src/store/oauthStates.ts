import type { PrismaClient } from "./generated/client.js";

/** Keeps an OAuth state until Slack's redirect comes back (to any instance). */
export async function saveOAuthState(
  prisma: PrismaClient,
  state: { stateHash: string; installOptions: string; expiresAt: Date },
): Promise<void> {
  await prisma.oAuthState.create({ data: state });
}

/** Takes a state once: two redirects with the same state (a replay, a double click) cannot both have it; the
 * database's DELETE … RETURNING decides. Undefined when it was never given, already taken or expired. */
export async function takeOAuthState(
  prisma: PrismaClient,
  stateHash: string,
  now: Date,
): Promise<string | undefined> {
  const rows = await prisma.$queryRaw<{ installOptions: string; expiresAt: Date }[]>`
    DELETE FROM "OAuthState" WHERE "stateHash" = ${stateHash}
    RETURNING "installOptions", "expiresAt"`;
  const row = rows[0];
  return row !== undefined && new Date(row.expiresAt) > now ? row.installOptions : undefined;
}

/** Removes states nobody came back for; returns how many. */
export async function purgeExpiredOAuthStates(prisma: PrismaClient, now: Date): Promise<number> {
  return (await prisma.oAuthState.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
