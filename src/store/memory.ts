import type { PriorCheck, PriorOutcome } from "../domain/memory/history.js";
import type { PriorChecks } from "../services/ports/memory.js";
import type { PrismaClient } from "./generated/client.js";

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };
type Prior = { count: number; first: Date; latest: PriorCheck };

interface HistoryRow {
  personCount: number;
  personFirst: Date | null;
  personLatest: Json<PriorCheck> | null;
  personOutcome: Json<PriorOutcome> | null;
  companyCount: number;
  companyFirst: Date | null;
  companyLatest: Json<PriorCheck> | null;
  companyOutcome: Json<PriorOutcome> | null;
  companyWon: boolean;
}

function prior(count: number, first: Date | null, latest: Json<PriorCheck> | null): Prior | undefined {
  if (Number(count) === 0 || first === null || latest === null) return undefined;
  return {
    count: Number(count),
    first: new Date(first),
    latest: { ...latest, createdAt: new Date(latest.createdAt) },
  };
}

/** What a workspace's earlier checks know of a person (by key) and a company (by key), in one round trip: the
 * verdict waits on it, and the embedded database serves one query at a time. */
export async function priorChecks(
  prisma: PrismaClient,
  workspaceId: string,
  personKey: string | null,
  companyKey: string | null,
  /** Only checks made before this (the history a past verdict was shown); null: all. */
  before: Date | null = null,
): Promise<PriorChecks> {
  const [found] = await priorChecksMany(prisma, workspaceId, [{ personKey, companyKey }], before);
  return found ?? {};
}

/** `priorChecks` for many leads in one statement (a file's batch of rows), in the order given. Each lead's parts
 * read the (workspaceId, key, createdAt) indexes; a null key reads nothing. */
export async function priorChecksMany(
  prisma: PrismaClient,
  workspaceId: string,
  leads: readonly { personKey: string | null; companyKey: string | null }[],
  before: Date | null = null,
): Promise<PriorChecks[]> {
  if (leads.length === 0) return [];
  const keys = JSON.stringify(leads.map((l, i) => ({ i, p: l.personKey, c: l.companyKey })));
  // lead_history (migration 20261204600000) reads each part with one index range read or descent; it is a function
  // so that each session plans it once. Counts stop at MEMORY_COUNT_CAP; outcomes carry their check's keys.
  const rows = await prisma.$queryRaw<(HistoryRow & { i: number })[]>`
    SELECT k."i", h.* FROM jsonb_to_recordset(${keys}::jsonb) AS k("i" int, "p" text, "c" text)
    CROSS JOIN LATERAL "lead_history"(${workspaceId}, k."p", k."c", ${before}::timestamptz) AS h`;
  const found: PriorChecks[] = leads.map(() => ({}));
  for (const row of rows) found[row.i] = priorChecksOf(row);
  return found;
}

function outcomeOf(row: Json<PriorOutcome>): PriorOutcome {
  return { ...row, createdAt: new Date(row.createdAt) };
}

function priorChecksOf(row: HistoryRow): PriorChecks {
  const person = prior(row.personCount, row.personFirst, row.personLatest);
  const company = prior(row.companyCount, row.companyFirst, row.companyLatest);
  const outcome = row.companyOutcome;
  const personOutcome = row.personOutcome;
  return {
    ...(person
      ? {
          person: {
            ...person,
            ...(personOutcome ? { outcome: outcomeOf(personOutcome) } : {}),
          },
        }
      : {}),
    ...(company
      ? {
          company: {
            ...company,
            ...(outcome ? { outcome: outcomeOf(outcome) } : {}),
            customer: row.companyWon === true,
          },
        }
      : {}),
  };
}

/** Which of these person keys an earlier check of the workspace has (before `before`): one index probe each, so a
 * file of new leads does not pay for reading histories it does not have. */
export async function knownPersonKeys(
  prisma: PrismaClient,
  workspaceId: string,
  keys: readonly string[],
  before: Date,
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await prisma.$queryRaw<{ key: string }[]>`
    SELECT k."key" FROM jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) AS k("key")
    WHERE EXISTS (SELECT 1 FROM "Check" WHERE "workspaceId" = ${workspaceId} AND "personKey" = k."key"
      AND "createdAt" < ${before})`;
  return new Set(rows.map((r) => r.key));
}

/** Every person key of the workspace's checks before `before`, when there are at most `limit` of them (else
 * undefined): a file then knows which of its people were seen without asking for each batch. */
export async function personKeysBefore(
  prisma: PrismaClient,
  workspaceId: string,
  before: Date,
  limit: number,
): Promise<Set<string> | undefined> {
  const rows = await prisma.$queryRaw<{ key: string }[]>`
    SELECT DISTINCT "personKey" AS "key" FROM "Check"
    WHERE "workspaceId" = ${workspaceId} AND "personKey" IS NOT NULL AND "createdAt" < ${before}
    LIMIT ${limit + 1}`;
  return rows.length > limit ? undefined : new Set(rows.map((r) => r.key));
}

/** A secret the app makes for itself once per database: the first caller's value wins, every caller reads it. */
export async function appSecret(prisma: PrismaClient, name: string, make: () => string): Promise<string> {
  await prisma.$executeRaw`
    INSERT INTO "AppSecret" ("name", "value") VALUES (${name}, ${make()}) ON CONFLICT ("name") DO NOTHING`;
  const [row] = await prisma.$queryRaw<
    { value: string }[]
  >`SELECT "value" FROM "AppSecret" WHERE "name" = ${name}`;
  if (row === undefined) throw new Error(`secret ${name} could not be read`);
  return row.value;
}
