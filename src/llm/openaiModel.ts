import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { type LeadSummary, leadSummarySchema } from "../domain/summary/prompt.js";

export interface ModelConfig {
  apiKey: string;
  baseUrl?: string;
  model: string;
  timeoutMs: number;
}

/** What a summary call returns: the validated summary, or why there is none; token counts for the logs. */
export type ModelAnswer =
  | { ok: true; summary: LeadSummary; tokens?: { prompt: number; completion: number } }
  | { ok: false; why: "timeout" | "error" | "refused" | "invalid" | "rate_limited"; status?: number };

/** The one place that talks to an OpenAI-compatible server: structured output from a zod schema, a hard
 * timeout, no retries (a summary that is late is simply unavailable). */
export class OpenAiSummaryModel {
  private readonly client: OpenAI;

  constructor(private readonly config: ModelConfig) {
    this.client = new OpenAI({
      apiKey: config.apiKey,
      ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
      timeout: config.timeoutMs,
      maxRetries: 0,
    });
  }

  async summarize(messages: { role: "system" | "user"; content: string }[]): Promise<ModelAnswer> {
    try {
      const completion = await this.client.chat.completions.parse({
        model: this.config.model,
        messages,
        temperature: 0.2,
        max_tokens: 200,
        response_format: zodResponseFormat(leadSummarySchema, "lead_summary"),
      });
      const message = completion.choices[0]?.message;
      if (message?.refusal) return { ok: false, why: "refused" };
      const parsed = leadSummarySchema.safeParse(message?.parsed);
      if (!parsed.success) return { ok: false, why: "invalid" };
      const usage = completion.usage;
      return {
        ok: true,
        summary: parsed.data,
        ...(usage ? { tokens: { prompt: usage.prompt_tokens, completion: usage.completion_tokens } } : {}),
      };
    } catch (e) {
      if (e instanceof OpenAI.APIConnectionTimeoutError) return { ok: false, why: "timeout" };
      if (e instanceof OpenAI.RateLimitError) return { ok: false, why: "rate_limited", status: 429 };
      if (e instanceof OpenAI.APIError)
        return { ok: false, why: "error", ...(e.status ? { status: e.status } : {}) };
      // Unparseable or schema-violating JSON surfaces as a parse error from the SDK or zod.
      return { ok: false, why: "invalid" };
    }
  }
}

export type SummaryModel = Pick<OpenAiSummaryModel, "summarize">;
