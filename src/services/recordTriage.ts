import type { ParsedLead } from "../domain/lead/facts.js";
import { factValues } from "../domain/personas/report.js";
import type { Verdict } from "../domain/personas/verdict.js";
import { type NewCheck, recordCheck } from "../store/checks.js";
import type { PrismaClient } from "../store/generated/client.js";
import { retentionDays } from "../store/workspaces.js";

/** Facts that identify a person rather than a persona: not needed to learn from outcomes, so not stored
 * (the raw text that holds them is kept only for the retention period). */
const PERSONAL_FACTS = new Set(["name", "email"]);

/** Who asked and where: the check's identifying fields. */
export type Where = Pick<
  NewCheck,
  "workspaceId" | "inputKind" | "userId" | "channelId" | "messageTs" | "threadTs"
>;

export function checkRecord(
  where: Where,
  lead: ParsedLead,
  verdict: Verdict,
  retainDays: number,
  now = new Date(),
): NewCheck {
  const facts = Object.fromEntries(
    Object.entries(factValues(lead.facts)).filter(([name]) => !PERSONAL_FACTS.has(name)),
  );
  return {
    ...where,
    facts,
    decision: verdict.decision,
    risk: verdict.risk,
    matchedRules: verdict.matches.map((m) => `${m.persona}/${m.rule}`),
    missing: verdict.missing,
    ruleSetVersion: verdict.ruleSetVersion,
    rawText: lead.text,
    retainUntil: new Date(now.getTime() + retainDays * 86_400_000),
  };
}

/** Keeps a triaged lead: the facts and verdict for learning, the text until the workspace's retention ends. */
export async function saveTriage(
  prisma: PrismaClient,
  where: Where,
  lead: ParsedLead,
  verdict: Verdict,
): Promise<string> {
  const days = await retentionDays(prisma, where.workspaceId);
  return recordCheck(prisma, checkRecord(where, lead, verdict, days));
}
