import type { StoredCheck } from "../domain/checks.js";
import { EXIT_USAGE, UserError } from "../domain/errors.js";
import { parseLead } from "../domain/lead/parse.js";
import { keptHistory } from "../domain/memory/facts.js";
import type { OutcomeKind, ShownOutcome } from "../domain/outcomes/kinds.js";
import { readOutcomeReport } from "../domain/outcomes/readReport.js";
import { mayGiveReason } from "../domain/outcomes/reasonMapping.js";
import type { ReasonTaxonomy } from "../domain/outcomes/taxonomy.js";
import { type VerdictReport, verdictReport } from "../domain/personas/report.js";
import { keptInferredFacts, revisedReport, withInferredFacts } from "../domain/summary/inferredFacts.js";
import type { LeadMemory } from "./leadMemory.js";
import type { CheckRepository, OutcomeRepository } from "./ports/index.js";
import type { ReasonMapper } from "./reasonMapping.js";
import type { ReasonService } from "./reasons.js";
import type { RuleBook } from "./ruleBook.js";

/** An outcome for a check that does not exist, or that belongs to another workspace. */
export class UnknownCheckError extends UserError {
  constructor() {
    super(
      "I can't find that lead in this workspace: use the buttons on its verdict, or reply in the verdict's thread.",
      "unknown_check",
      EXIT_USAGE,
    );
  }
}

/** A reason that is not in the workspace's taxonomy (a stale form, or a typed id). */
export class UnknownReasonError extends UserError {
  constructor() {
    super(
      "That reason is not in this workspace's list: `/triage reasons` shows them.",
      "unknown_reason",
      EXIT_USAGE,
    );
  }
}

/** What the Slack side needs to know of a check. */
export interface CheckRef {
  id: string;
  workspaceId: string;
  channelId: string | null;
  messageTs: string | null;
  threadTs: string | null;
  /** The LLM's summary on the verdict, when one was written. */
  summary?: string | null;
}

/** What a kept check holds beside its verdict: where it came from, when, its facts (no name or address) and the
 * lead's words until they are purged. */
export interface KeptCheck {
  inputKind: string;
  createdAt: Date;
  facts: Record<string, unknown>;
  rawText: string | null;
}

export interface OutcomeReport {
  workspaceId: string;
  checkId: string;
  kind: OutcomeKind;
  /** A reason id of the workspace's taxonomy. */
  reason?: string;
  /** The rep's own words (a note, or the reply). */
  repWords?: string;
  userId?: string;
  /** The thread reply that reported it. */
  sourceTs?: string;
}

export interface RecordedOutcome {
  check: CheckRef;
  /** The outcome that stands: the one reported, unless a report made at the same moment came after it. */
  outcome: ShownOutcome;
  /** Set when another report made at the same moment stands instead: this one is history. */
  overruled?: boolean;
  /** The check's verdict as it was given, replayed, to show the outcome on it. */
  verdict: VerdictReport;
  /** What the team knew when the check was made, as its verdict showed it (absent: no lead memory). */
  history?: Awaited<ReturnType<LeadMemory["historyAsOf"]>>;
}

/** An outcome as a verdict shows it, the reason in the workspace's words. */
function shownOutcome(
  o: { kind: OutcomeKind; reason?: string | null; userId?: string | null; createdAt: Date },
  taxonomy: ReasonTaxonomy,
): ShownOutcome {
  return {
    kind: o.kind,
    ...(o.reason ? { reason: o.reason, reasonLabel: taxonomy.label(o.reason) } : {}),
    ...(o.userId ? { userId: o.userId } : {}),
    at: o.createdAt,
  };
}

const ref = (row: StoredCheck): CheckRef => ({
  id: row.id,
  workspaceId: row.workspaceId,
  channelId: row.channelId,
  messageTs: row.messageTs,
  threadTs: row.threadTs,
  summary: row.summary,
});

/** What a rep's words say became of a lead, read the same way on every surface (a thread reply, `/triage
 * outcome`, the CLI's `outcome`). */
