import type { DecisionCounts, MessageLink, NewCheck, StoredCheck } from "../domain/checks.js";
import type { FactName } from "../domain/lead/facts.js";
import type { Decision } from "../domain/personas/verdict.js";
import { storableText, storableValue } from "../domain/storable.js";
import { type Check as CheckModel, Prisma, type PrismaClient } from "./generated/client.js";
import type { SqlConnection } from "./sql.js";

/** The row's columns as given (an undefined id or date is left out: JSON.stringify and Prisma omit it). */
function checkFields(check: NewCheck) {
  return {
    id: check.id || undefined,
    workspaceId: check.workspaceId,
    inputKind: check.inputKind,
    userId: check.userId ?? null,
    channelId: check.channelId ?? null,
    messageTs: check.messageTs ?? null,
    threadTs: check.threadTs ?? null,
    facts: check.facts as object,
    decision: check.decision,
    risk: check.risk,
    matchedRules: check.matchedRules,
    missing: check.missing,
    secondHandFacts: check.secondHandFacts ?? [],
    ruleSetVersion: check.ruleSetVersion,
    rawText: check.rawText ?? null,
    rawTextExpiresAt: check.rawText !== undefined ? (check.retainUntil ?? null) : null,
    personKey: check.personKey ?? null,
    companyKey: check.companyKey ?? null,
    repeatOf: check.repeatOf ?? null,
    history: check.history ?? null,
    createdAt: check.createdAt,
  };
}

/** The row as stored. Text the database would refuse (NUL bytes, half an emoji) is cleaned here, at the
 * edge, so one odd paste can never fail a write. */
function checkData(check: NewCheck) {
  const fields = checkFields(check);
  return {
    ...fields,
    facts: storableValue(fields.facts),
    matchedRules: fields.matchedRules.map(storableText),
    rawText: fields.rawText === null ? null : storableText(fields.rawText),
    companyKey: fields.companyKey === null ? null : storableText(fields.companyKey),
  };
}

/** How JSON.stringify writes what PostgreSQL refuses: a NUL character, and a lone surrogate (a pair is written
 * as itself). A match may also be a backslash typed before "u0000", which only costs the slower, exact path. */
const UNSTORABLE_IN_JSON = /\\u0000|\\ud[89a-f]/i;

export async function recordCheck(prisma: PrismaClient, check: NewCheck): Promise<string> {
  const data = checkData(check);
  const row = await prisma.check.create({
    data: { ...data, history: data.history ?? Prisma.DbNull },
    select: { id: true },
  });
  return row.id;
}

/** Many checks in one statement (a file's rows, a batch of the app's). Written through the driver, not Prisma:
 * Prisma's debug history keeps the arguments of its last hundred queries alive even with debugging off, and a
 * batch's argument is its rows' JSON (a 100,000-row file held 40-90 MB more for it, measured in
 * bench/RESULTS.md). Resolves to how many checks were new. */
export async function recordChecks(sql: SqlConnection, checks: NewCheck[]): Promise<number> {
  if (checks.length === 0) return 0;
  // A check id that is already stored is skipped: imports make ids from the CRM record, so a re-import adds
  // nothing; ids made here are random and never collide.
  // One parameter for the whole batch: the database reads the rows from JSON itself, far cheaper than binding
  // a parameter per column and row through the driver (the embedded database runs on the app's own thread).
  // Cleaning each check's strings one by one costs more than the insert; the batch's JSON tells at once whether
  // any needs it.
  const plain = JSON.stringify(checks.map(checkFields));
  const rows = UNSTORABLE_IN_JSON.test(plain) ? JSON.stringify(checks.map(checkData)) : plain;
  const [inserted] = await sql.query<{ n: number }>(INSERT_CHECKS, [rows]);
  return inserted?.n ?? 0;
}

const INSERT_CHECKS = `
  WITH inserted AS (
    INSERT INTO "Check" ("id", "workspaceId", "inputKind", "userId", "channelId", "messageTs", "threadTs", "facts",
      "decision", "risk", "matchedRules", "missing", "secondHandFacts", "ruleSetVersion", "rawText",
      "rawTextExpiresAt", "personKey", "companyKey", "repeatOf", "history", "createdAt")
    SELECT COALESCE(r."id", gen_random_uuid()), r."workspaceId", r."inputKind", r."userId", r."channelId",
      r."messageTs", r."threadTs", r."facts", r."decision", r."risk", COALESCE(r."matchedRules", '{}'),
      COALESCE(r."missing", '{}'), COALESCE(r."secondHandFacts", '{}'), r."ruleSetVersion", r."rawText",
      r."rawTextExpiresAt", r."personKey", r."companyKey", r."repeatOf", r."history", COALESCE(r."createdAt", CURRENT_TIMESTAMP)
    FROM jsonb_to_recordset($1::jsonb) AS r("id" uuid, "workspaceId" text, "inputKind" text, "userId" text,
      "channelId" text, "messageTs" text, "threadTs" text, "facts" jsonb, "decision" text, "risk" int,
      "matchedRules" text[], "missing" text[], "secondHandFacts" text[], "ruleSetVersion" int, "rawText" text,
      "rawTextExpiresAt" timestamptz, "personKey" text, "companyKey" text, "repeatOf" uuid, "history" jsonb, "createdAt" timestamptz)
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS n FROM inserted`;

