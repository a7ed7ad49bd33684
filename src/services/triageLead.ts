import type { MessageLink } from "../domain/checks.js";
import type { ParsedLead } from "../domain/lead/facts.js";
import { parseLead } from "../domain/lead/parse.js";
import { type HistoryFacts, historyFacts } from "../domain/memory/facts.js";
import { type LeadHistory, type PriorCheck, repeatedCheck } from "../domain/memory/history.js";
import { leadIdentity } from "../domain/memory/identity.js";
import type { CompiledRuleSet } from "../domain/personas/compile.js";
import { type VerdictReport, verdictReport } from "../domain/personas/report.js";
import type { Verdict } from "../domain/personas/verdict.js";
import type { Logger } from "../logger.js";
import { CheckWriter, type CheckWriterOptions } from "./checkWriter.js";
import { LeadMemory } from "./leadMemory.js";
import { inlineLeadReader, type LeadReader } from "./leadReader.js";
import type { Repositories } from "./ports/index.js";
import { checkRecord, type Where } from "./recordTriage.js";
import { type DefaultPack, RuleBook } from "./ruleBook.js";
import { SettingsCache } from "./settingsCache.js";
import { EmptyLeadError } from "./triage.js";

/** The workspace of CLI checks: the command line is not a Slack team. */
export const CLI_WORKSPACE = "cli";

/** What triaging for a workspace needs: its rules, its settings, and where checks are kept. */
export interface TriageServices {
  ruleBook: RuleBook;
  settings: SettingsCache;
  writer: CheckWriter;
  /** Reads the lead's text: on a thread of its own in the app, so no lead delays another's ack. */
  reader: LeadReader;
  /** What the workspace already knows about the lead's person and company (absent: no memory). */
  memory?: LeadMemory;
}

export interface TriageResult {
  /** The check's id, made before the verdict goes anywhere, so the verdict can carry it. */
  checkId: string;
  report: VerdictReport;
  /** What the verdict was made from, so it can be given again with more facts (the optional LLM's). */
  lead: ParsedLead;
  verdict: Verdict;
  rules: CompiledRuleSet;
  /** Settles when the check is stored (true) or given up and logged (false); never rejects. */
  stored: Promise<boolean>;
  /** The workspace's earlier checks of the same person and company (empty when none, or no memory). */
  history: LeadHistory;
  /** The same person's check within 30 days that this one repeats. */
  repeatOf?: PriorCheck;
  /** With `post`: where the verdict was posted (undefined: it was not); rejects as `post` did. */
  posted?: Promise<PostedVerdict | undefined>;
}

/** Where a verdict's message was posted: its check is linked to it (the lead's thread, where outcomes are
 * reported). */
export type PostedVerdict = Omit<MessageLink, "id">;

/** Triages a lead for a workspace with its current rules (or `options.rules`, a rule file the caller chose)
 * and hands the check to the writer at once, before the verdict goes anywhere: a post that fails can never
 * lose it. With `post` (the surface posts the verdict in a channel, now or from its own queue) the writer holds
 * the check briefly (at most its linkWaitMs) for the message's ts, so both go in one INSERT, and this links the
 * check to where `post` says it went, or lets it go at once when it went nowhere or failed: the surface only
 * posts. The one path from every surface (Slack, `check`, `check --file`) to the store. Throws EmptyLeadError
 * for empty text. */
export async function triageLead(
  services: TriageServices,
  where: Where,
  text: string,
  options: {
    rules?: CompiledRuleSet;
    /** Posts the verdict; resolves to where it went, or undefined when it was not posted in a channel. */
    post?: (result: TriageResult) => Promise<PostedVerdict | undefined>;
    /** The check's id when the caller has one already (an inbound lead's own, so a retry finds its check). */
    checkId?: string;
  } = {},
): Promise<TriageResult> {
  if (text.trim().length === 0) throw new EmptyLeadError();
  const [{ rules, retentionDays }, read] = await Promise.all([
    rulesInForce(services, where.workspaceId, options.rules),
    services.reader.read(text),
  ]);
  const { keys, history: recalled } = services.memory
    ? await services.memory.recall(where.workspaceId, leadIdentity(read))
    : { keys: {}, history: undefined };
  const now = where.createdAt ?? new Date();
  // The rules read the history as facts; a history that could not be read is unknown, not empty.
  const lead = recalled ? { ...read, history: historyFacts(recalled, now) } : read;
  const history = recalled ?? {};
  const repeatOf = repeatedCheck(history, now);
  const { verdict, record } = decideParsed(where, lead, rules, retentionDays);
  const kept = services.writer.keep(
    {
      ...record,
      ...keys,
      ...(repeatOf ? { repeatOf: repeatOf.id } : {}),
      ...(options.checkId ? { id: options.checkId } : {}),
    },
    { awaitLink: options.post !== undefined },
  );
  const result: TriageResult = {
    checkId: kept.id,
    report: verdictReport(lead, verdict),
    lead,
    verdict,
    rules,
    stored: kept.stored,
    history,
    ...(repeatOf ? { repeatOf } : {}),
  };
  if (options.post) result.posted = settlePost(services, kept.id, options.post, result);
  return result;
}

