import { foldPhrase } from "../../text.js";
import { CITY_DICTIONARY, TITLE_DICTIONARY } from "../dictionaries.js";
import { blankLineBetween, type Line } from "../lines.js";
import { type Ctx, masked } from "./context.js";
import { SIGN_OFF } from "./patterns.js";

/** A sender's name as a signature starts with it: two to four capitalised words or initials ("Carole C.
 * Frank"), maybe with letters after it ("Daniel Coleman, C.P.M.", "John Doe, Ph.D."). */
const NAME_LINE =
  /^[\p{Lu}][\p{L}'’.-]+(?:\s+(?:(?:van|von|de|del|da|di|la|le|der|den|du|dos|y)\s+)?[\p{Lu}][\p{L}'’.-]*){1,3}(?:,\s*[\p{Lu}][\p{L}.]{1,9})?$/u;
/** A line of contact details: a phone number, an email address, or their labels. */
const CONTACT =
  /@|\d{3}\)?[\s./-]?\d{3}[\s.-]?\d{4}|^\s*(?:tel|phone|ph|fax|cell|mobile|mbl|ofc|office|direct|email|e-mail|www\.|https?:)\b/iu;
/** Lines a signature block reads after the name, at most. */
const BLOCK_LINES = 6;

/** The first column of a line laid out in columns ("Enron North America\t\t503.464.5066"). */
export function firstColumn(line: Line): Line {
  const cut = /\t|\s{3,}/u.exec(line.text.trimEnd());
  if (!cut || cut.index === 0) return line;
  return { start: line.start, end: line.start + cut.index, text: line.text.slice(0, cut.index) };
}

const gapBetween = (ctx: Ctx, a: Line, b: Line) => blankLineBetween(ctx.text, a.end, b.start);

/** A short line that can sit in a signature (not a sentence of prose). */
const signatureLike = (line: Line) => {
  const t = line.text.trim();
  // Initials ("C."), a domain's dots and an abbreviated legal suffix ("Enron Corp.") are not sentence ends.
  const unabbreviated = t.replace(/\b[\p{Lu}]\.|\.\w+$|\b(?:Inc|Corp|Ltd|Co|Bros|Assoc|Dept)\.$/gu, "");
  return t.length > 0 && t.length <= 60 && (NAME_LINE.test(t) || !/[.!?]\s+\S|[.!?:]$/.test(unabbreviated));
};

/** A signature block: the sender's name line and the lines under it, up to the first blank gap after
 * contact details. It counts only when contact details (a phone, an email) follow within a few lines of the
 * name: that is what tells a signature from a short line of prose. The name is the first line of the run of
 * short lines that holds the contact details ("Michael P. Horning / Director / Enron Media Services /
 * Phone: …"). The last such block in the text. */
export function signatureBlock(ctx: Ctx): SignatureBlock | undefined {
  // The company extractor and the fact sources both ask: found once per lead.
  if (!found.has(ctx)) found.set(ctx, findSignatureBlock(ctx));
  return found.get(ctx);
}

type SignatureBlock = { name: Line; lines: Line[] };
const found = new WeakMap<Ctx, SignatureBlock | undefined>();

/** In a forwarded mail the innermost message's signature is the lead's; the forwarder's, above it, counts only
 * when the innermost message is not signed. */
function findSignatureBlock(ctx: Ctx): SignatureBlock | undefined {
  const inner = ctx.lines.findIndex((line) => line.start >= ctx.innermost);
  if (inner < 0) return findSignatureBlockFrom(ctx, 0) ?? closingBlock(ctx, 0);
  return (
    findSignatureBlockFrom(ctx, inner) ??
    closingBlock(ctx, inner) ??
    (inner > 0 ? findSignatureBlockFrom(ctx, 0) : undefined)
  );
}

/** The sender's display name in the innermost From: header ("Paula Reyes" of `Paula Reyes <preyes@…>`). */
function senderName(ctx: Ctx): string | undefined {
  const from = ctx.kv.get("from")?.at(-1);
  const m = from ? /^\s*"?([^"<@]+?)"?\s*</u.exec(from.value) : null;
  return m ? foldPhrase(m[1] as string) : undefined;
}

/** A signature without contact details, closing the message: the sender's name alone on a line (after a
 * sign-off, or the From: header's own name), then one to four short lines (title, company, place) to the end.
 * What else tells it from prose: nothing follows it. */
function closingBlock(ctx: Ctx, first: number): SignatureBlock | undefined {
  const lines = ctx.lines;
  const sender = senderName(ctx);
  for (let i = lines.length - 2; i >= Math.max(first, lines.length - 6); i--) {
    const name = lines[i] as Line;
    const text = name.text.trim();
    if (!NAME_LINE.test(text) || ctx.structured.has(name)) continue;
    const signedOff = i > first && SIGN_OFF.test(foldPhrase((lines[i - 1] as Line).text.trim()));
    if (!signedOff && foldPhrase(text) !== sender) continue;
    const block = lines.slice(i + 1);
    if (block.length > 4 || !block.every((l) => signatureLike(l) && !ctx.structured.has(l))) return undefined;
    return { name, lines: block };
  }
  return undefined;
}

function findSignatureBlockFrom(ctx: Ctx, first: number): SignatureBlock | undefined {
  const lines = ctx.lines;
  for (let c = lines.length - 1; c >= first; c--) {
    const contact = lines[c] as Line;
    if (!CONTACT.test(contact.text) && !masked(ctx, contact.start, Math.max(contact.start + 1, contact.end)))
      continue;
    // Walk up the run of short lines above the contact details to its first line.
    // One blank line may separate the name (and title, company) from the contact details.
    let top = c;
    let crossed = false;
    while (top > first) {
      const above = lines[top - 1] as Line;
      if (gapBetween(ctx, above, lines[top] as Line)) {
        if (crossed || !CONTACT.test((lines[top] as Line).text)) break;
        crossed = true;
      }
      if (!signatureLike(above) && !CONTACT.test(above.text)) break;
      top--;
    }
    for (let i = top; i < c && i < top + BLOCK_LINES; i++) {
      const name = firstColumn(lines[i] as Line);
      const text = name.text.trim();
      if (!NAME_LINE.test(text) || text.length > 50) continue;
      if (TITLE_DICTIONARY.first(ctx.words, name.start, name.end)) continue;
      const block: Line[] = [];
      let previous = lines[i] as Line;
      for (const line of lines.slice(i + 1, i + 1 + BLOCK_LINES)) {
        if (gapBetween(ctx, previous, line) && block.some((l) => CONTACT.test(l.text))) break;
        block.push(line);
        previous = line;
      }
      return { name: lines[i] as Line, lines: block.filter((l) => !ctx.structured.has(l)) };
    }
    // Contact details without a name above them: look further up.
    c = top;
  }
  return undefined;
}

/** Lines of a signature block that may name the organisation: not contact details, not a title, not an
 * address ("Houston, TX 77002", "121 SW Salmon Street"), in their first column. */
export function organisationCandidates(ctx: Ctx, block: { lines: Line[] }): Line[] {
  return block.lines
    .map(firstColumn)
    .filter((l) => !CONTACT.test(l.text))
    .filter((l) => {
      const t = l.text.trim();
      if (t.length < 2 || /\d/.test(t)) return false;
      if (TITLE_DICTIONARY.first(ctx.words, l.start, l.end)) return false;
      return !(CITY_DICTIONARY.first(ctx.words, l.start, l.end) && /,\s*[A-Z]{2}\b/.test(t));
    });
}
