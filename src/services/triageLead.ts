import { type VerdictReport, verdictReport } from "../domain/personas/report.js";
import type { RuleSet } from "../domain/personas/schema.js";
import type { Logger } from "../logger.js";
import { linkMessages, type MessageLink, recordChecks } from "../store/checks.js";
import type { PrismaClient } from "../store/generated/client.js";
import { CheckWriter, type CheckWriterOptions } from "./checkWriter.js";
import { checkRecord, type Where } from "./recordTriage.js";
import { RuleBook } from "./ruleBook.js";
import { SettingsCache } from "./settingsCache.js";
import { triageText } from "./triage.js";

/** What triaging for a workspace needs: its rules, its settings, and where checks are kept. */
export interface TriageServices {
  ruleBook: RuleBook;
  settings: SettingsCache;
  writer: CheckWriter;
}

export interface TriageResult {
  /** The check's id, made before the verdict goes anywhere, so the verdict can carry it. */
  checkId: string;
  report: VerdictReport;
  /** Settles when the check is stored (true) or given up and logged (false); never rejects. */
  stored: Promise<boolean>;
}

/** Triages a lead for a workspace with its current rules and hands the check to the writer at once, before
 * the verdict is posted: a post that fails can never lose it. Throws EmptyLeadError for empty text. */
export async function triageLead(
  services: TriageServices,
  where: Where,
  text: string,
): Promise<TriageResult> {
  const settings = await services.settings.get(where.workspaceId);
  const rules = await services.ruleBook.rulesFor(where.workspaceId, settings.activeRuleSetVersion);
  const { lead, verdict } = triageText(text, rules);
  const kept = services.writer.keep(checkRecord(where, lead, verdict, settings.retentionDays));
  return { checkId: kept.id, report: verdictReport(lead, verdict), stored: kept.stored };
}

/** Records the message that carries a check's verdict (the lead's thread, where outcomes are reported). */
export function linkVerdictMessage(services: TriageServices, link: MessageLink): void {
  services.writer.link(link);
}

/** The production wiring: rules from the store (default pack until a workspace publishes its own), settings
 * cached briefly, checks written in small batches. `close` stores what is pending (on shutdown). */
export function createTriageServices(
  db: { prisma: PrismaClient; ping(): Promise<boolean> },
  defaultPack: RuleSet,
  logger: Logger,
  writerOptions: Partial<CheckWriterOptions> = {},
): TriageServices & { close(ms: number): Promise<void> } {
  const writer = new CheckWriter(
    {
      insert: (checks) => recordChecks(db.prisma, checks),
      linkMessages: (links) => linkMessages(db.prisma, links),
      ping: () => db.ping(),
    },
    logger,
    writerOptions,
  );
  return {
    ruleBook: new RuleBook(db.prisma, defaultPack),
    settings: new SettingsCache(db.prisma),
    writer,
    close: (ms) => writer.close(ms),
  };
}
