import {
  acceptedThemes,
  type Theme,
  themeMessages,
  themesSchema,
  worthTheming,
} from "../domain/digest/themes.js";
import { redactContacts } from "../domain/privacy/redact.js";
import type { LlmClient } from "./llm.js";

/** Groups a week's free-text reasons into themes for the digest with the optional LLM. Contacts are
 * redacted before anything is sent; a week with too little text, or a model that fails, gives no themes
 * (the digest goes out without them). Never throws. */
export class ThemeService {
  constructor(private readonly llm: LlmClient) {}

  async themes(repWords: readonly string[]): Promise<Theme[]> {
    if (!worthTheming(repWords)) return [];
    const texts = repWords.map((w) => redactContacts(w).replace(/\s+/g, " ").trim());
    const answer = await this.llm.ask("digest themes", {
      messages: themeMessages(texts),
      schema: themesSchema,
      name: "digest_themes",
      maxTokens: 600,
    });
    return answer.ok ? acceptedThemes(texts, answer.value) : [];
  }
}
