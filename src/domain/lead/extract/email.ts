import { classifyDomain } from "../domain.js";
import type { Fact } from "../facts.js";
import type { KeyValue } from "../lines.js";
import { type Ctx, fact, firstKv } from "./context.js";
import { EMAIL } from "./patterns.js";

/** The lead's email: an Email field, else the innermost From: header (a forward's original sender), else
 * the first address that is not a recipient's. Sets emailDomain and domainKind from it. */
export function extractEmail(ctx: Ctx): void {
  const pick = (from: number, to: number): Fact<string> | undefined => {
    EMAIL.lastIndex = 0;
    const m = EMAIL.exec(ctx.text.slice(from, to));
    return m ? fact(m[0].toLowerCase(), from + m.index, from + m.index + m[0].length) : undefined;
  };
  const kv = firstKv(ctx, "email");
  const froms = ctx.kv.get("from") ?? [];
  let email = kv ? pick(kv.start, kv.end) : undefined;
  // In a forwarded chain the last From: is the original sender: the lead.
  for (let i = froms.length - 1; email === undefined && i >= 0; i--) {
    const from = froms[i] as KeyValue;
    email = pick(from.start, from.end);
  }
  if (email === undefined) {
    const recipients = ctx.kv.get("recipient") ?? [];
    EMAIL.lastIndex = 0;
    for (let m = EMAIL.exec(ctx.text); m !== null; m = EMAIL.exec(ctx.text)) {
      const at = m.index;
      if (recipients.some((r) => at >= r.line.start && at < r.line.end)) continue;
      email = fact(m[0].toLowerCase(), at, at + m[0].length);
      break;
    }
  }
  if (email === undefined) return;
  ctx.facts.email = email;
  const at = email.value.lastIndexOf("@");
  const domainStart = email.span.start + at + 1;
  const info = classifyDomain(email.value.slice(at + 1));
  if (info) {
    ctx.facts.emailDomain = fact(info.domain, domainStart, email.span.end);
    ctx.facts.domainKind = fact(info.kind, domainStart, email.span.end);
  }
}
