import type OpenAI from "openai";
import type { z } from "zod";

/** The SDK, loaded on the first call: most workspaces run without an LLM, and loading it costs every process
 * (the CLI's start, the app's memory) about 14 MB whether or not a model is configured. */
let sdk:
  | Promise<{
      OpenAI: typeof OpenAI;
      zodResponseFormat: typeof import("openai/helpers/zod").zodResponseFormat;
    }>
  | undefined;
const loadSdk = () =>
  (sdk ??= Promise.all([import("openai"), import("openai/helpers/zod")]).then(([main, helpers]) => ({
    OpenAI: main.default,
    zodResponseFormat: helpers.zodResponseFormat,
  })));

export interface ModelConfig {
  apiKey: string;
  baseUrl?: string;
  model: string;
  timeoutMs: number;
}

export type ChatMessage = { role: "system" | "user"; content: string };

/** One structured question: the messages, the zod schema the answer must fit, and its name for the API. */
export interface StructuredRequest<T> {
  messages: ChatMessage[];
  schema: z.ZodType<T>;
  name: string;
  maxTokens: number;
}

export type FailureWhy = "timeout" | "error" | "refused" | "invalid" | "rate_limited" | "budget";

/** What a call returns: the validated answer, or why there is none; token counts for the logs. */
export type ModelAnswer<T> =
  | { ok: true; value: T; tokens?: { prompt: number; completion: number } }
  | { ok: false; why: FailureWhy; status?: number };

/** The one place that talks to an OpenAI-compatible server: structured output from a zod schema, a hard
 * timeout, no retries (an answer that is late is simply unavailable). */
export class OpenAiModel {
  private client?: OpenAI;

  constructor(private readonly config: ModelConfig) {}

  async structured<T>(request: StructuredRequest<T>): Promise<ModelAnswer<T>> {
    const { OpenAI, zodResponseFormat } = await loadSdk();
    this.client ??= new OpenAI({
      apiKey: this.config.apiKey,
      ...(this.config.baseUrl ? { baseURL: this.config.baseUrl } : {}),
      timeout: this.config.timeoutMs,
      maxRetries: 0,
    });
    try {
      const completion = await this.client.chat.completions.parse({
        model: this.config.model,
        messages: request.messages,
        temperature: 0.2,
        max_tokens: request.maxTokens,
        // The helper's types want a zod object; every schema we send is one.
        response_format: zodResponseFormat(request.schema as never, request.name),
      });
      const message = completion.choices[0]?.message;
      if (message?.refusal) return { ok: false, why: "refused" };
      const parsed = request.schema.safeParse(message?.parsed);
      if (!parsed.success) return { ok: false, why: "invalid" };
      const usage = completion.usage;
      return {
        ok: true,
        value: parsed.data,
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

export type StructuredModel = Pick<OpenAiModel, "structured">;
