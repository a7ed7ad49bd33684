import { type VerdictReport, verdictReport } from "../domain/personas/report.js";
import { recordCheck } from "../store/checks.js";
import type { PrismaClient } from "../store/generated/client.js";
import { workspaceSettings } from "../store/workspaces.js";
import { checkRecord, type Where } from "./recordTriage.js";
import type { RuleBook } from "./ruleBook.js";
import { triageText } from "./triage.js";

export interface PreparedTriage {
  report: VerdictReport;
  /** Keeps the check, with the ts of the message that carries the verdict when there is one. */
  keep(message?: { channelId: string; messageTs: string; threadTs?: string }): Promise<string>;
}

/** Triages a lead for a workspace with its current rules (one query reads the workspace's settings). The
 * check is kept by `keep`, once the verdict's message exists, so it is written once with its message ts.
 * Throws EmptyLeadError for empty text. Shared by every Slack surface. */
export async function triageLead(
  prisma: PrismaClient,
  ruleBook: RuleBook,
  where: Where,
  text: string,
): Promise<PreparedTriage> {
  const settings = await workspaceSettings(prisma, where.workspaceId);
  const rules = await ruleBook.rulesFor(where.workspaceId, settings.activeRuleSetVersion);
  const { lead, verdict } = triageText(text, rules);
  return {
    report: verdictReport(lead, verdict),
    keep: (message) =>
      recordCheck(
        prisma,
        checkRecord(
          {
            ...where,
            ...(message
              ? {
                  channelId: message.channelId,
                  messageTs: message.messageTs,
                  threadTs: message.threadTs ?? message.messageTs,
                }
              : {}),
          },
          lead,
          verdict,
          settings.retentionDays,
        ),
      ),
  };
}