export type OutcomeWords =
  /** Conversation, not a report. */
  | { kind: "none" }
  /** Outcome words, but not clearly a report: ask rather than guess. */
  | { kind: "unsure" }
  | {
      kind: "report";
      outcome: OutcomeKind;
      /** The reason the words name, in the workspace's taxonomy. */
      reason?: string;
      /** No reason found in words that may give one, and a model to ask (see reasonByModel). */
      askModel: boolean;
      taxonomy: ReasonTaxonomy;
    };

/** Recording what became of a lead, from any surface, and showing it on the lead's verdict. */
export class OutcomeService {
  constructor(
    private readonly store: { checks: CheckRepository; outcomes: OutcomeRepository },
    private readonly ruleBook: RuleBook,
    private readonly reasons: ReasonService,
    private readonly memory?: LeadMemory,
    /** The optional LLM's reading of reasons the synonyms cannot read. */
    private readonly reasonMapper?: ReasonMapper,
  ) {}

  /** Reads a rep's words with the workspace's reasons: what happened (or `outcome`, when the surface asked for it
   * apart, as a command does) and why. `waitMs` bounds the wait for the taxonomy (the defaults after it). */
  async readWords(
    workspaceId: string,
    words: string,
    options: { outcome?: OutcomeKind; waitMs?: number } = {},
  ): Promise<OutcomeWords> {
    const taxonomy =
      options.waitMs === undefined
        ? await this.reasons.taxonomy(workspaceId)
        : await this.reasons.taxonomyWithin(workspaceId, options.waitMs);
    const text = words.trim();
    let outcome = options.outcome;
    let reason: string | undefined;
    if (outcome === undefined) {
      const reading = readOutcomeReport(text, taxonomy);
      if (reading.kind !== "report") return { kind: reading.kind };
      outcome = reading.outcome;
      reason = reading.reason;
    } else if (outcome !== "won") {
      // A command's words may be the reason's id as listed (`/triage reasons`), or words that name it.
      reason = taxonomy.has(text) ? text : taxonomy.find(text);
    }
    const askModel =
      this.reasonMapper !== undefined && outcome !== "won" && reason === undefined && mayGiveReason(text);
    return {
      kind: "report",
      outcome,
      ...(reason ? { reason } : {}),
      askModel,
      taxonomy,
    };
  }

  /** The reason the model reads in words the synonyms could not read (a reading whose askModel is set); undefined
   * when it finds none that holds up, or there is no model. Slow: callers keep it off database slots. */
  async reasonByModel(
    reading: Extract<OutcomeWords, { kind: "report" }>,
    words: string,
  ): Promise<string | undefined> {
    return this.reasonMapper?.mapOne(reading.taxonomy, words.trim());
  }

  /** The history the check's verdict showed, to show it again when the message is updated. */
  private async historyOf(row: StoredCheck): Promise<Pick<RecordedOutcome, "history">> {
    if (this.memory === undefined) return {};
    const company = row.facts.company;
    return {
      history: await this.memory.historyAsOf({
        ...row,
        ...(typeof company === "string" && company.trim() ? { companyLabel: company.trim() } : {}),
      }),
    };
  }

  /** Records an outcome (the previous one stays as history). Refuses a check of another workspace. */
  async report(report: OutcomeReport): Promise<RecordedOutcome> {
    const row = await this.store.checks.findInWorkspace(report.workspaceId, report.checkId);
    if (row === undefined) throw new UnknownCheckError();
    const taxonomy = await this.reasons.taxonomy(report.workspaceId);
    if (report.reason !== undefined && !taxonomy.has(report.reason)) throw new UnknownReasonError();
    const id = await this.store.outcomes.record({
      checkId: row.id,
      kind: report.kind,
      ...(report.reason ? { reason: report.reason } : {}),
      ...(report.repWords ? { repWords: report.repWords.slice(0, 2_000) } : {}),
      ...(report.userId ? { userId: report.userId } : {}),
      ...(report.sourceTs ? { sourceTs: report.sourceTs } : {}),
    });
    // Reports on one verdict are settled in the database, the last standing: tell this one what stands.
    const current = await this.store.outcomes.current(row.id);
    const overruled = current !== null && current.id !== id;
    return {
      check: ref(row),
      outcome: overruled
        ? shownOutcome(current, taxonomy)
        : shownOutcome({ ...report, createdAt: new Date() }, taxonomy),
      ...(overruled ? { overruled } : {}),
      verdict: await this.replay(row),
      ...(await this.historyOf(row)),
    };
  }

