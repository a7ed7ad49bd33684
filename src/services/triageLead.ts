import { type VerdictReport, verdictReport } from "../domain/personas/report.js";
import type { RuleSet } from "../domain/personas/schema.js";
import type { NewCheck } from "../store/checks.js";
import type { PrismaClient } from "../store/generated/client.js";
import { CheckWriter } from "./checkWriter.js";
import { checkRecord, type Where } from "./recordTriage.js";
import { RuleBook } from "./ruleBook.js";
import { SettingsCache } from "./settingsCache.js";
import { triageText } from "./triage.js";

/** What triaging for a workspace needs: its rules, its settings, and where checks are kept. */
export interface TriageServices {
  ruleBook: RuleBook;
  settings: SettingsCache;
  keep: (check: NewCheck) => Promise<string>;
}

export interface PreparedTriage {
  report: VerdictReport;
  /** Keeps the check, with the ts of the message that carries the verdict when there is one. */
  keep(message?: { channelId: string; messageTs: string; threadTs: string }): Promise<string>;
}

/** Triages a lead for a workspace with its current rules (one query reads the workspace's settings). The
 * check is kept by `keep`, once the verdict's message exists, so it is written once with its message ts.
 * Throws EmptyLeadError for empty text. Shared by every Slack surface. */
export async function triageLead(
  services: TriageServices,
  where: Where,
  text: string,
): Promise<PreparedTriage> {
  const settings = await services.settings.get(where.workspaceId);
  const rules = await services.ruleBook.rulesFor(where.workspaceId, settings.activeRuleSetVersion);
  const { lead, verdict } = triageText(text, rules);
  return {
    report: verdictReport(lead, verdict),
    keep: (message) =>
      services.keep(checkRecord({ ...where, ...message }, lead, verdict, settings.retentionDays)),
  };
}

/** The production wiring: rules from the store (default pack until a workspace publishes its own), settings
 * cached briefly, checks written in small batches. `flush` stores what is pending (on shutdown). */
export function createTriageServices(
  prisma: PrismaClient,
  defaultPack: RuleSet,
): TriageServices & { flush(): Promise<void> } {
  const writer = new CheckWriter(prisma);
  return {
    ruleBook: new RuleBook(prisma, defaultPack),
    settings: new SettingsCache(prisma),
    keep: (check) => writer.keep(check),
    flush: () => writer.flush(),
  };
}
