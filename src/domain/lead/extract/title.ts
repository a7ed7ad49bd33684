import { foldPhrase } from "../../text.js";
import {
  DEPARTMENT_DICTIONARY,
  SENIORITY_PRIORITY,
  TITLE_BLOCKERS,
  TITLE_DICTIONARY,
  TITLE_MODIFIERS,
} from "../dictionaries.js";
import type { Seniority, Span } from "../facts.js";
import type { KeyValue, Line } from "../lines.js";
import { type PhraseHit, Words } from "../phrases.js";
import { type Ctx, clauseAround, fact, firstKv, freeLines, masked, trimmedSpan } from "./context.js";
import { DEPARTMENT, ORGANISATION } from "./patterns.js";
import { signatureBlock } from "./signature.js";

const COMPANY_CONNECTOR =
  /\s(?:at|@|with|from|bei|chez|en|de la empresa|in der firma|dans l'entreprise)\s+/iu;
const SELF_INTRO =
  /^(?:hi|hello|hey|hola|hallo|bonjour)?[\s,!]*(?:(?:and|but|so|now|currently|today|ahora|jetzt|maintenant)\s+)?(?:i am|i'm|im|this is|we are|soy|ich bin|je suis)\s+(?:(?:an|a|the|una|un|eine|ein|le|la)\s+)?/iu;

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
  const OF = ["of", "for", "de", "del", "des", "fur", "du"];
  // A title phrase may end with its "of" ("Head of"): the function follows it directly.
  let to = words.indexAt(hit.end) - 1;
  if (OF.includes(words.word(to)) && to > words.indexAt(hit.start)) to--;
  const next = to + 1 <= last ? words.word(to + 1) : "";
  if (OF.includes(next)) {
    // The tail names a function ("of Sales", "of business development", "of Brightwell Labs"): capitalised
    // words or a department's, not the rest of the sentence ("the CEO of Acme about a demo").
    const departments = DEPARTMENT_DICTIONARY.findAll(words, words.starts[to + 2] ?? 0, clause.end);
    const functionWord = (k: number) =>
      /\p{Lu}/u.test(ctx.text.charAt(words.starts[k] as number)) ||
      departments.some((d) => d.start <= (words.starts[k] as number) && (words.ends[k] as number) <= d.end);
    let k = to + 2;
    while (
      k <= last &&
      k <= to + 4 &&
      functionWord(k) &&
      !["at", "in", "en", "bei", "chez", "with", "and", "y", "und", "et"].includes(words.word(k))
    )
      k++;
    if (k > to + 2) to = k - 1;
  }
  return { start: words.starts[from] as number, end: Math.max(words.ends[to] as number, hit.end) };
}

/** A signature's title line names the function after a comma or a dash ("Manager, Gas Transmission
 * Marketing", "Portfolio Leader - Construction Services"): kept whole when the title opens a short line and
 * what follows is a department's words, not an organisation (which is the company: "Analyst, Enron Corp"). */
function withFunction(ctx: Ctx, line: Line, span: Span): Span {
  const lineText = line.text.trimEnd();
  // Only quote marks or a bullet may come before the title on its line.
  if (lineText.length > 60 || !/^[\s>•*-]*$/u.test(ctx.text.slice(line.start, span.start))) return span;
  const rest = ctx.text.slice(span.end, line.start + lineText.length);
  const m = /^(?:,|\s[-–—])\s*((?:\p{Lu}|\p{Ll}\p{Lu})[\p{L}&' -]*)$/u.exec(rest);
  if (!m) return span;
  const words = (m[1] as string).trim();
  const domain = ctx.facts.emailDomain?.value.split(".").slice(-2, -1)[0] ?? "";
  if (words.split(/\s+/).length > 5 || !DEPARTMENT.test(words) || ORGANISATION.test(words)) return span;
  if (domain.length >= 3 && foldPhrase(words).replace(/ /g, "").includes(foldPhrase(domain))) return span;
  return { start: span.start, end: line.start + lineText.length };
}

/** Words that, before a title in its clause, make it a sentence about someone ("I know the VP of Sales",
 * "This PhD candidate", "a good student from …") rather than the lead's own title. */
const NOT_OWN = new Set([
  "this",
  "that",
  "these",
  "those",
  "know",
  "knows",
  "met",
  "hired",
  "good",
  "great",
  "former",
  "ex",
  "from",
  "other",
  "another",
  // A past role ("I was previously Head of Sales at Oracle", "I used to be a CTO") is not the lead's title now.
  "previously",
  "formerly",
  "until",
  "used",
]);

function aboutSomeoneElse(ctx: Ctx, from: number, to: number): boolean {
  return ctx.text
    .slice(from, to)
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .some((w) => NOT_OWN.has(w));
}

/** Where the title was found: its line (a signature's company is often the next line) and, for "VP Sales at
 * Northwind", where the company starts. */
export interface TitleInfo {
  line?: Line;
  companyFrom?: { start: number; end: number };
}

/** Where the lead's own title is likeliest, first: the sender's signature block, then short lines (one-liners,
 * signatures without contact details), then prose; within each, the innermost message of a forward before
 * the forwarders' notes above it. */
function linesByOwnership(ctx: Ctx): Line[] {
  const block = signatureBlock(ctx);
  const signed = new Set(block ? [block.name, ...block.lines] : []);
  const inner = (l: Line) => l.start >= ctx.innermost;
  const lines = freeLines(ctx).filter((l) => !signed.has(l));
  const short = lines.filter((l) => l.text.length <= 100);
  const prose = lines.filter((l) => l.text.length > 100);
  return [
    ...(block?.lines ?? []),
    ...short.filter(inner),
    ...short.filter((l) => !inner(l)),
    ...prose.filter(inner),
    ...prose.filter((l) => !inner(l)),
  ];
}

/** Labels that name a person's title in one CRM and the lead or deal itself in another (Pipedrive's, Krayin's or
 * Odoo's "Title" of a lead is "Website redesign enquiry"). */
const AMBIGUOUS_TITLE_LABELS = new Set(["title", "titulo", "titre", "job"]);

/** Words of a deal's or a request's name, never of a person's title. */
const DEAL_WORDS =
  /\b(?:enquiry|inquiry|request|quote|quotation|proposal|project|deal|opportunity|order|demo|trial|renewal|pricing|seats?|licen[cs]es?|website|redesign|migration|rollout|upgrade|for|anfrage|angebot|solicitud|cotizaci[oó]n|demande|devis)\b/iu;

/** A labelled title is the lead's title, unless its label is ambiguous (see AMBIGUOUS_TITLE_LABELS) and the value
 * reads as the deal's name: with no title word, it must be short, without figures and without a deal's words. */
function isJobTitle(kv: KeyValue): boolean {
  if (!AMBIGUOUS_TITLE_LABELS.has(foldPhrase(kv.key.replace(/^\*+|\*+$/g, "")))) return true;
  if (TITLE_DICTIONARY.first(new Words(kv.value))) return true;
  return kv.value.trim().split(/\s+/).length <= 4 && !/\d/.test(kv.value) && !DEAL_WORDS.test(kv.value);
}

/** The lead's title: a Title field, else the first title phrase that is not someone else's ("our CEO"), in
 * the order of linesByOwnership. */
export function extractTitle(ctx: Ctx): TitleInfo {
  const kv = firstKv(ctx, "title");
  if (kv && isJobTitle(kv)) {
    ctx.facts.title = fact(kv.value, kv.start, kv.end);
    return {};
  }
  for (const line of linesByOwnership(ctx)) {
    for (const hit of TITLE_DICTIONARY.findAll(ctx.words, line.start, line.end)) {
      if (blocked(ctx, hit) || masked(ctx, hit.start, hit.end)) continue;
      const clause = clauseAround(line, hit.start);
      let { start, end } = clause;
      const clauseText = ctx.text.slice(start, end);
      const intro = SELF_INTRO.exec(clauseText);
      if (intro && intro.index + intro[0].length <= hit.start - start) start += intro[0].length;
      // A label the parser does not know ("Rolle: CTO", "Funktion: Head of Sales") is not part of the title.
      const label = /^[\p{L}][\p{L} _/-]{0,30}:\s*/u.exec(ctx.text.slice(start, hit.start));
      if (label) start += label[0].length;
      if (aboutSomeoneElse(ctx, start, hit.start)) continue;
      // "VP of Sales at Northwind": the company follows the connector.
      let companyFrom: { start: number; end: number } | undefined;
      const rest = ctx.text.slice(hit.end, end);
      const connector = COMPANY_CONNECTOR.exec(rest);
      if (connector) {
        companyFrom = { start: hit.end + connector.index + connector[0].length, end };
        end = hit.end + connector.index;
      }
      const span = withFunction(ctx, line, titleSpan(ctx, hit, trimmedSpan(ctx.text, start, end)));
      ctx.facts.title = fact(ctx.text.slice(span.start, span.end), span.start, span.end);
      return companyFrom ? { line, companyFrom } : { line };
    }
  }
  return {};
}

/** Seniority from the title's words; department from a Department field, else from the title. */
/** A lead describing itself as studying now or graduating soon (first person, not past tense). */
const STUDYING =
  /\bI(?:'m| am| will be| will)\s+(?:currently\s+)?(?:receiving|completing|finishing|pursuing|studying|graduating|graduate|enrolled)\b[^.\n]{0,60}?\b(?:degree|master'?s|bachelor'?s|ph\.?d|mba|msc|bsc|programme|program|studies|university|college)\b/gi;

export function extractSeniorityAndDepartment(ctx: Ctx): void {
  const title = ctx.facts.title;
  if (title) {
    const seniority = seniorityOf(title.value);
    // Management titles are named ("head", "director", "manager", "chief"…): a title with none of those
    // words ("Journalist", "Illustrator") is an individual contributor's.
    ctx.facts.seniority =
      seniority === "unknown"
        ? fact("individual", title.span.start, title.span.end, true)
        : fact(seniority, title.span.start, title.span.end);
  } else {
    // No title, but the lead says it is still studying ("I will be receiving my master's degree…").
    STUDYING.lastIndex = 0;
    const m = STUDYING.exec(ctx.text);
    if (m) ctx.facts.seniority = fact("student", m.index, m.index + m[0].length, true);
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
