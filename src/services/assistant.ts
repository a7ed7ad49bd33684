import type { LlmConfig } from "../config.js";
import type { Logger } from "../logger.js";
import { createLlmClient } from "./llm.js";
import { ReasonMapper } from "./reasonMapping.js";
import { SummaryService, type SummaryStore } from "./summaries.js";
import { ThemeService } from "./themes.js";

/** What the optional LLM does, wired once over one client (one daily budget): lead readings (summary and
 * facts) reasons mapped from reps' words and digest themes. Undefined when no LLM is configured: rules only, nothing sent anywhere. */
export function createAssistant(llm: LlmConfig | undefined, logger: Logger, store?: SummaryStore) {
  const client = createLlmClient(llm, logger);
  if (llm === undefined || client === undefined) return undefined;
  return {
    summaries: new SummaryService(client, { sendRawText: llm.sendRawText }, logger, store),
    reasons: new ReasonMapper(client, logger),
    themes: new ThemeService(client),
  };
}

export type Assistant = NonNullable<ReturnType<typeof createAssistant>>;
