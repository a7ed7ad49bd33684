import { findPhoneNumbersInText } from "libphonenumber-js";
import { cutText } from "../storable.js";
import { foldPhrase } from "../text.js";
import { COUNTRY_DICTIONARY, readCountryValue } from "./country.js";
import {
  CITY_DICTIONARY,
  DEPARTMENT_DICTIONARY,
  INDUSTRY_DICTIONARY,
  type KeyField,
  REGION_CODES,
  SENIORITY_PRIORITY,
  TITLE_DICTIONARY,
} from "./dictionaries.js";
import { classifyDomain, isRealDomain } from "./domain.js";
import type { Budget, Fact, LeadFacts, ParsedLead, Seniority, Span } from "./facts.js";
import { findHeadcount, readHeadcountValue } from "./headcount.js";
import { type KeyValue, type Line, readKeyValue, splitLines } from "./lines.js";
import { findMoney, type MoneyHit, periodAfter } from "./money.js";
import { type PhraseHit, Words } from "./phrases.js";

/** Longer pastes are cut here: facts live at the top of a lead, and parsing stays linear and bounded. */
export const MAX_LEAD_CHARS = 20_000;

const EMAIL = /[\p{L}\p{N}._%+'-]+@(?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>|"'()]+/giu;
const BARE_DOMAIN =
  /(?<![@\p{L}\p{N}.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![\p{L}\p{N}@-]|\.[a-z])/giu;
const FILE_EXTENSIONS = /\.(?:pdf|docx?|xlsx?|pptx?|csv|txt|png|jpe?g|gif|zip|mov|mp4|md|json|ya?ml)$/i;
const COMPANY_SUFFIX =
  /(?<![\p{L}])((?:[\p{Lu}\p{N}][\p{L}\p{N}&'.-]*\s){0,3}[\p{Lu}\p{N}][\p{L}\p{N}&'.-]*,?\s(?:Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|AG|KG|S\.?A\.?S?\.?|SARL|S\.?L\.?U?\.?|S\.? de R\.?L\.?|B\.?V\.?|N\.?V\.?|Corp\.?|Corporation|Co\.|PLC|plc|Pty\.? Ltd\.?|SpA|S\.p\.A\.|Oy|AB|ApS|A\/S))(?![\p{L}])/gu;
const SIGN_OFF =
  /^(?:best|best regards|kind regards|regards|thanks|thank you|many thanks|cheers|sincerely|warm regards|all the best|saludos|un saludo|atentamente|cordialmente|viele gru(?:ss|ß)e|beste gru(?:ss|ß)e|mit freundlichen gru(?:ss|ß)en|freundliche gru(?:ss|ß)e|lg|mfg|cordialement|bien a vous|merci|bien cordialement|--|—)\s*[,!.]?$/i;
const FORWARD_MARKER =
  /^[\s>-]*(?:-{2,}\s*(?:forwarded message|original message|mensaje reenviado|weitergeleitete nachricht|message transféré|message d'origine)|begin forwarded message)/i;
const TITLE_BLOCKERS = new Set([
  "our",
  "my",
  "your",
  "his",
  "her",
  "their",
  "to",
  "from",
  "with",
  "for",
  "by",
  "nuestro",
  "nuestra",
  "mi",
  "su",
  "unser",
  "unsere",
  "mein",
  "meine",
  "notre",
  "mon",
  "ma",
  "votre",
  "con",
  "mit",
  "avec",
  "para",
  "fur",
  "pour",
]);
const COMPANY_CONNECTOR =
  /\s(?:at|@|with|from|bei|chez|en|de la empresa|in der firma|dans l'entreprise)\s+/iu;
const SELF_INTRO =
  /^(?:hi|hello|hey|hola|hallo|bonjour)?[\s,!]*(?:i am|i'm|im|this is|we are|soy|ich bin|je suis)\s+(?:a|an|the|un|una|ein|eine|le|la)?\s*/iu;
const REVENUE_WORDS =
  /\b(?:revenue|revenues|arr|mrr|turnover|annual sales|umsatz|jahresumsatz|facturaci[óo]n|ingresos|chiffre d'affaires)\b/giu;
const BUDGET_WORDS =
  /\b(?:budget|budgets|presupuesto|spend|afford|pay|gastar|pagar|ausgeben|zahlen|d[ée]penser|payer)\b/giu;
const ORG_NOUNS = new Set([
  "university",
  "college",
  "school",
  "school district",
  "universidad",
  "universitat",
  "universite",
  "hochschule",
  "fachhochschule",
  "ecole",
  "escuela",
  "hospital",
  "clinic",
  "klinik",
  "klinikum",
  "krankenhaus",
  "hopital",
  "clinica",
  "ministry",
  "ministerio",
  "ministerium",
  "ministere",
  "municipality",
  "city council",
  "ayuntamiento",
  "mairie",
  "government",
  "public sector",
  "bank",
  "banco",
  "banque",
  "sparkasse",
  "nonprofit",
  "non profit",
  "ngo",
  "charity",
  "law firm",
  "kanzlei",
  "hotel",
  "agency",
  "marketing agency",
  "digital agency",
  "creative agency",
  "agencia",
  "agentur",
  "agence",
  "stiftung",
  "fundacion",
  "fondation",
  "foundation",
]);
const INDUSTRY_CONTEXT =
  /^\s*(?:company|firm|agency|business|startup|start up|industry|sector|space|provider|organization|organisation|shop|store|brand|group|empresa|firma|unternehmen|entreprise|societe|sociedad|branche|sektor)\b/iu;
/** Country-code top-level domains that reliably mean a country (not .io, .co, .ai, .me …). */
const CC_TLDS = new Set([
  "de",
  "fr",
  "es",
  "it",
  "nl",
  "be",
  "at",
  "ch",
  "se",
  "dk",
  "no",
  "fi",
  "pl",
  "pt",
  "ie",
  "uk",
  "au",
  "nz",
  "ca",
  "br",
  "mx",
  "ar",
  "cl",
  "jp",
  "in",
  "za",
  "cz",
  "gr",
  "hu",
  "ro",
  "sk",
  "sg",
  "hk",
  "kr",
  "il",
  "tr",
]);

interface Ctx {
  text: string;
  words: Words;
  lines: Line[];
  kv: Map<KeyField, KeyValue[]>;
  /** Lines that are `Key: value` or mail headers: free-text extraction skips them. */
  structured: Set<Line>;
  /** Spans of phone numbers and emails, so their digits are not read as counts or money. */
  masked: Span[];
  /** The text with masked spans blanked, refreshed before the number extractors run. */
  unmasked: string;
  facts: LeadFacts;
}

function fact<T>(value: T, start: number, end: number, inferred = false): Fact<T> {
  return inferred ? { value, span: { start, end }, inferred: true } : { value, span: { start, end } };
}

function firstKv(ctx: Ctx, field: KeyField): KeyValue | undefined {
  return ctx.kv.get(field)?.[0];
}

function masked(ctx: Ctx, start: number, end: number): boolean {
  return ctx.masked.some((s) => start < s.end && end > s.start);
}

/** The text with masked spans blanked out (same length, so offsets hold). */
function unmaskedText(ctx: Ctx): string {
  let out = ctx.text;
  for (const s of ctx.masked) out = out.slice(0, s.start) + " ".repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

function freeLines(ctx: Ctx): Line[] {
  return ctx.lines.filter((line) => !ctx.structured.has(line));
}

// ---------------------------------------------------------------- email, website, domain kind

function extractEmail(ctx: Ctx): void {
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

function hostOf(raw: string): string {
  return raw
    .replace(/^https?:\/\//i, "")
    .replace(/^www\./i, "")
    .replace(/[/?#:].*$/, "")
    .replace(/\.$/, "")
    .toLowerCase();
}

function extractWebsite(ctx: Ctx): void {
  const kv = firstKv(ctx, "website");
  let site: Fact<string> | undefined;
  if (kv) {
    const host = hostOf(kv.value.trim());
    if (isRealDomain(host)) site = fact(host, kv.start, kv.end);
  }
  if (site === undefined) {
    const candidates: { host: string; start: number; end: number }[] = [];
    for (const re of [URL, BARE_DOMAIN]) {
      re.lastIndex = 0;
      for (let m = re.exec(ctx.text); m !== null; m = re.exec(ctx.text)) {
        const raw = m[0].replace(/[.,;:!?]+$/, "");
        if (masked(ctx, m.index, m.index + raw.length) || FILE_EXTENSIONS.test(raw)) continue;
        const host = hostOf(raw);
        if (isRealDomain(host)) candidates.push({ host, start: m.index, end: m.index + raw.length });
      }
    }
    candidates.sort((a, b) => a.start - b.start);
    const first = candidates[0];
    if (first) site = fact(first.host, first.start, first.end);
  }
  if (site === undefined) return;
  ctx.facts.website = site;
  if (ctx.facts.domainKind === undefined) {
    const info = classifyDomain(site.value);
    if (info && info.kind !== "free" && info.kind !== "disposable") {
      ctx.facts.domainKind = fact(info.kind, site.span.start, site.span.end);
    }
  }
}

// ---------------------------------------------------------------- title, seniority, department

function seniorityOf(title: string): Seniority {
  const words = new Words(title);
  let best: Seniority = "unknown";
  let bestRank = SENIORITY_PRIORITY.length;
  for (const hit of TITLE_DICTIONARY.findAll(words)) {
    // "Assistant to the CEO": words after "to"/"for" describe someone else.
    const before = words.folded.slice(0, hit.start);
    if (/(?:^| )(?:to|for|of the|de la|del|des|für|fur)( the)? $/.test(before) && hit.value !== "student")
      continue;
    const rank = SENIORITY_PRIORITY.indexOf(hit.value);
    if (rank < bestRank) {
      best = hit.value;
      bestRank = rank;
    }
  }
  return best;
}

function blocked(ctx: Ctx, hit: PhraseHit<unknown>): boolean {
  const i = ctx.words.indexAt(hit.start);
  const prev = i > 0 ? ctx.words.word(i - 1) : "";
  const prev2 = i > 1 ? ctx.words.word(i - 2) : "";
  return TITLE_BLOCKERS.has(prev) || (prev === "the" && TITLE_BLOCKERS.has(prev2));
}

/** The stretch of a line around `at` between separators: commas, pipes, bullets, brackets, " - ". */
function clauseAround(line: Line, at: number): { start: number; end: number } {
  const text = line.text;
  const rel = at - line.start;
  const separators = /[,|•·;()[\]{}]|\s[-–—]\s|[.!?](?:\s|$)/g;
  let start = 0;
  let end = text.length;
  for (let m = separators.exec(text); m !== null; m = separators.exec(text)) {
    if (m.index + m[0].length <= rel) start = m.index + m[0].length;
    else if (m.index >= rel) {
      end = m.index;
      break;
    }
  }
  return { start: line.start + start, end: line.start + end };
}

function trimmedSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /[\s"'*_:>-]/.test(text.charAt(start))) start++;
  while (end > start && /[\s"'*_:.,-]/.test(text.charAt(end - 1))) end--;
  return { start, end };
}

const TITLE_MODIFIERS = new Set([
  "senior",
  "sr",
  "junior",
  "jr",
  "lead",
  "principal",
  "global",
  "regional",
  "associate",
  "deputy",
  "assistant",
  "interim",
  "acting",
  "chief",
  "executive",
  "national",
  "area",
  "district",
  "country",
  "general",
  "key",
  "account",
  "sales",
  "marketing",
  "product",
  "software",
  "research",
  "purchasing",
  "procurement",
  "it",
  "finance",
  "hr",
  "operations",
  "project",
  "office",
  "technical",
  "digital",
  "senor",
  "stellvertretender",
]);

/** A title in a short clause is the whole clause ("Senior Director, EMEA Sales" lines, one-liners); inside
 * prose it is the title words around the hit: modifiers before it and an "of Sales" tail after it. */
function titleSpan(ctx: Ctx, hit: PhraseHit<unknown>, clause: { start: number; end: number }): Span {
  const words = ctx.words;
  const first = words.indexAt(clause.start);
  const last = words.indexAt(clause.end) - 1;
  if (last - first + 1 <= 6 && clause.end > clause.start) return clause;
  let from = words.indexAt(hit.start);
  for (let k = 0; k < 3 && from - 1 >= first; k++) {
    const w = words.word(from - 1);
    const original = ctx.text.charAt(words.starts[from - 1] as number);
    if (!TITLE_MODIFIERS.has(w) && !DEPARTMENT_DICTIONARY.lookup(w) && !/\p{Lu}/u.test(original)) break;
    from--;
  }
  let to = words.indexAt(hit.end) - 1;
  const next = to + 1 <= last ? words.word(to + 1) : "";
  if (["of", "for", "de", "del", "des", "fur", "du"].includes(next)) {
    let k = to + 2;
    while (
      k <= last &&
      k <= to + 4 &&
      !["at", "in", "en", "bei", "chez", "with", "and", "y", "und", "et"].includes(words.word(k))
    )
      k++;
    if (k > to + 2) to = k - 1;
  }
  return { start: words.starts[from] as number, end: Math.max(words.ends[to] as number, hit.end) };
}

function extractTitle(ctx: Ctx): { line?: Line; companyFrom?: { start: number; end: number } } {
  const kv = firstKv(ctx, "title");
  if (kv) {
    ctx.facts.title = fact(kv.value, kv.start, kv.end);
    return {};
  }
  // Short lines first (signatures, one-liners), then prose.
  const lines = freeLines(ctx);
  const ordered = [...lines.filter((l) => l.text.length <= 100), ...lines.filter((l) => l.text.length > 100)];
  for (const line of ordered) {
    for (const hit of TITLE_DICTIONARY.findAll(ctx.words, line.start, line.end)) {
      if (blocked(ctx, hit) || masked(ctx, hit.start, hit.end)) continue;
      const clause = clauseAround(line, hit.start);
      let { start, end } = clause;
      const clauseText = ctx.text.slice(start, end);
      const intro = SELF_INTRO.exec(clauseText);
      if (intro && intro.index + intro[0].length <= hit.start - start) start += intro[0].length;
      // "VP of Sales at Northwind": the company follows the connector.
      let companyFrom: { start: number; end: number } | undefined;
      const rest = ctx.text.slice(hit.end, end);
      const connector = COMPANY_CONNECTOR.exec(rest);
      if (connector) {
        companyFrom = { start: hit.end + connector.index + connector[0].length, end };
        end = hit.end + connector.index;
      }
      const span = titleSpan(ctx, hit, trimmedSpan(ctx.text, start, end));
      ctx.facts.title = fact(ctx.text.slice(span.start, span.end), span.start, span.end);
      return companyFrom ? { line, companyFrom } : { line };
    }
  }
  return {};
}

function extractSeniorityAndDepartment(ctx: Ctx): void {
  const title = ctx.facts.title;
  if (title) {
    ctx.facts.seniority = fact(seniorityOf(title.value), title.span.start, title.span.end);
  }
  const kv = firstKv(ctx, "department");
  if (kv) {
    const hit = DEPARTMENT_DICTIONARY.first(new Words(kv.value));
    ctx.facts.department = fact(hit?.value ?? kv.value.trim().toLowerCase(), kv.start, kv.end);
  } else if (title) {
    const words = new Words(title.value);
    const hits = DEPARTMENT_DICTIONARY.findAll(words);
    // "CEO" says executive; "VP of Sales" says sales: prefer a functional department when there is one.
    const hit = hits.find((h) => h.value !== "executive") ?? hits[0];
    if (hit) ctx.facts.department = fact(hit.value, title.span.start + hit.start, title.span.start + hit.end);
  }
}

// ---------------------------------------------------------------- company, name

const NAME_JOINERS = new Set(["&", "and", "of", "de", "del", "la", "und", "et", "for", "y"]);

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

function extractCompany(
  ctx: Ctx,
  titleInfo: { line?: Line; companyFrom?: { start: number; end: number } },
): void {
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

function extractName(ctx: Ctx): void {
  const kv = firstKv(ctx, "name");
  if (kv) {
    ctx.facts.name = fact(kv.value, kv.start, kv.end);
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
      let value = (m[1] as string).trim();
      const start = from.start + from.value.indexOf(value);
      // "Raman, Priya" -> "Priya Raman"
      const comma = /^([^,]+),\s*(.+)$/u.exec(value);
      if (comma) value = `${comma[2]} ${comma[1]}`;
      ctx.facts.name = fact(value, start, start + (m[1] as string).trim().length);
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

// ---------------------------------------------------------------- numbers: employees, money

function extractEmployees(ctx: Ctx): void {
  const kv = firstKv(ctx, "employees");
  if (kv) {
    const value = readHeadcountValue(kv.value);
    if (value) {
      ctx.facts.employees = fact(value, kv.start, kv.end);
      return;
    }
  }
  const hit = findHeadcount(ctx.unmasked);
  if (hit) {
    const span = trimmedSpan(ctx.text, hit.start, hit.end);
    ctx.facts.employees = fact(hit.value, span.start, span.end);
  }
}

function nearestMoney(
  ctx: Ctx,
  money: MoneyHit[],
  words: RegExp,
  before: number,
  after: number,
): MoneyHit | undefined {
  const text = ctx.unmasked;
  words.lastIndex = 0;
  for (let m = words.exec(text); m !== null; m = words.exec(text)) {
    const wordStart = m.index;
    const wordEnd = m.index + m[0].length;
    const following = money.find((h) => h.start >= wordEnd && h.start - wordEnd <= after);
    if (following) return following;
    const preceding = money.filter((h) => h.end <= wordStart && wordStart - h.end <= before).pop();
    if (preceding) return preceding;
  }
  return undefined;
}

function toBudget(ctx: Ctx, hit: MoneyHit): Fact<Budget> {
  const period = periodAfter(ctx.text, hit.end);
  const value: Budget = { ...hit.money, period: period?.period ?? "one_off" };
  return fact(value, hit.start, period?.end ?? hit.end);
}

function extractMoney(ctx: Ctx): void {
  const money = findMoney(ctx.unmasked);
  const budgetKv = firstKv(ctx, "budget");
  const budgetHit = budgetKv ? findMoney(budgetKv.value, true)[0] : undefined;
  if (budgetKv && budgetHit) {
    const offset = budgetKv.start;
    ctx.facts.budget = toBudget(ctx, {
      ...budgetHit,
      start: budgetHit.start + offset,
      end: budgetHit.end + offset,
    });
  } else {
    const hit = nearestMoney(ctx, money, BUDGET_WORDS, 30, 40);
    if (hit) ctx.facts.budget = toBudget(ctx, hit);
  }
  const revenueKv = firstKv(ctx, "revenue");
  const revenueHit = revenueKv ? findMoney(revenueKv.value, true)[0] : undefined;
  if (revenueKv && revenueHit) {
    ctx.facts.revenue = fact(
      revenueHit.money,
      revenueKv.start + revenueHit.start,
      revenueKv.start + revenueHit.end,
    );
  } else {
    const hit = nearestMoney(ctx, money, REVENUE_WORDS, 25, 30);
    if (hit && hit !== undefined && !(ctx.facts.budget && ctx.facts.budget.span.start === hit.start)) {
      ctx.facts.revenue = fact(hit.money, hit.start, hit.end);
    }
  }
}

// ---------------------------------------------------------------- country

function countryIn(ctx: Ctx, from: number, to: number): Fact<string> | undefined {
  const hit = COUNTRY_DICTIONARY.first(ctx.words, from, to) ?? CITY_DICTIONARY.first(ctx.words, from, to);
  if (hit) return fact(hit.value, hit.start, hit.end);
  // "Austin, TX" / "Toronto, ON"
  const region = /,\s?([A-Z]{2})(?![\p{L}])/gu;
  const slice = ctx.text.slice(from, to);
  for (let m = region.exec(slice); m !== null; m = region.exec(slice)) {
    const country = REGION_CODES[m[1] as string];
    if (country) return fact(country, from + m.index, from + m.index + m[0].length);
  }
  return undefined;
}

function extractCountry(ctx: Ctx, phoneCountry: Fact<string> | undefined): void {
  const kv = firstKv(ctx, "country");
  if (kv) {
    const code = readCountryValue(kv.value);
    if (code) {
      ctx.facts.country = fact(code, kv.start, kv.end);
      return;
    }
  }
  for (const field of ["location", "city"] as const) {
    for (const entry of ctx.kv.get(field) ?? []) {
      const code = readCountryValue(entry.value) ?? countryIn(ctx, entry.start, entry.end)?.value;
      if (code) {
        ctx.facts.country = fact(code, entry.start, entry.end);
        return;
      }
    }
  }
  for (const line of freeLines(ctx)) {
    const found = countryIn(ctx, line.start, line.end);
    if (found && !masked(ctx, found.span.start, found.span.end)) {
      ctx.facts.country = found;
      return;
    }
  }
  if (phoneCountry) {
    ctx.facts.country = phoneCountry;
    return;
  }
  const domain = ctx.facts.emailDomain ?? ctx.facts.website;
  if (domain && ctx.facts.domainKind?.value !== "free") {
    const tld = domain.value.slice(domain.value.lastIndexOf(".") + 1);
    if (CC_TLDS.has(tld)) {
      const code = tld === "uk" ? "GB" : tld.toUpperCase();
      ctx.facts.country = fact(code, domain.span.start, domain.span.end, true);
    }
  }
}

// ---------------------------------------------------------------- industry, source, notes

function extractIndustry(ctx: Ctx): void {
  const kv = firstKv(ctx, "industry");
  if (kv) {
    const hit = INDUSTRY_DICTIONARY.lookup(kv.value) ?? INDUSTRY_DICTIONARY.first(new Words(kv.value))?.value;
    const value = hit ?? kv.value.trim().toLowerCase().replace(/\s+/g, "_");
    ctx.facts.industry = fact(value, kv.start, kv.end);
    return;
  }
  const company = ctx.facts.company;
  if (company) {
    const hit = INDUSTRY_DICTIONARY.first(ctx.words, company.span.start, company.span.end);
    if (hit) {
      ctx.facts.industry = fact(hit.value, hit.start, hit.end);
      return;
    }
  }
  for (const line of freeLines(ctx)) {
    for (const hit of INDUSTRY_DICTIONARY.findAll(ctx.words, line.start, line.end)) {
      if (masked(ctx, hit.start, hit.end)) continue;
      if (ORG_NOUNS.has(hit.phrase) || INDUSTRY_CONTEXT.test(ctx.words.folded.slice(hit.end, hit.end + 20))) {
        ctx.facts.industry = fact(hit.value, hit.start, hit.end);
        return;
      }
    }
  }
  const kind = ctx.facts.domainKind;
  if (kind?.value === "edu") ctx.facts.industry = fact("education", kind.span.start, kind.span.end, true);
  if (kind?.value === "gov") ctx.facts.industry = fact("government", kind.span.start, kind.span.end, true);
}

function extractSourceAndNotes(ctx: Ctx): void {
  const source = firstKv(ctx, "source");
  if (source) ctx.facts.source = fact(source.value.trim(), source.start, source.end);
  const notes = ctx.kv.get("notes");
  if (notes && notes.length > 0) {
    const first = notes[0] as KeyValue;
    const last = notes[notes.length - 1] as KeyValue;
    // A notes field often runs over several lines: keep everything up to the next structured line.
    let end = last.end;
    const following = ctx.lines.filter((l) => l.start > last.end);
    for (const line of following) {
      if (ctx.structured.has(line)) break;
      end = line.end;
    }
    ctx.facts.notes = fact(ctx.text.slice(first.start, end).trim(), first.start, end);
    return;
  }
  // A mail: the body after the headers.
  const headerLines = ["from", "subject", "recipient", "date"].flatMap(
    (f) => ctx.kv.get(f as KeyField) ?? [],
  );
  if (headerLines.length >= 2) {
    const lastHeader = Math.max(...headerLines.map((h) => h.line.end));
    const body = ctx.text.slice(lastHeader);
    const start = lastHeader + (body.length - body.trimStart().length);
    const end = lastHeader + body.trimEnd().length;
    if (end > start) ctx.facts.notes = fact(ctx.text.slice(start, end), start, end);
  }
}

// ---------------------------------------------------------------- assembly

function findPhones(text: string): { spans: Span[]; country?: Fact<string> } {
  const spans: Span[] = [];
  let country: Fact<string> | undefined;
  // Only international numbers ("+49 …", "0049 …") tell a country; libphonenumber is costly, so it runs only
  // when the text has one.
  const international = /(?:\+|(?<!\d)00)\s?[1-9]/.test(text) ? findPhoneNumbersInText(text) : [];
  for (const found of international) {
    spans.push({ start: found.startsAt, end: found.endsAt });
    if (!country && found.number.country) {
      country = fact(found.number.country, found.startsAt, found.endsAt, true);
    }
  }
  // National-format numbers ("(312) 555-0199", "030 1234567") are masked too, by shape.
  const shape = /(?:\+|00)?\(?\d[\d\s()./-]{7,}\d/g;
  for (let m = shape.exec(text); m !== null; m = shape.exec(text)) {
    const digits = m[0].replace(/\D/g, "").length;
    if (digits >= 9 && digits <= 15) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return country ? { spans, country } : { spans };
}

/** Extracts lead facts from what a rep pasted: a one-liner, `Key: value` lines (English, Spanish, German,
 * French), an email signature, or a forwarded mail. Deterministic; unknown facts stay absent. */
export function parseLead(input: string): ParsedLead {
  // Longer pastes are cut (at a character boundary) and the verdict says so: see ParsedLead.truncatedFrom.
  const text = cutText(input, MAX_LEAD_CHARS);
  const lines = splitLines(text);
  const kv = new Map<KeyField, KeyValue[]>();
  const structured = new Set<Line>();
  for (const line of lines) {
    if (FORWARD_MARKER.test(line.text)) {
      structured.add(line);
      continue;
    }
    const entry = readKeyValue(line);
    if (entry === undefined) continue;
    structured.add(line);
    const list = kv.get(entry.field);
    if (list) list.push(entry);
    else kv.set(entry.field, [entry]);
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
  return {
    text,
    facts: ctx.facts,
    folded: ctx.words.folded,
    ...(text.length < input.length ? { truncatedFrom: input.length } : {}),
  };
}
