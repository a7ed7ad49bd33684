import { foldPhrase } from "../../text.js";
import { COUNTRY_DICTIONARY } from "../country.js";
import { CITY_DICTIONARY, NAME_JOINERS, TITLE_DICTIONARY } from "../dictionaries.js";
import type { Fact, Span } from "../facts.js";
import { blankLineBetween, type Line } from "../lines.js";
import { Words } from "../phrases.js";
import { type Ctx, fact, firstKv, freeLines, trimmedSpan } from "./context.js";
import { DEPARTMENT, EMAIL, LEGAL_SUFFIX, ORGANISATION, SIGN_OFF } from "./patterns.js";
import { organisationCandidates, signatureBlock } from "./signature.js";
import { spokenBySender } from "./sources.js";
import type { TitleInfo } from "./title.js";

/** A name with a legal suffix, on one line (two lines are never glued into one value). */
const COMPANY_SUFFIX =
  /(?<![\p{L}\p{N}])((?:[\p{Lu}\p{N}][\p{L}\p{N}&'.-]{0,40}[ \t]){0,3}[\p{Lu}\p{N}][\p{L}\p{N}&'.-]{0,40},?[ \t](?:Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|AG|KG|S\.?A\.?S?\.?|SARL|S\.?L\.?U?\.?|S\.? de R\.?L\.?|B\.?V\.?|N\.?V\.?|Corp\.?|Corporation|Co\.|PLC|plc|Pty\.? Ltd\.?|SpA|S\.p\.A\.|Oy|AB|ApS|A\/S))(?![\p{L}])/gu;

/** After "at"/"bei"/"chez": a run of capitalised words ("Northwind Traders", "Bank of America"), or when the rep
 * typed in lower case, up to three words before a stop word. */
/** Words that open a description of an organisation rather than its name. */
const DESCRIBING = /^(?:a|an|one|some|several|un|una|uno|ein|eine|einem|einer|une|um|uma)$/;

function companyAfterConnector(ctx: Ctx, start: number, end: number): Fact<string> | undefined {
  const words = ctx.words;
  const i = words.indexAt(start);
  const limit = words.indexAt(end);
  if (i >= limit) return undefined;
  const capitalised = (k: number) => /^[\p{Lu}\p{N}]/u.test(ctx.text.charAt(words.starts[k] as number));
  // "at a mid-sized municipality", "at the local council": a description, not a name (left out, never guessed).
  if (DESCRIBING.test(words.word(i)) || (words.word(i) === "the" && i + 1 < limit && !capitalised(i + 1)))
    return undefined;
  let last = i;
  if (capitalised(i)) {
    while (last + 1 < limit) {
      if (capitalised(last + 1)) last++;
      else if (NAME_JOINERS.has(words.word(last + 1)) && last + 2 < limit && capitalised(last + 2)) last += 2;
      else break;
    }
  } else {
    const stop =
      /^(?:and|who|which|that|is|are|was|looking|working|interested|asking|wants|needs|with|for|on|to|in|y|und|et|que|qui|der|die|das)$/;
    while (last + 1 < limit && last - i < 2 && !stop.test(words.word(last + 1))) last++;
  }
  return cleanCompany(ctx, words.starts[i] as number, words.ends[last] as number);
}

/** Trims a company candidate. In prose it also stops at words that follow a name ("Acme and …"); a line of
 * its own ("Sol y Mar SL") is taken whole. */
function cleanCompany(ctx: Ctx, start: number, end: number, prose = true): Fact<string> | undefined {
  const raw = ctx.text.slice(start, end);
  const stop = prose
    ? /\s*(?:[,;|(\n]|\s[-–—]\s|\.\s|\s(?:and|y|und|et|with|in|who|which|that|based)\s|$)/u.exec(raw)
    : /\s*(?:[,;|(\n]|\s[-–—]\s|\.\s|$)/u.exec(raw);
  let cut = stop ? stop.index : raw.length;
  const suffix = /^.*?(?:Inc|Ltd|Co|Corp|S\.A|S\.L)\./u.exec(raw.slice(0, cut + 1));
  if (suffix && suffix[0].length > cut) cut = suffix[0].length;
  const span = trimmedSpan(ctx.text, start, start + cut);
  const value = ctx.text.slice(span.start, span.end);
  if (value.length < 2 || value.length > 80 || EMAIL.test(value) || /^\d+$/.test(value)) return undefined;
  return fact(value, span.start, span.end);
}

/** A line that names only places ("Spain", "Lisbon, Portugal"): where the lead is, never who. */
function onlyPlaces(ctx: Ctx, line: Line): boolean {
  let rest = ctx.text.slice(line.start, line.end);
  for (const dictionary of [COUNTRY_DICTIONARY, CITY_DICTIONARY])
    for (const hit of dictionary.findAll(ctx.words, line.start, line.end))
      rest =
        rest.slice(0, hit.start - line.start) +
        " ".repeat(hit.end - hit.start) +
        rest.slice(hit.end - line.start);
  return rest !== ctx.text.slice(line.start, line.end) && !/\p{L}/u.test(rest);
}

function looksLikeCompanyLine(ctx: Ctx, line: Line): boolean {
  const t = line.text.trim();
  if (t.length < 2 || t.length > 60 || /\d{4,}|@|https?:|www\./i.test(t)) return false;
  if (TITLE_DICTIONARY.first(ctx.words, line.start, line.end)) return false;
  if (SIGN_OFF.test(foldPhrase(t))) return false;
  if (onlyPlaces(ctx, line)) return false;
  return /^[\p{Lu}\p{N}]/u.test(t);
}

/** How much a line reads as the lead's organisation: it matches the email's domain (+3), names an
 * organisation (+2), or names a department (−3). */
function organisationScore(ctx: Ctx, text: string): number {
  const domain = ctx.facts.emailDomain?.value;
  const label =
    domain && ctx.facts.domainKind?.value !== "free"
      ? foldPhrase(domain.split(".").slice(-2, -1)[0] ?? "")
      : "";
  let score = 0;
  if (label.length >= 3 && foldPhrase(text).replace(/ /g, "").includes(label)) score += 3;
  const organisation = ORGANISATION.test(text) || LEGAL_SUFFIX.test(text.trim());
  if (organisation) score += 2;
  if (DEPARTMENT.test(text) && !organisation) score -= 3;
  return score;
}

/** The signature line that names the lead's organisation, among the lines around `anchor` (the title or the
 * name): one that matches the email's domain, or names an organisation, beats a department line ("Global
 * Strategic Sourcing") or the next line by position alone. */
function signatureCompany(ctx: Ctx, anchor: Line): Fact<string> | undefined {
  const lines = freeLines(ctx);
  const at = lines.indexOf(anchor);
  if (at < 0) return undefined;
  let best: { company: Fact<string>; score: number } | undefined;
  for (const offset of [1, 2, 3, -1, -2]) {
    const line = lines[at + offset];
    if (!line || !looksLikeCompanyLine(ctx, line)) continue;
    // An address line ("Houston, TX") is not the company; "Montana Power Company" is.
    if (CITY_DICTIONARY.first(ctx.words, line.start, line.end) && !ORGANISATION.test(line.text)) continue;
    // Lines of a signature are contiguous: stop at a gap.
    if (
      Math.abs(offset) > 1 &&
      blankLineBetween(ctx.text, Math.min(line.end, anchor.end), Math.max(line.start, anchor.start))
    )
      continue;
    // Scored on what would be the company (the line up to a comma), not the whole line: "Name, title and
    // company are below" names no organisation.
    const company = cleanCompany(ctx, line.start, line.end, false);
    const score = company ? organisationScore(ctx, company.value) : 0;
    if (company && (best === undefined || score > best.score)) best = { company, score };
  }
  if (best === undefined || best.score <= 0) return undefined;
  return best.company;
}

/** The organisation a signature block names: of the lines under the sender's name that are not a title,
 * contact details or an address, the one that reads most as an organisation; the first one when none
 * reads better ("Carole C. Frank / Enron Net Works / 713.345.3960"). A department line ("Global Strategic
 * Sourcing") loses to a line with a legal suffix or the email's domain. */
function blockCompany(ctx: Ctx): Fact<string> | undefined {
  const block = signatureBlock(ctx);
  if (block === undefined) return undefined;
  let best: { line: Line; score: number } | undefined;
  for (const line of organisationCandidates(ctx, block)) {
    if (!looksLikeCompanyLine(ctx, line)) continue;
    const score = organisationScore(ctx, line.text);
    if (best === undefined || score > best.score) best = { line, score };
  }
  return best ? cleanCompany(ctx, best.line.start, best.line.end, false) : undefined;
}

/** In a signed mail, a title in the prose that the sender does not state of themselves ("their buyer is a
 * student at Lisbon University") does not name the sender's company: the signature's company does. */
function signedOverProse(ctx: Ctx, span: Span): Fact<string> | undefined {
  const block = signatureBlock(ctx);
  if (block === undefined) return undefined;
  const blockEnd = (block.lines.at(-1) ?? block.name).end;
  if ((span.start >= block.name.start && span.start <= blockEnd) || spokenBySender(ctx, span))
    return undefined;
  return blockCompany(ctx);
}

/** The lead's company: a Company field, else what follows "at" after the title, else the signature's
 * clause or line after the title, else a name with a legal suffix ("Acme GmbH"). Runs after the title. */
export function extractCompany(ctx: Ctx, titleInfo: TitleInfo): void {
  const kv = firstKv(ctx, "company");
  if (kv) {
    ctx.facts.company = fact(kv.value, kv.start, kv.end);
    return;
  }
  if (titleInfo.companyFrom) {
    const signed = signedOverProse(ctx, titleInfo.companyFrom);
    if (signed) {
      ctx.facts.company = signed;
      return;
    }
    const company = companyAfterConnector(ctx, titleInfo.companyFrom.start, titleInfo.companyFrom.end);
    if (company) {
      ctx.facts.company = company;
      return;
    }
  }
  // A signature: the clause after the title on the same line ("VP Sales | Northwind"), or the next line.
  if (titleInfo.line && ctx.facts.title) {
    const line = titleInfo.line;
    const after = ctx.text.slice(ctx.facts.title.span.end, line.end);
    const sep = /^\s*(?:[|•·,]|\s[-–—])\s*/u.exec(after);
    if (sep && after.trim().length > 1) {
      const company = cleanCompany(ctx, ctx.facts.title.span.end + sep[0].length, line.end, false);
      // After a comma the rest of a title is more common ("Manager, Gas Transmission Marketing"): only an
      // organisation's name is taken there ("Analyst, Enron Corp"); a department is never the company.
      const byComma = sep[0].includes(",");
      if (
        company &&
        !TITLE_DICTIONARY.first(new Words(company.value)) &&
        organisationScore(ctx, company.value) > (byComma ? 0 : -1)
      ) {
        ctx.facts.company = company;
        return;
      }
    }
    const scored = signatureCompany(ctx, line);
    if (scored) {
      ctx.facts.company = scored;
      return;
    }
    const lines = freeLines(ctx);
    const next = lines[lines.indexOf(line) + 1];
    if (
      next &&
      looksLikeCompanyLine(ctx, next) &&
      !CITY_DICTIONARY.first(ctx.words, next.start, next.end) &&
      !DEPARTMENT.test(next.text)
    ) {
      const company = cleanCompany(ctx, next.start, next.end, false);
      if (company) {
        ctx.facts.company = company;
        return;
      }
    }
  }
  const signed = blockCompany(ctx);
  if (signed) {
    ctx.facts.company = signed;
    return;
  }
  COMPANY_SUFFIX.lastIndex = 0;
  const m = COMPANY_SUFFIX.exec(ctx.text);
  if (m) {
    const span = trimmedSpan(ctx.text, m.index, m.index + (m[1] as string).length);
    ctx.facts.company = fact(ctx.text.slice(span.start, span.end), span.start, span.end);
  }
}
