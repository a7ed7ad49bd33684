import { createHash } from "node:crypto";
import type { ParsedLead } from "../domain/lead/facts.js";
import type { VerdictReport } from "../domain/personas/report.js";
import type { Verdict } from "../domain/personas/verdict.js";
import { redactLead } from "../domain/privacy/redact.js";
import { type ModelFacts, revisedReport, reviseWithModelFacts } from "../domain/summary/inferredFacts.js";
import {
  acceptableSummary,
  leadReadingSchema,
  type SummaryInput,
  summaryMessages,
} from "../domain/summary/prompt.js";
import type { Logger } from "../logger.js";
import type { LlmClient } from "./llm.js";
import type { CheckRepository } from "./ports/index.js";
import { verdictFields } from "./recordTriage.js";

/** A summary and the facts the model read, or why there is none ("summary unavailable" on the verdict). */
export type SummaryResult =
  | { summary: string; facts?: ModelFacts; cached?: boolean }
  | { unavailable: string };

/** Where readings are kept: with their checks. */
export interface SummaryStore {
  checks: Pick<CheckRepository, "setSummary" | "reviseVerdict">;
}

/** A triaged lead as the model reads it: what the verdict was made from, and where it is kept. */
export interface TriagedLead {
  checkId?: string;
  lead: ParsedLead;
  verdict: Verdict;
  rules: { evaluate(lead: ParsedLead): Verdict };
  report: VerdictReport;
  /** Settles when the check is stored; revisions wait for it. */
  stored?: Promise<boolean>;
}

/** What the model added to a verdict: the summary, and the report given again with the facts it read. */
export interface LeadReading {
  summary: SummaryResult;
  report: VerdictReport;
}

export interface SummaryOptions {
  /** false: only the extracted facts are sent, never the lead's text (even redacted). */
  sendRawText: boolean;
}

/** Facts never sent: they identify the person. */
const PERSONAL = new Set(["name", "email", "website"]);
const CACHE_MAX = 5_000;

/** Lead summaries from an optional LLM: the prompt is redacted (emails, phones, the person's name) and
 * carries the lead as data; answers are validated and a summary that claims a verdict is dropped. The same
 * redacted input is answered from a cache; a daily call budget caps cost. Never throws. */
export class SummaryService {
  private readonly cache = new Map<string, { summary: string; facts: ModelFacts }>();

  constructor(
    private readonly llm: LlmClient,
    private readonly options: SummaryOptions,
    private readonly logger: Logger,
    private readonly store?: SummaryStore,
  ) {}

  /** Reads a triaged lead: a summary, and the facts the parser missed, grounded in quoted words and judged
   * by the rules (never by the model). Keeps both with the check once it is stored. Never throws. */
  async read(triaged: TriagedLead): Promise<LeadReading> {
    const summary = await this.summarize(triaged.lead.text, triaged.report.facts as Record<string, unknown>);
    if (!("summary" in summary)) return { summary, report: triaged.report };
    const revision = summary.facts
      ? reviseWithModelFacts(triaged.lead, triaged.verdict, triaged.rules, summary.facts)
      : undefined;
    const report = revision ? revisedReport(revision) : triaged.report;
    const { checkId } = triaged;
    if (this.store && checkId !== undefined && (await (triaged.stored ?? Promise.resolve(true)))) {
      try {
        await this.store.checks.setSummary(checkId, summary.summary);
        if (revision?.judged)
          await this.store.checks.reviseVerdict(checkId, {
            ...verdictFields(revision.lead, revision.verdict),
            inferredFacts: revision.inferred.map((f) => f.name),
            inferredSpans: revision.inferred.flatMap((f) => [f.span.start, f.span.end]),
          });
      } catch (e) {
        this.logger.warn({ err: (e as Error).message, check: checkId }, "keeping the reading failed");
      }
    }
    if (revision)
      this.logger.info(
        { inferred: revision.inferred.map((f) => f.name), judged: revision.judged },
        "facts read by the model",
      );
    return { summary, report };
  }

  async summarize(text: string, facts: Record<string, unknown>): Promise<SummaryResult> {
    const names = typeof facts.name === "string" ? [facts.name] : [];
    const input: SummaryInput = {
      facts: Object.fromEntries(Object.entries(facts).filter(([k]) => !PERSONAL.has(k))),
      ...(this.options.sendRawText ? { redactedText: redactLead(text, names).slice(0, 4_000) } : {}),
    };
    const key = createHash("sha256").update(JSON.stringify(input)).digest("hex");
    const hit = this.cache.get(key);
    if (hit !== undefined) return { ...hit, cached: true };
    const answer = await this.llm.ask("summary", {
      messages: summaryMessages(input),
      schema: leadReadingSchema,
      name: "lead_reading",
      maxTokens: 400,
    });
    if (!answer.ok) return { unavailable: answer.why === "budget" ? "daily budget reached" : answer.why };
    const summary = answer.value.summary.replace(/\s+/g, " ").trim();
    if (!acceptableSummary(summary)) {
      // A model that judged the lead may have been steered by it: its facts are dropped too.
      this.logger.warn("summary dropped: it judged the lead");
      return { unavailable: "refused" };
    }
    const reading = { summary, facts: answer.value.facts };
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, reading);
    return reading;
  }
}
