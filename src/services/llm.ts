import type { LlmConfig } from "../config.js";
import {
  type ModelAnswer,
  OpenAiModel,
  type StructuredModel,
  type StructuredRequest,
} from "../llm/openaiModel.js";
import type { Logger } from "../logger.js";

/** The optional LLM as the services use it: one daily call budget for every purpose (summaries, reason
 * mapping, digest themes), and one log line per call with counts only, never the prompt or the answer. */
export class LlmClient {
  private day = "";
  private calls = 0;

  constructor(
    private readonly model: StructuredModel,
    private readonly dailyBudget: number,
    private readonly logger: Logger,
  ) {}

  async ask<T>(purpose: string, request: StructuredRequest<T>): Promise<ModelAnswer<T>> {
    const today = new Date().toISOString().slice(0, 10);
    if (today !== this.day) {
      this.day = today;
      this.calls = 0;
    }
    if (this.calls >= this.dailyBudget) return { ok: false, why: "budget" };
    this.calls++;
    const started = performance.now();
    const answer = await this.model.structured(request);
    const ms = Math.round(performance.now() - started);
    if (answer.ok) this.logger.info({ purpose, ms, tokens: answer.tokens }, "model answered");
    else this.logger.warn({ purpose, ms, why: answer.why, status: answer.status }, "model unavailable");
    return answer;
  }
}

/** The LLM client when one is configured; undefined (rules only, nothing sent anywhere) otherwise. */
export function createLlmClient(llm: LlmConfig | undefined, logger: Logger): LlmClient | undefined {
  if (llm === undefined) return undefined;
  const model = new OpenAiModel({
    apiKey: llm.apiKey,
    ...(llm.baseUrl ? { baseUrl: llm.baseUrl } : {}),
    model: llm.model,
    timeoutMs: llm.timeoutMs,
  });
  return new LlmClient(model, llm.dailyBudget, logger);
}
