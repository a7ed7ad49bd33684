import type { Fact, FactName, FactSource, Span } from "../facts.js";
import type { KeyValue } from "../lines.js";
import type { Ctx } from "./context.js";
import { signatureBlock } from "./signature.js";

/** Mail headers among the `Key: value` fields: what they give is the sender's, not a form's. */
const HEADERS = new Set(["from", "subject", "recipient", "date"]);

/** Facts about the text rather than a person. */
const NOBODYS = new Set<FactName>(["notes", "source"]);

/** Lines a forwarded message's header block may take ("Bob Hamlin <bob@…>", a date, To, cc, Subject). */
const FORWARDED_HEADER_LINES = 8;

/** Where the header block of a forwarded message ends: its last mail header (To, Subject…) among the first
 * lines after the forward marker; the sender's line above it, without a key, is part of it. */
function forwardedHeaderEnd(ctx: Ctx, fields: readonly KeyValue[]): number {
  if (ctx.innermost === 0) return 0;
  const first = ctx.lines.filter((line) => line.start >= ctx.innermost).slice(0, FORWARDED_HEADER_LINES);
  const last = first.findLast((line) => fields.some((f) => f.line === line && HEADERS.has(f.field)));
  return last?.end ?? 0;
}

/** The sender speaking of themselves or their organisation: a first-person subject ("I'm", "we have") or
 * their own things ("my role", "our company"), not "my contact says …". */
const FIRST_PERSON =
  /(?:^|[^\p{L}'’])(?:i|i'm|i’m|im|i've|i’ve|we|we're|we’re|we've|we’ve|(?:my|our)\s+(?:own\s+)?(?:role|title|job|position|company|team|firm|business|organi[sz]ation|budget|department|school|university|studies|degree|staff|headcount|employees|people))(?![\p{L}'’])/iu;

/** A body fact of a mail is second-hand unless the sentence it sits in is the sender speaking of themselves:
 * a mail's body also talks about the forwarder, colleagues, contacts and candidates. */
export function spokenBySender(ctx: Ctx, span: Span): boolean {
  const at = span.start;
  const lineStart = ctx.text.lastIndexOf("\n", at - 1) + 1;
  const before = ctx.text.slice(lineStart, at);
  const sentenceStart = Math.max(
    ...[". ", "! ", "? "].map((end) => {
      const i = before.lastIndexOf(end);
      return i < 0 ? 0 : i + end.length;
    }),
  );
  // The fact's own words count: "I will be receiving my master's degree" is the sender's seniority.
  return FIRST_PERSON.test(ctx.text.slice(lineStart + sentenceStart, span.end));
}

/** Where each fact was read: a typed field, a mail header, the sender's signature block, the body of the
 * text, or inferred (from a phone prefix, a domain, a title's words). In a mail (one with a signature block,
 * mail headers or a forward), a body fact the sender does not state of themselves is marked second-hand.
 * Runs once every extractor is done. */
export function assignSources(ctx: Ctx): void {
  const signature = signatureBlock(ctx);
  const mail =
    signature !== undefined || ctx.innermost > 0 || [...ctx.kv.keys()].some((key) => HEADERS.has(key));
  const last = signature?.lines.at(-1) ?? signature?.name;
  const signed = signature && last ? { start: signature.name.start, end: last.end } : undefined;
  const fields = [...ctx.kv.values()].flat();
  const headers = forwardedHeaderEnd(ctx, fields);
  for (const [name, fact] of Object.entries(ctx.facts) as [FactName, Fact<unknown>][]) {
    const at = fact.span.start;
    const field = fields.find((f) => f.line.start <= at && at <= f.line.end);
    const where: FactSource = field
      ? HEADERS.has(field.field)
        ? "header"
        : "field"
      : ctx.innermost <= at && at < headers
        ? "header"
        : signed && signed.start <= at && at < signed.end
          ? "signature"
          : "body";
    fact.source = fact.inferred ? "inferred" : where;
    // A fact inferred from body words (a seniority from a title there) is as second-hand as those words;
    // the rest of the text (notes, where the lead came from) is nobody's fact.
    if (mail && where === "body" && !NOBODYS.has(name) && !spokenBySender(ctx, fact.span))
      fact.secondHand = true;
  }
}