  /** A kept check and its verdict as it was given (to post again a verdict whose post failed); undefined when the
   * workspace has no such check (yet). */
  async storedVerdict(
    workspaceId: string,
    checkId: string,
    options: { history?: boolean } = {},
  ): Promise<(Omit<RecordedOutcome, "outcome"> & { outcome?: ShownOutcome; kept: KeptCheck }) | undefined> {
    const row = await this.store.checks.findInWorkspace(workspaceId, checkId);
    if (row === undefined) return undefined;
    const kept: KeptCheck = {
      inputKind: row.inputKind,
      createdAt: row.createdAt,
      facts: row.facts,
      rawText: row.rawText,
    };
    return {
      check: ref(row),
      kept,
      verdict: await this.replay(row),
      ...(options.history === false ? {} : await this.historyOf(row)),
    };
  }

  /** The workspace's current outcomes, newest first. */
  list(workspaceId: string, limit = 50) {
    return this.store.outcomes.list(workspaceId, limit);
  }

  /** The check whose verdict thread this is, if it is one (in this workspace). */
  async checkForThread(
    workspaceId: string,
    channelId: string,
    threadTs: string,
  ): Promise<CheckRef | undefined> {
    const row = await this.store.checks.findByMessage(channelId, threadTs);
    return row && row.workspaceId === workspaceId ? ref(row) : undefined;
  }

  /** Withdraws what a thread reply had reported (it was deleted, or edited into something else). Resolves to
   * the check's verdict with the outcome now current (if any), or undefined when the reply reported nothing. */
  async withdraw(
    check: CheckRef,
    sourceTs: string,
  ): Promise<(Omit<RecordedOutcome, "outcome"> & { outcome?: RecordedOutcome["outcome"] }) | undefined> {
    if (!(await this.store.outcomes.withdrawBySource(check.id, sourceTs))) return undefined;
    const row = await this.store.checks.findInWorkspace(check.workspaceId, check.id);
    if (row === undefined) return undefined;
    const current = await this.store.outcomes.current(check.id);
    const taxonomy = await this.reasons.taxonomy(check.workspaceId);
    return {
      check: ref(row),
      verdict: await this.replay(row),
      ...(await this.historyOf(row)),
      ...(current ? { outcome: shownOutcome(current, taxonomy) } : {}),
    };
  }

  /** The verdict the check was given: replayed from its text with the rule-set version it used (verdicts
   * are deterministic); once the text is purged, rebuilt from what the check kept. */
  private async replay(row: StoredCheck): Promise<VerdictReport> {
    const rules = await this.ruleBook.rulesForVersion(row.workspaceId, row.ruleSetVersion);
    if (row.rawText && rules) {
      // Judged again with the history it was judged with: the verdict shown again is the one stored.
      const lead = { ...parseLead(row.rawText), ...keptHistory(row.history) };
      // Facts the LLM read were judged with the rest: the verdict shown again is the one stored.
      const inferred = keptInferredFacts(lead.text, row.inferredFacts, row.inferredSpans, row.facts);
      if (inferred.length === 0) return verdictReport(lead, rules.evaluate(lead));
      const enriched = withInferredFacts(lead, inferred);
      return revisedReport({ lead: enriched, verdict: rules.evaluate(enriched), inferred, judged: true });
    }
    return {
      decision: row.decision,
      risk: row.risk,
      matches: row.matchedRules.map((id) => {
        const [persona = id, rule = id] = id.split("/");
        return { persona, rule, reason: `Matched ${id}`, weight: null, exclude: false, evidence: [] };
      }),
      fits: [],
      facts: row.facts,
      inferred: row.inferredFacts,
      // Where the other facts were read is not kept once the text is purged; which were second-hand is.
      sources: Object.fromEntries(row.inferredFacts.map((name) => [name, "inferred"])),
      ...(row.secondHandFacts.length > 0 ? { secondHand: row.secondHandFacts } : {}),
      missing: row.missing,
      ruleSetVersion: row.ruleSetVersion,
    };
  }
}
