import type { ErasureCounts, ErasureSubject } from "../services/ports/erasure.js";
import type { PrismaClient } from "./generated/client.js";

/** Facts that name a company or a person's surroundings; categories (industry, size, seniority) stay, so the
 * anonymous counts and rule hits still hold. */
const NAMING_FACTS = ["emailDomain", "company", "website", "notes", "name", "email"];

/** A case-insensitive PostgreSQL regular expression that finds the subject as a whole address or domain:
 * "northwind.com" in "priya@northwind.com" or "eu.northwind.com", never in "mynorthwind.com" or
 * "northwind.community". */
function subjectPattern(subject: ErasureSubject): string {
  const raw = subject.kind === "email" ? subject.email : subject.domain;
  const escaped = raw.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);
  const before = subject.kind === "email" ? "(^|[^a-z0-9._%+-])" : "(^|[^a-z0-9-])";
  return `${before}${escaped}($|[^a-z0-9-]|\\.($|[^a-z0-9]))`;
}

/** Strips what names the subject from every check of the workspace (or of all, when undefined) whose words,
 * summary, facts, outcome notes or memory key name it (the key finds a person's checks after their words were
 * purged), and writes the audit row; in one transaction. */
export async function eraseSubject(
  prisma: PrismaClient,
  subject: ErasureSubject,
  workspaceId: string | undefined,
  requestedBy: string,
  /** The lead memory's key of the subject: a person's keyed hash, or a domain's company key. */
  memoryKey: string | null = null,
): Promise<ErasureCounts> {
  const pattern = subjectPattern(subject);
  const column = subject.kind === "email" ? "personKey" : "companyKey";
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; hasText: boolean; hasSummary: boolean }[]>`
      SELECT c."id", c."rawText" IS NOT NULL AS "hasText", c."summary" IS NOT NULL AS "hasSummary"
      FROM "Check" c
      WHERE (${workspaceId ?? null}::text IS NULL OR c."workspaceId" = ${workspaceId ?? null})
        AND (c."rawText" ~* ${pattern} OR c."summary" ~* ${pattern} OR c."facts"::text ~* ${pattern}
          OR (${column} = 'personKey' AND c."personKey" = ${memoryKey})
          OR (${column} = 'companyKey' AND c."companyKey" = ${memoryKey})
          OR EXISTS (SELECT 1 FROM "Outcome" o WHERE o."checkId" = c."id" AND o."repWords" ~* ${pattern}))
      FOR UPDATE`;
    const ids = rows.map((r) => r.id);
    let outcomeNotes = 0;
    if (ids.length > 0) {
      await tx.$executeRaw`
        UPDATE "Check" SET "rawText" = NULL, "rawTextExpiresAt" = NULL, "summary" = NULL, "inferredSpans" = '{}',
          "facts" = "facts" - ${NAMING_FACTS}::text[], "personKey" = NULL, "companyKey" = NULL
        WHERE "id" = ANY(${ids}::uuid[])`;
      outcomeNotes = await tx.$executeRaw`
        UPDATE "Outcome" SET "repWords" = NULL WHERE "checkId" = ANY(${ids}::uuid[]) AND "repWords" IS NOT NULL`;
    }
    const counts: ErasureCounts = {
      checks: ids.length,
      texts: rows.filter((r) => r.hasText).length,
      summaries: rows.filter((r) => r.hasSummary).length,
      outcomeNotes,
    };
    await tx.erasure.create({
      data: { workspaceId: workspaceId ?? null, subjectKind: subject.kind, requestedBy, ...counts },
    });
    return counts;
  });
}

/** Everything of one workspace: its checks and outcomes, rules, reasons, suggestions, digests and
 * installation. Only the audit row stays. */
export async function eraseWorkspace(
  prisma: PrismaClient,
  workspaceId: string,
  requestedBy: string,
): Promise<ErasureCounts & { installation: boolean }> {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      { checks: number; texts: number; summaries: number; outcomeNotes: number }[]
    >`
      SELECT
        (SELECT count(*)::int FROM "Check" WHERE "workspaceId" = ${workspaceId}) AS "checks",
        (SELECT count(*)::int FROM "Check" WHERE "workspaceId" = ${workspaceId} AND "rawText" IS NOT NULL) AS "texts",
        (SELECT count(*)::int FROM "Check" WHERE "workspaceId" = ${workspaceId} AND "summary" IS NOT NULL) AS "summaries",
        (SELECT count(*)::int FROM "Outcome" o JOIN "Check" c ON c."id" = o."checkId"
          WHERE c."workspaceId" = ${workspaceId} AND o."repWords" IS NOT NULL) AS "outcomeNotes"`;
    const counts: ErasureCounts = {
      checks: Number(row?.checks ?? 0),
      texts: Number(row?.texts ?? 0),
      summaries: Number(row?.summaries ?? 0),
      outcomeNotes: Number(row?.outcomeNotes ?? 0),
    };
    // Checks, outcomes, rule sets, reasons, suggestions and digests go with the workspace (ON DELETE CASCADE).
    await tx.workspace.deleteMany({ where: { id: workspaceId } });
    const installation = (await tx.installation.deleteMany({ where: { key: workspaceId } })).count > 0;
    await tx.erasure.create({ data: { workspaceId, subjectKind: "workspace", requestedBy, ...counts } });
    return { ...counts, installation };
  });
}