/** Records, in one statement, the messages that carry these checks' verdicts. */
export async function linkMessages(prisma: PrismaClient, links: MessageLink[]): Promise<number> {
  if (links.length === 0) return 0;
  const rows = links.map((l) => Prisma.sql`(${l.id}::uuid, ${l.channelId}, ${l.messageTs}, ${l.threadTs})`);
  return prisma.$executeRaw`
    UPDATE "Check" AS c SET "channelId" = v.channel, "messageTs" = v.ts, "threadTs" = v.thread
    FROM (VALUES ${Prisma.join(rows)}) AS v(id, channel, ts, thread)
    WHERE c."id" = v.id`;
}

/** Counts checks by decision since a date, aggregated in SQL. */
export async function countDecisions(
  prisma: PrismaClient,
  workspaceId: string,
  since: Date,
): Promise<DecisionCounts> {
  const groups = await prisma.check.groupBy({
    by: ["decision"],
    where: { workspaceId, createdAt: { gte: since } },
    _count: { _all: true },
    _avg: { risk: true },
  });
  const byDecision: Partial<Record<Decision, number>> = {};
  let total = 0;
  let riskSum = 0;
  for (const g of groups) {
    byDecision[g.decision as Decision] = g._count._all;
    total += g._count._all;
    riskSum += (g._avg.risk ?? 0) * g._count._all;
  }
  return { total, byDecision, averageRisk: total > 0 ? Math.round(riskSum / total) : null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A kept row as the record's own types: the database holds facts as JSON and names as text; what was
 * written there came from a NewCheck, so it reads back as one. */
function storedCheck(row: CheckModel): StoredCheck {
  return {
    ...row,
    facts: (row.facts ?? {}) as StoredCheck["facts"],
    decision: row.decision as Decision,
    missing: row.missing as FactName[],
    inferredFacts: row.inferredFacts as FactName[],
    secondHandFacts: row.secondHandFacts as FactName[],
  };
}

/** A workspace's check by id; undefined for another workspace's check or an id that is not one. */
export async function findCheckInWorkspace(
  prisma: PrismaClient,
  workspaceId: string,
  id: string,
): Promise<StoredCheck | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await prisma.check.findFirst({ where: { id, workspaceId } });
  return row ? storedCheck(row) : undefined;
}

/** Finds the check whose verdict was posted as this message (or whose thread it is). */
export async function findCheckByMessage(
  prisma: PrismaClient,
  channelId: string,
  ts: string,
): Promise<StoredCheck | undefined> {
  const row = await prisma.check.findFirst({
    where: { channelId, OR: [{ messageTs: ts }, { threadTs: ts }] },
    orderBy: { createdAt: "desc" },
  });
  return row ? storedCheck(row) : undefined;
}

/** Drops the lead text of checks past their retention date; the facts and verdict stay. */
export async function purgeExpiredText(prisma: PrismaClient, now = new Date()): Promise<number> {
  const result = await prisma.check.updateMany({
    where: { rawTextExpiresAt: { lte: now } },
    data: { rawText: null, rawTextExpiresAt: null, summary: null },
  });
  return result.count;
}

/** Keeps the summary written for a check's verdict. */
export async function setCheckSummary(prisma: PrismaClient, id: string, summary: string): Promise<void> {
  await prisma.check.updateMany({ where: { id }, data: { summary } });
}

/** A verdict the rules gave again once the LLM's grounded facts were added: the facts (the inferred ones
 * named), decision, risk and rules matched. The summary stays as it is. */
export async function reviseCheckVerdict(
  prisma: PrismaClient,
  id: string,
  revision: Pick<NewCheck, "facts" | "decision" | "risk" | "matchedRules" | "missing"> & {
    inferredFacts: string[];
    inferredSpans: number[];
  },
): Promise<void> {
  await prisma.check.updateMany({
    where: { id },
    data: {
      facts: storableValue(revision.facts) as object,
      decision: revision.decision,
      risk: revision.risk,
      matchedRules: revision.matchedRules,
      missing: revision.missing,
      inferredFacts: revision.inferredFacts,
      inferredSpans: revision.inferredSpans,
    },
  });
}
