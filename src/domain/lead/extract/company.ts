import { foldPhrase } from "../../text.js";
import { CITY_DICTIONARY, NAME_JOINERS, TITLE_DICTIONARY } from "../dictionaries.js";
import type { Fact } from "../facts.js";
import type { Line } from "../lines.js";
import { Words } from "../phrases.js";
import { type Ctx, fact, firstKv, freeLines, trimmedSpan } from "./context.js";
import { EMAIL, SIGN_OFF } from "./patterns.js";
import type { TitleInfo } from "./title.js";

const COMPANY_SUFFIX =
  /(?<![\p{L}])((?:[\p{Lu}\p{N}][\p{L}\p{N}&'.-]*\s){0,3}[\p{Lu}\p{N}][\p{L}\p{N}&'.-]*,?\s(?:Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|AG|KG|S\.?A\.?S?\.?|SARL|S\.?L\.?U?\.?|S\.? de R\.?L\.?|B\.?V\.?|N\.?V\.?|Corp\.?|Corporation|Co\.|PLC|plc|Pty\.? Ltd\.?|SpA|S\.p\.A\.|Oy|AB|ApS|A\/S))(?![\p{L}])/gu;

/** After "at"/"bei"/"chez": a run of capitalised words ("Northwind Traders", "Bank of America"), or when the rep
 * typed in lower case, up to three words before a stop word. */
function companyAfterConnector(ctx: Ctx, start: number, end: number): Fact<string> | undefined {
  const words = ctx.words;
  const i = words.indexAt(start);
  const limit = words.indexAt(end);
  if (i >= limit) return undefined;
  const capitalised = (k: number) => /^[\p{Lu}\p{N}]/u.test(ctx.text.charAt(words.starts[k] as number));
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
  if (value.length < 2 || value.length > 80 || EMAIL.test(value) || /^\d+$/.test(value)) {
    EMAIL.lastIndex = 0;
    return undefined;
  }
  EMAIL.lastIndex = 0;
  return fact(value, span.start, span.end);
}

function looksLikeCompanyLine(ctx: Ctx, line: Line): boolean {
  const t = line.text.trim();
  if (t.length < 2 || t.length > 60 || /\d{4,}|@|https?:|www\./i.test(t)) return false;
  if (TITLE_DICTIONARY.first(ctx.words, line.start, line.end)) return false;
  if (SIGN_OFF.test(foldPhrase(t))) return false;
  return /^[\p{Lu}\p{N}]/u.test(t);
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
    const sep = /^\s*(?:[|•·]|\s[-–—])\s*/u.exec(after);
    if (sep && after.trim().length > 1) {
      const company = cleanCompany(ctx, ctx.facts.title.span.end + sep[0].length, line.end, false);
      if (company && !TITLE_DICTIONARY.first(new Words(company.value))) {
        ctx.facts.company = company;
        return;
      }
    }
    const lines = freeLines(ctx);
    const next = lines[lines.indexOf(line) + 1];
    if (next && looksLikeCompanyLine(ctx, next) && !CITY_DICTIONARY.first(ctx.words, next.start, next.end)) {
      const company = cleanCompany(ctx, next.start, next.end, false);
      if (company) {
        ctx.facts.company = company;
        return;
      }
    }
  }
  COMPANY_SUFFIX.lastIndex = 0;
  const m = COMPANY_SUFFIX.exec(ctx.text);
  if (m) {
    const span = trimmedSpan(ctx.text, m.index, m.index + (m[1] as string).length);
    ctx.facts.company = fact(ctx.text.slice(span.start, span.end), span.start, span.end);
  }
}
