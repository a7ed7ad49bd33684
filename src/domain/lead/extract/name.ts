import { foldPhrase } from "../../text.js";
import { COUNTRY_DICTIONARY } from "../country.js";
import { CITY_DICTIONARY, INDUSTRY_DICTIONARY, TITLE_DICTIONARY } from "../dictionaries.js";
import type { KeyValue, Line } from "../lines.js";
import { type Ctx, clauseAround, fact, firstKv, freeLines, trimmedSpan } from "./context.js";
import { SIGN_OFF } from "./patterns.js";

const NAME =
  /^[\p{Lu}][\p{L}'’.-]+(?:\s+(?:(?:van|von|de|del|da|di|la|le|der|den|du|dos|y)\s+)?[\p{Lu}][\p{L}'’.-]+){1,3}$/u;

function isNameLike(ctx: Ctx, start: number, end: number): boolean {
  const t = ctx.text.slice(start, end).trim();
  if (!NAME.test(t) || t.length > 50) return false;
  if (TITLE_DICTIONARY.first(ctx.words, start, end) || INDUSTRY_DICTIONARY.first(ctx.words, start, end))
    return false;
  if (COUNTRY_DICTIONARY.first(ctx.words, start, end) || CITY_DICTIONARY.first(ctx.words, start, end))
    return false;
  return !/\b(?:Inc|LLC|Ltd|GmbH|Corp|Team|Sales|Lead|Hello|Hi|Dear|Hola|Hallo|Bonjour|Thanks)\b/u.test(t);
}

/** The person's name (shown to the rep, never stored): a Name or First/Last Name field, the From: header's
 * display name, the line after a sign-off, or a name that opens the lead. */
export function extractName(ctx: Ctx): void {
  const kv = firstKv(ctx, "name");
  if (kv) {
    // "Ines Carvalho (ines@lusomar.pt)", "Ines Carvalho <ines@lusomar.pt>": the address is not the name.
    const named = /^(.*?\S)\s*[(<][^()<>]*@[^()<>]*[)>]\s*$/u.exec(kv.value)?.[1] ?? kv.value;
    ctx.facts.name = fact(named, kv.start, kv.start + named.length);
    return;
  }
  const first = firstKv(ctx, "firstName");
  const last = firstKv(ctx, "lastName");
  if (first || last) {
    const parts = [first, last].filter((p): p is KeyValue => p !== undefined);
    const value = parts.map((p) => p.value.trim()).join(" ");
    const a = parts[0] as KeyValue;
    ctx.facts.name = fact(value, a.start, a.end);
    return;
  }
  // From: "Priya Raman" <priya@northwind.com>
  for (const from of [...(ctx.kv.get("from") ?? [])].reverse()) {
    const m = /^\s*"?([^"<@]+?)"?\s*</u.exec(from.value);
    if (m) {
      // A display name may carry a place or a company: "Lena Fischer (Berlin)", "Lena Fischer | Stadtwerk".
      let value = (m[1] as string).replace(/\s*(?:\([^()]*\)|\[[^\]]*\]|\s[|–—-]\s.*)\s*$/u, "").trim();
      const start = from.start + from.value.indexOf(value);
      // "Raman, Priya" -> "Priya Raman"
      const length = value.length;
      const comma = /^([^,]+),\s*(.+)$/u.exec(value);
      if (comma) value = `${comma[2]} ${comma[1]}`;
      ctx.facts.name = fact(value, start, start + length);
      return;
    }
  }
  const lines = freeLines(ctx);
  // The line after a sign-off ("Best,\nPriya Raman") is a name.
  for (let i = 0; i + 1 < lines.length; i++) {
    if (SIGN_OFF.test(foldPhrase((lines[i] as Line).text))) {
      const next = lines[i + 1] as Line;
      const clause = clauseAround(next, next.start);
      const span = trimmedSpan(ctx.text, clause.start, clause.end);
      if (isNameLike(ctx, span.start, span.end)) {
        ctx.facts.name = fact(ctx.text.slice(span.start, span.end), span.start, span.end);
        return;
      }
    }
  }
  // A one-liner or signature that opens with a name: "Priya Raman, VP of Sales at Northwind".
  const opening = lines.find((l) => l.text.trim().length > 0);
  if (opening) {
    const clause = clauseAround(
      opening,
      opening.start + (opening.text.length - opening.text.trimStart().length),
    );
    const span = trimmedSpan(ctx.text, clause.start, clause.end);
    if (isNameLike(ctx, span.start, span.end)) {
      ctx.facts.name = fact(ctx.text.slice(span.start, span.end), span.start, span.end);
    }
  }
}
