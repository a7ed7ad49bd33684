import { cutText } from "../storable.js";
import type { KeyField } from "./dictionaries.js";
import { extractCompany } from "./extract/company.js";
import { type Ctx, unmaskedText } from "./extract/context.js";
import { extractCountry } from "./extract/country.js";
import { extractEmail } from "./extract/email.js";
import { extractEmployees } from "./extract/employees.js";
import { extractIndustry } from "./extract/industry.js";
import { extractMoney } from "./extract/money.js";
import { extractName } from "./extract/name.js";
import { findPhones } from "./extract/phones.js";
import { extractSourceAndNotes } from "./extract/sourceNotes.js";
import { assignSources } from "./extract/sources.js";
import { extractSeniorityAndDepartment, extractTitle } from "./extract/title.js";
import { extractWebsite } from "./extract/website.js";
import type { ParsedLead } from "./facts.js";
import {
  headerRow,
  type KeyValue,
  type Line,
  questionAndAnswer,
  readKeyValue,
  readKeyValues,
  splitLines,
} from "./lines.js";
import { Words } from "./phrases.js";
import { withoutQuotedHistory } from "./replies.js";

/** Longer pastes are cut here: facts live at the top of a lead, and parsing stays linear and bounded. */
export const MAX_LEAD_CHARS = 20_000;

const FORWARD_MARKER =
  /^[\s>-]{0,80}?(?:-{2}\s{0,5}(?:forwarded message|original message|mensaje reenviado|weitergeleitete nachricht|message transféré|message d'origine)|-{2}\s{0,5}forwarded by\b|begin forwarded message)/i;

/** Extracts lead facts from what a rep pasted: a one-liner, `Key: value` lines (English, Spanish, German,
 * French), an email signature, or a forwarded mail. Deterministic; unknown facts stay absent.
 *
 * The extractors (one module per fact under extract/) run in this order, because later ones read what
 * earlier ones found:
 *  1. phones are found first and masked, so their digits are never read as a head count or money;
 *  2. email (and from it emailDomain and domainKind), then website, both masked as well;
 *  3. title, whose position tells where the company is ("VP Sales at Northwind", the signature's next line);
 *  4. seniority and department, read from the title;
 *  5. company, after the title; 6. name, which must not be the company or the title;
 *  7. employees and 8. money (budget, revenue), on the text with phones, emails and links blanked;
 *  9. country, which falls back to the phone's prefix and the email's country-code domain;
 *  10. industry, which reads the company name and the email's domain kind;
 *  11. source and notes, the rest. */
export function parseLead(input: string): ParsedLead {
  // Longer pastes are cut (at a character boundary) and the verdict says so: see ParsedLead.truncatedFrom.
  const cut = cutText(input, MAX_LEAD_CHARS);
  // A reply's quoted history is the rep's own message (and older ones): the lead is what is written around it.
  const text = withoutQuotedHistory(cut);
  const lines = splitLines(text);
  const kv = new Map<KeyField, KeyValue[]>();
  const structured = new Set<Line>();
  let innermost = 0;
  const add = (entry: KeyValue) => {
    const list = kv.get(entry.field);
    if (list) list.push(entry);
    else kv.set(entry.field, [entry]);
  };
  for (const [i, line] of lines.entries()) {
    if (structured.has(line)) continue;
    const table = headerRow(line, lines[i + 1]);
    if (table) {
      for (const l of table.lines) structured.add(l);
      for (const entry of table.pairs) add(entry);
      continue;
    }
    if (FORWARD_MARKER.test(line.text)) {
      structured.add(line);
      innermost = line.end;
      continue;
    }
    const several = readKeyValues(line);
    const one = several ? undefined : readKeyValue(line);
    const entries = several?.pairs ?? (one ? [one] : []);
    if (entries.length === 0) {
      const answered = questionAndAnswer(line, lines[i + 1]);
      if (answered) {
        structured.add(line).add(answered.line);
        add(answered);
      }
      continue;
    }
    if (several === undefined || several.structured) structured.add(line);
    for (const entry of entries) add(entry);
  }
  const phones = findPhones(text);
  const ctx: Ctx = {
    text,
    words: new Words(text),
    lines,
    kv,
    structured,
    masked: phones.spans,
    unmasked: text,
    facts: {},
    innermost,
  };

  extractEmail(ctx);
  if (ctx.facts.email) ctx.masked.push(ctx.facts.email.span);
  extractWebsite(ctx);
  if (ctx.facts.website) ctx.masked.push(ctx.facts.website.span);
  ctx.unmasked = unmaskedText(ctx);
  const titleInfo = extractTitle(ctx);
  extractSeniorityAndDepartment(ctx);
  extractCompany(ctx, titleInfo);
  extractName(ctx);
  extractEmployees(ctx);
  extractMoney(ctx);
  extractCountry(ctx, phones.country);
  extractIndustry(ctx);
  extractSourceAndNotes(ctx);
  assignSources(ctx);
  return {
    text,
    facts: ctx.facts,
    folded: ctx.words.folded,
    ...(cut.length < input.length ? { truncatedFrom: input.length } : {}),
  };
}
