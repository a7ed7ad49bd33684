/** Redaction for text that leaves its thread (digests, prompts): the persona stays, the person goes. */
import { redactPersonNames } from "./names.js";

// Bounded and started where a run starts, so a long run of one character costs one pass (see lead/patterns).
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}.-]{1,253}\.\p{L}{2,24}/gu;
/** Seven or more digits, possibly grouped with spaces, dots, dashes or brackets, with an optional +. */
const PHONE = /(?:\+|\b)\d[\d\s().-]{5,30}\d\b/g;
const SLACK_MENTION = /<[@!][^>]*>/g;

export function redactContacts(text: string): string {
  return text
    .replace(SLACK_MENTION, "[someone]")
    .replace(EMAIL, "[email]")
    .replace(PHONE, (m) => (m.replace(/\D/g, "").length >= 7 ? "[phone]" : m));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A lead's text for a prompt: contacts redacted, every word of the person's name as the parser found it
 * replaced wherever it appears ("Hi Priya" too), and every other person's name the words around it give away
 * (redactPersonNames: "spoke with …", "CTO … at", signatures, profiles, handles). The persona stays; the
 * person goes. */
export function redactLead(text: string, names: readonly string[] = []): string {
  let out = redactContacts(text);
  const words = [...new Set(names.flatMap((n) => n.split(/[\s,.]+/)).filter((w) => w.length >= 2))];
  for (const word of words)
    out = out.replace(new RegExp(`(?<![\\p{L}])${escapeRegExp(word)}(?![\\p{L}])`, "giu"), "[name]");
  return redactPersonNames(out);
}