/** Runs the surface's post and settles the held check whatever it gives: linked to its message, or let go. */
function settlePost(
  services: TriageServices,
  checkId: string,
  post: (result: TriageResult) => Promise<PostedVerdict | undefined>,
  result: TriageResult,
): Promise<PostedVerdict | undefined> {
  let posting: Promise<PostedVerdict | undefined>;
  try {
    posting = post(result);
  } catch (e) {
    posting = Promise.reject(e);
  }
  posting.then(
    (at) => (at ? services.writer.link({ id: checkId, ...at }) : services.writer.release(checkId)),
    () => services.writer.release(checkId),
  );
  return posting;
}

/** The rules a workspace triages with now (or `override`, a rule file the caller chose) and how long it
 * keeps lead text. */
export async function rulesInForce(
  services: TriageServices,
  workspaceId: string,
  override?: CompiledRuleSet,
): Promise<{ rules: CompiledRuleSet; retentionDays: number }> {
  const settings = await services.settings.get(workspaceId);
  const rules = override ?? (await services.ruleBook.rulesFor(workspaceId, settings.activeRuleSetVersion));
  return { rules, retentionDays: settings.retentionDays };
}

/** What a read lead yields for a workspace with these rules: the verdict and the check to keep. The one
 * decision every surface makes: triageLead (the lead read on the app's reading thread) and decideCheck. */
export function decideParsed(where: Where, lead: ParsedLead, rules: CompiledRuleSet, retentionDays: number) {
  const verdict = rules.evaluate(lead);
  return { verdict, record: checkRecord(where, lead, verdict, retentionDays) };
}

/** What a text yields, read here: the lead, the verdict and the check to keep (the worker threads that
 * triage files in bulk), judged with `history` when the memory's is known. Throws EmptyLeadError for empty text. */
export function decideCheck(
  where: Where,
  text: string,
  rules: CompiledRuleSet,
  retentionDays: number,
  history?: HistoryFacts,
) {
  if (text.trim().length === 0) throw new EmptyLeadError();
  const parsed = parseLead(text);
  const lead = history ? { ...parsed, history } : parsed;
  return { lead, ...decideParsed(where, lead, rules, retentionDays) };
}

/** Records the message that carries a kept check's verdict, posted again later (an inbound lead whose first
 * post was lost). A fresh verdict's message is linked by triageLead's `post`. */
export function linkVerdictMessage(services: TriageServices, link: MessageLink): void {
  services.writer.link(link);
}

/** The production wiring: rules from the store (default pack until a workspace publishes its own), settings
 * cached briefly, checks written in batches. `close` stores what is pending (on shutdown). */
export function createTriageServices(
  db: { store: Repositories; ping(): Promise<boolean>; leadHashKey?: Buffer | undefined },
  defaultPack: DefaultPack,
  logger: Logger,
  writerOptions: Partial<CheckWriterOptions> = {},
  reader: LeadReader = inlineLeadReader,
): TriageServices & { close(ms: number): Promise<void> } {
  const writer = new CheckWriter(
    {
      insert: (checks) => db.store.checks.insert(checks),
      linkMessages: (links) => db.store.checks.linkMessages(links),
      ping: () => db.ping(),
      refusedByDatabase: (e) => db.store.checks.refusedByDatabase(e),
    },
    logger,
    writerOptions,
  );
  return {
    ruleBook: new RuleBook(db.store.ruleSets, defaultPack),
    settings: new SettingsCache(db.store.workspaces),
    writer,
    reader,
    memory: new LeadMemory(db.store, db.leadHashKey),
    // The reader is the caller's: it may serve more than these services.
    close: (ms) => writer.close(ms),
  };
}
