import { classifyDomain } from "../domain.js";
import type { Fact } from "../facts.js";
import type { KeyValue } from "../lines.js";
import { type Ctx, fact, firstKv } from "./context.js";
import { emailsIn } from "./patterns.js";

/** The first address, unless it is free mail and a work address stands beside it. */
function workFirst(found: Fact<string>[]): Fact<string> | undefined {
  const [first] = found;
  if (
    first === undefined ||
    classifyDomain(first.value.slice(first.value.lastIndexOf("@") + 1))?.kind !== "free"
  )
    return first;
  return (
    found.find((f) => classifyDomain(f.value.slice(f.value.lastIndexOf("@") + 1))?.kind === "corporate") ??
    first
  );
}

/** The lead's email: an Email field, else the innermost From: header (a forward's original sender), else
 * the first address that is not a recipient's. Sets emailDomain and domainKind from it. */
export function extractEmail(ctx: Ctx): void {
  const pick = (from: number, to: number): Fact<string> | undefined => {
    const found = [...emailsIn(ctx.text.slice(from, to))].map((m) =>
      fact(m[0].toLowerCase(), from + (m.index as number), from + (m.index as number) + m[0].length),
    );
    return workFirst(found);
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
    for (const m of emailsIn(ctx.text)) {
      const at = m.index as number;
      if (recipients.some((r) => at >= r.line.start && at < r.line.end)) continue;
      // Two addresses on one line ("x@gmail.com or at work y@orbitpay.com", "a@corp.com | b@gmail.com"):
      // the work address is the lead's.
      const line = ctx.lines.find((l) => at >= l.start && at < l.end);
      email = line ? pick(at, line.end) : fact(m[0].toLowerCase(), at, at + m[0].length);
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
