/** Redaction for text that leaves its thread (digests, prompts): the persona stays, the person goes. */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Seven or more digits, possibly grouped with spaces, dots, dashes or brackets, with an optional +. */
const PHONE = /(?:\+|\b)\d[\d\s().-]{5,}\d\b/g;
const SLACK_MENTION = /<[@!][^>]*>/g;

export function redactContacts(text: string): string {
  return text
    .replace(SLACK_MENTION, "[someone]")
    .replace(EMAIL, "[email]")
    .replace(PHONE, (m) => (m.replace(/\D/g, "").length >= 7 ? "[phone]" : m));
}
