import { createHash } from "node:crypto";
import type { LlmConfig } from "../config.js";
import { redactLead } from "../domain/privacy/redact.js";
import { acceptableSummary, type SummaryInput, summaryMessages } from "../domain/summary/prompt.js";
import { OpenAiSummaryModel, type SummaryModel } from "../llm/openaiModel.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";

/** A summary, or why it is not there ("summary unavailable" on the verdict). */
export type SummaryResult = { summary: string; cached?: boolean } | { unavailable: string };

export interface SummaryOptions {
  /** Calls per UTC day; beyond it summaries are unavailable until tomorrow. */
  dailyBudget: number;
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
  private readonly cache = new Map<string, string>();
  private day = "";
  private calls = 0;

  constructor(
    private readonly model: SummaryModel,
    private readonly options: SummaryOptions,
    private readonly logger: Logger,
    private readonly store?: Pick<Store, "checks">,
  ) {}

  /** Summarizes a checked lead and keeps the summary with its check (so the verdict keeps it). */
  async summarizeCheck(
    checkId: string,
    text: string,
    facts: Record<string, unknown>,
  ): Promise<SummaryResult> {
    const result = await this.summarize(text, facts);
    if ("summary" in result && this.store) {
      await this.store.checks.setSummary(checkId, result.summary).catch((e: unknown) => {
        this.logger.warn({ err: (e as Error).message, check: checkId }, "keeping the summary failed");
      });
    }
    return result;
  }

  async summarize(text: string, facts: Record<string, unknown>): Promise<SummaryResult> {
    const names = typeof facts.name === "string" ? [facts.name] : [];
    const input: SummaryInput = {
      facts: Object.fromEntries(Object.entries(facts).filter(([k]) => !PERSONAL.has(k))),
      ...(this.options.sendRawText ? { redactedText: redactLead(text, names).slice(0, 4_000) } : {}),
    };
    const key = createHash("sha256").update(JSON.stringify(input)).digest("hex");
    const hit = this.cache.get(key);
    if (hit !== undefined) return { summary: hit, cached: true };
    const today = new Date().toISOString().slice(0, 10);
    if (today !== this.day) {
      this.day = today;
      this.calls = 0;
    }
    if (this.calls >= this.options.dailyBudget) return { unavailable: "daily budget reached" };
    this.calls++;
    const started = performance.now();
    const answer = await this.model.summarize(summaryMessages(input));
    const ms = Math.round(performance.now() - started);
    if (!answer.ok) {
      this.logger.warn({ why: answer.why, status: answer.status, ms }, "summary unavailable");
      return { unavailable: answer.why };
    }
    // Counts only: never the prompt or the answer.
    this.logger.info({ ms, tokens: answer.tokens }, "summary written");
    const summary = answer.summary.summary.replace(/\s+/g, " ").trim();
    if (!acceptableSummary(summary)) {
      this.logger.warn({ ms }, "summary dropped: it judged the lead");
      return { unavailable: "refused" };
    }
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, summary);
    return { summary };
  }
}

/** The summary service when an LLM is configured; undefined (rules only, nothing sent) otherwise. */
export function createSummaryService(
  llm: LlmConfig | undefined,
  logger: Logger,
  store?: Pick<Store, "checks">,
): SummaryService | undefined {
  if (llm === undefined) return undefined;
  const model = new OpenAiSummaryModel({
    apiKey: llm.apiKey,
    ...(llm.baseUrl ? { baseUrl: llm.baseUrl } : {}),
    model: llm.model,
    timeoutMs: llm.timeoutMs,
  });
  return new SummaryService(
    model,
    { dailyBudget: llm.dailyBudget, sendRawText: llm.sendRawText },
    logger,
    store,
  );
}
