import { type VerdictReport, verdictReport } from "../domain/personas/report.js";
import { setCheckMessage } from "../store/checks.js";
import type { PrismaClient } from "../store/generated/client.js";
import { ensureWorkspace } from "../store/workspaces.js";
import { saveTriage, type Where } from "./recordTriage.js";
import type { RuleBook } from "./ruleBook.js";
import { triageText } from "./triage.js";

export interface TriageResult {
  checkId: string;
  report: VerdictReport;
}

/** Triages a lead for a workspace with its current rules and keeps the check. Throws EmptyLeadError for
 * empty text. Shared by every Slack surface (and usable by any other front end). */
export async function triageLead(
  prisma: PrismaClient,
  ruleBook: RuleBook,
  where: Where,
  text: string,
): Promise<TriageResult> {
  await ensureWorkspace(prisma, where.workspaceId);
  const rules = await ruleBook.rulesFor(where.workspaceId);
  const { lead, verdict } = triageText(text, rules);
  const checkId = await saveTriage(prisma, where, lead, verdict);
  return { checkId, report: verdictReport(lead, verdict) };
}

export async function linkVerdictMessage(
  prisma: PrismaClient,
  checkId: string,
  where: { channelId: string; messageTs: string; threadTs?: string },
): Promise<void> {
  await setCheckMessage(prisma, checkId, where);
}
