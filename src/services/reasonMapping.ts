import { createHash } from "node:crypto";
import {
  acceptedMappings,
  MAPPING_BATCH,
  reasonMappingMessages,
  reasonMappingSchema,
} from "../domain/outcomes/reasonMapping.js";
import type { ReasonTaxonomy } from "../domain/outcomes/taxonomy.js";
import { redactContacts } from "../domain/privacy/redact.js";
import { foldPhrase } from "../domain/text.js";
import type { Logger } from "../logger.js";
import type { LlmClient } from "./llm.js";

const CACHE_MAX = 5_000;

/** Maps reasons the synonym table could not read ("they went with the incumbent vendor") to the workspace's
 * reasons with the optional LLM: contacts redacted, the texts sent as data, answers checked against the
 * taxonomy. A text it cannot map stays without a reason, as it would without a model. Never throws. */
export class ReasonMapper {
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly llm: LlmClient,
    private readonly logger: Logger,
  ) {}

  /** The reason id for each text the model could map; texts it could not are absent. */
  async map(taxonomy: ReasonTaxonomy, texts: readonly string[]): Promise<Map<string, string>> {
    const version = createHash("sha256")
      .update(taxonomy.entries.map((e) => `${e.id}=${e.label}`).join("\n"))
      .digest("hex")
      .slice(0, 16);
    const keyOf = (text: string) => `${version}:${foldPhrase(text)}`;
    const out = new Map<string, string>();
    const ask: string[] = [];
    for (const text of new Set(texts)) {
      const known = this.cache.get(keyOf(text));
      if (known === undefined) ask.push(text);
      else if (known !== null) out.set(text, known);
    }
    for (let at = 0; at < ask.length; at += MAPPING_BATCH) {
      const batch = ask.slice(at, at + MAPPING_BATCH);
      const answer = await this.llm.ask("reason mapping", {
        messages: reasonMappingMessages(taxonomy, batch.map(redactContacts)),
        schema: reasonMappingSchema,
        name: "reason_mapping",
        maxTokens: 40 + 20 * batch.length,
      });
      // A failed batch is not cached: the next import or reply may ask again.
      if (!answer.ok) continue;
      const accepted = acceptedMappings(taxonomy, batch.length, answer.value);
      batch.forEach((text, i) => {
        const reason = accepted.get(i) ?? null;
        if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
        this.cache.set(keyOf(text), reason);
        if (reason !== null) out.set(text, reason);
      });
    }
    if (ask.length > 0)
      this.logger.info({ asked: ask.length, mapped: out.size }, "reasons mapped by the model");
    return out;
  }

  async mapOne(taxonomy: ReasonTaxonomy, text: string): Promise<string | undefined> {
    return (await this.map(taxonomy, [text])).get(text);
  }
}
