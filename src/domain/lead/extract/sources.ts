import type { Fact } from "../facts.js";
import type { Ctx } from "./context.js";
import { signatureBlock } from "./signature.js";

/** Mail headers among the `Key: value` fields: what they give is the sender's, not a form's. */
const HEADERS = new Set(["from", "subject", "recipient", "date"]);

/** Where each fact was read: a typed field, a mail header, the sender's signature block, the body of the
 * text, or inferred (from a phone prefix, a domain, a title's words). Runs once every extractor is done. */
export function assignSources(ctx: Ctx): void {
  const signature = signatureBlock(ctx);
  const last = signature?.lines.at(-1) ?? signature?.name;
  const signed = signature && last ? { start: signature.name.start, end: last.end } : undefined;
  const fields = [...ctx.kv.values()].flat();
  for (const fact of Object.values(ctx.facts) as Fact<unknown>[]) {
    const at = fact.span.start;
    const field = fields.find((f) => f.line.start <= at && at <= f.line.end);
    fact.source = fact.inferred
      ? "inferred"
      : field
        ? HEADERS.has(field.field)
          ? "header"
          : "field"
        : signed && signed.start <= at && at < signed.end
          ? "signature"
          : "body";
  }
}
