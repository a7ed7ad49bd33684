/** Patterns more than one extractor uses. */

/** An address. Bounded as the RFC bounds it (64-character local part, 63-character labels) and started only
 * where a run of address characters starts, so a long run without an "@" costs one pass, not one per character.
 * Not global: a shared global pattern carries its `lastIndex` from one caller to the next (it made `test` start
 * past an address twice); `emailsIn` gives each search a pattern of its own. */
export const EMAIL =
  /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]{1,64}@(?:[\p{L}\p{N}-]{1,63}\.){1,8}\p{L}{2,24}/u;

/** The addresses in `text`, in order, found as they are iterated. */
export function emailsIn(text: string): IterableIterator<RegExpMatchArray> {
  return text.matchAll(new RegExp(EMAIL.source, "gu"));
}

/** A line that closes a message before the signature ("Best,", "Saludos", "Cordialement"). */
export const SIGN_OFF =
  /^(?:best|best regards|kind regards|regards|thanks|thank you|many thanks|cheers|sincerely|warm regards|all the best|saludos|un saludo|atentamente|cordialmente|viele gru(?:ss|ß)e|beste gru(?:ss|ß)e|mit freundlichen gru(?:ss|ß)en|freundliche gru(?:ss|ß)e|lg|mfg|cordialement|bien a vous|merci|bien cordialement|--|—)\s*[,!.]?$/i;

/** Words of an organisation's name, and of a department's (which is not the company). */
export const ORGANISATION =
  /\b(?:inc|corp|corporation|company|co|llc|ltd|limited|gmbh|ag|plc|l\.?p|group|holdings|bank|university|universit[eéàä]t?|college|institute|agency|partners|associates|foundation|laboratories|labs)\b/i;
/** A legal form closing an organisation's name, in its own capitals ("Fjordline Outdoor AS", "Rio Verde Ltda"):
 * matched at the end only, and case-sensitively, so the words "as" or "sa" in a sentence never count. */
export const LEGAL_SUFFIX =
  /\s(?:AS|ASA|AB|Oy|Oyj|ApS|A\/S|BV|B\.V\.|NV|N\.V\.|SA|S\.A|SAS|SARL|SRL|S\.r\.l|SL|S\.L|Lda|Ltda|KK|Pty(?: Ltd)?|Pvt(?: Ltd)?|PLC|LLP|KG|SE|Sp\. z o\.o)\.?$/u;
export const DEPARTMENT =
  /\b(?:department|dept|division|sourcing|accounting|reporting|procurement|operations|services|development|management|marketing|sales|finance|engineering|program|programme|school of|faculty of|office of|team|north america|emea|apac|latam)\b/i;
