import { COUNTRY_DICTIONARY } from "../lead/country.js";
import { CITY_DICTIONARY, INDUSTRY_DICTIONARY, TITLE_DICTIONARY } from "../lead/dictionaries.js";
import { DEPARTMENT, ORGANISATION, SIGN_OFF } from "../lead/extract/patterns.js";
import { Words } from "../lead/phrases.js";
import { foldPhrase } from "../text.js";

/** Finds people's names in free text without the parser's name fact: a capitalised run of words where the
 * words around it say it is a person (a greeting, "spoke with", an honorific, a title before or after it, a
 * signature, a Name field, a From: header), any run of two or three capitalised words that is not a place,
 * an organisation, an industry or a field's value (a full name is the likelier reading), plus profile URLs
 * and @handles. Every other occurrence of a word found so ("Hi Priya … Priya said") goes too. Errs towards
 * removing: a prompt loses a heading or a company's name now and then, a person keeps theirs. Linear in the
 * text: one pass over its words, bounded looks around each. */

/** A word of a name: a capital, then lower case ("Priya", "O'Brien", "McKay", "Müller-Lüdenscheidt"). */
const NAME_WORD = /^\p{Lu}[\p{Ll}'’][\p{L}'’-]{0,30}$/u;
/** Between the words of one name: "Ludwig van Beethoven", "María de la Cruz", "John F. Kennedy". */
const PARTICLES = new Set([
  "van",
  "von",
  "de",
  "del",
  "della",
  "da",
  "di",
  "der",
  "den",
  "du",
  "dos",
  "das",
  "la",
  "le",
  "ter",
  "ten",
  "bin",
  "al",
  "el",
  "y",
]);
const INITIAL = /^\p{Lu}\.?$/u;

/** Capitalised words that are never a person's name, wherever they stand. */
const NEVER_NAMES = new Set(
  (
    "i we our their they this that these the a an it my your his her he she you hi hello hey dear thanks thank " +
    "best regards cheers sincerely team sales marketing support hr it finance ceo cto cfo coo vp " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july " +
    "august september october november december today tomorrow yesterday please re fw fwd subject from to cc " +
    "lead leads contact company customer client prospect note notes budget website phone email mobile " +
    "office head director manager president founder owner partner engineer student intern professor people " +
    "operations product growth revenue legal procurement purchasing"
  ).split(" "),
);

/** Words before a name that say a person follows: greetings, meeting someone, honorifics, introductions. */
const BEFORE_NAME = new RegExp(
  `(?:^|[^\\p{L}])(?:${[
    "hi|hello|hey|dear|hallo|hola|bonjour|salut|ciao|ola|olá|good (?:morning|afternoon|evening)|greetings",
    "thanks|thank you|thx|ta|cheers|best|regards|sincerely|loop in",
    "spoke (?:with|to)|speaking (?:with|to)|talked (?:with|to)|talking (?:with|to)|met(?: with)?|meeting with",
    "call with|chatted with|chat with|emailed|heard from|introduced (?:me )?to|intro to|introduction to",
    "referred by|referral from|reached out to|connect(?:ed)? with|followed up with|follow up with",
    "cc|attn|ask for|contact(?: person)?(?: is)?",
    "mr|mrs|ms|miss|mx|dr|prof|sir|herr|frau|sr|sra|señor|señora|senor|senora|m|mme|mlle",
    "my name is|name is|i'?m|i am|this is|me llamo|ich bin|je suis|je m'appelle|soy|mi nombre es",
  ].join("|")})[.,:]?\\s+$`,
  "iu",
);
/** Words after a name that say it was a person: "Priya here", "Tom said", "Ana from Initech". */
const AFTER_NAME =
  /^(?:\s+(?:here|said|says|wrote|writes|mentioned|asked|called|emailed|replied|confirmed|reached out|is interested|from|of)\b|\s*\((?:her|his|their|our|the|my)\b)/iu;
/** A key whose value is a person's name. */
const NAME_KEY =
  /^[\s>*•·-]{0,6}(?:full name|name|contact|contact name|contact person|first name|last name|surname|given name|family name|vorname|nachname|ansprechpartner(?:in)?|nombre|apellidos?|prénom|prenom|nom|from|to|cc|reply-to|de|para|von|an)\s*[:：]\s*/iu;
/** Profiles and handles name a person as surely as a name. */
const PROFILE =
  /(?:https?:\/\/)?(?:[\w-]{1,20}\.)?(?:linkedin\.com\/(?:in|pub)|twitter\.com|x\.com|github\.com|facebook\.com|instagram\.com|t\.me|xing\.com\/profile)\/[\w.%~-]{1,80}\/?/giu;
const HANDLE = /(?<![\p{L}\p{N}_.@/])@[\p{L}\p{N}_.]{2,30}/gu;

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{M}'’.-]{1,60}/gu;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const word = m[0].replace(/[.'’-]+$/u, "");
    if (word.length > 0) out.push({ text: word, start: m.index, end: m.index + word.length });
  }
  return out;
}

function isNameWord(word: string): boolean {
  return (
    NAME_WORD.test(word) &&
    !NEVER_NAMES.has(word.toLowerCase()) &&
    !ORGANISATION.test(word) &&
    !DEPARTMENT.test(word)
  );
}

/** The name run starting at token i: name words, with particles and initials between them, on one line. */
function runAt(text: string, toks: Token[], i: number, titles: readonly [number, number][]): number {
  const inTitle = (t: Token) => titles.some(([s, e]) => t.start >= s && t.end <= e);
  const first = toks[i] as Token;
  if (!isNameWord(first.text) || inTitle(first)) return 0;
  let n = 1;
  while (i + n < toks.length && n < 5) {
    const prev = toks[i + n - 1] as Token;
    const next = toks[i + n] as Token;
    if (!/^[ \t]{1,3}$/.test(text.slice(prev.end, next.start)) && text.slice(prev.end, next.start) !== ".")
      break;
    const lower = next.text.toLowerCase();
    const joiner = PARTICLES.has(lower) || INITIAL.test(next.text);
    if (joiner) {
      const after = toks[i + n + 1];
      if (after === undefined || !isNameWord(after.text) || inTitle(after)) break;
      n += 2;
      continue;
    }
    if (!isNameWord(next.text) || inTitle(next)) break;
    n++;
  }
  return n;
}

/** Words before a full name (two words or more) that mostly introduce a person: "coffee with Rebecca
 * Lindholm", "sent the deck to Hamid Rezaei", "an intro from Agnes Kiprono". A place is never taken. */
const WEAK_BEFORE =
  /(?:^|[^\p{L}])(?:with|to|by|and|intro from|note from|email from|message from|call from|word from|mit|con|avec)\s+$/iu;
/** A full name followed by a pronoun is a person: "Rebecca Lindholm, she buys …", "Hamid Rezaei and his team". */
const PRONOUN_AFTER = /^[,;]?\s{1,3}(?:and\s+)?(?:she|he|they|her|his|who|sie|er|ella|él|elle|il)\b/iu;
/** "their IT lead, Nils Ekström": a role the dictionary of titles does not hold, named after a determiner. */
const ROLE_APPOSITION =
  /(?:^|[^\p{L}])(?:their|our|the|his|her|your|its|my)\s+(?:[\p{L}&-]+\s+){0,3}(?:lead|head|manager|director|owner|buyer|contact|boss|champion|sponsor|rep|consultant|engineer|admin|coordinator|specialist|officer|analyst|founder|ceo|cto|cfo|coo|cmo|vp)\s*[,:–—-]\s*$/iu;
const ORG_BEFORE = new Set(["from", "at", "of", "bei", "chez", "de", "von", "for"]);

/** Words of a company's or a product's name, never of a person's. */
const ORGANISATION_WORDS = new Set(
  (
    "systems solutions labs lab health healthcare foods food mills mill traders trading logistics textiles dairy " +
    "imports exports freight mining garments group partners capital ventures holdings technologies technology tech " +
    "software media studio studios works industries energy motors pharma consulting services analytics networks " +
    "digital global international retail stores markets market bakery bakeries coffee design maschinenbau werk " +
    "apparel airlines air insurance finance financial bank capital realty properties construction engineering " +
    "manufacturing automotive robotics security cloud data ai bio biotech medical dental clinic care homes hotels " +
    "resorts travel transport shipping marine farms farm agri organics brewing brewery wines wine fashion beauty " +
    "cosmetics sports games gaming entertainment records publishing press news university college school institute " +
    "council county city state ministry department office team sales marketing support"
  ).split(" "),
);

/** Two or more capitalised words that are not a place, an organisation, an industry or a title, and do not
 * follow the words that name an organisation ("at", "of", a title and a comma): a person's full name is the
 * likelier reading, and a name kept costs more than a word lost. */
function looksLikeFullName(text: string, toks: Token[], i: number, start: number, end: number): boolean {
  const words = text.slice(start, end).split(/\s+/);
  if (words.some((w) => ORGANISATION_WORDS.has(w.toLowerCase()))) return false;
  if (INDUSTRY_DICTIONARY.first(new Words(text.slice(start, end)))) return false;
  const previous = (toks[i - 1]?.text ?? "").toLowerCase();
  if (["at", "of", "bei", "chez", "von", "in", "@"].includes(previous)) return false;
  const before = lineBefore(text, toks[i] as Token);
  // "Company: Maison Clair": the value of a field that is not a name's.
  if (/^[\s>*•·-]*\p{L}[\p{L} _-]{0,30}[:：]\s*$/u.test(before) && !NAME_KEY.test(before)) return false;
  // "Operations Director, Fenwick Mills": after a title and a comma comes the organisation.
  return !/,[ \t]*$/.test(before) || ROLE_APPOSITION.test(before);
}

function isPlace(words: string): boolean {
  const w = new Words(words);
  const hit = CITY_DICTIONARY.first(w) ?? COUNTRY_DICTIONARY.first(w);
  return hit !== undefined;
}

const DETERMINER_BEFORE = /(?:^|[^\p{L}])(?:their|our|the|his|her|your|its)\s+(?:\p{Lu}{2,5}\s+)?$/u;

const CONNECTORS = new Set(["of", "for", "and", "de", "del", "und", "et", "at", "bei", "chez", "en"]);

/** The text before a token on its line (at most 40 characters). */
function lineBefore(text: string, token: Token): string {
  const before = text.slice(Math.max(0, token.start - 40), token.start);
  return before.slice(before.lastIndexOf("\n") + 1);
}

/** A title ends just before token i, perhaps with its function between ("VP Marketing Keiko Tanaka",
 * "Director of Finance Gabriel Moreau", "CTO: Jane Smith"). */
function afterTitle(text: string, toks: Token[], i: number, titles: readonly [number, number][]): boolean {
  // "CFO of Anka Textiles": what follows "of" is the company or the function, not a person.
  if (CONNECTORS.has((toks[i - 1]?.text ?? "").toLowerCase())) return false;
  for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
    const t = toks[k] as Token;
    const next = toks[k + 1] as Token;
    const gap = text.slice(t.end, next.start);
    if (!/^[ \t:,–—&/-]{1,4}$/u.test(gap)) return false;
    const title = titles.find(([s, e]) => t.start >= s && t.end <= e);
    // "their IT lead, Nils Ekström": a comma after a title is an apposition only after a determiner (else it
    // is a list: "Director of Operations, Kestrel Logistics").
    if (title)
      return !gap.includes(",") || DETERMINER_BEFORE.test(text.slice(Math.max(0, title[0] - 12), title[0]));
    if (gap.includes(",")) return false;
    const lower = t.text.toLowerCase();
    if (!CONNECTORS.has(lower) && !DEPARTMENT.test(t.text) && !NEVER_NAMES.has(lower)) return false;
  }
  return false;
}

/** A title phrase starting at `offset` (after spaces and an opening bracket or dash). */
function titleAt(titleStarts: ReadonlySet<number>, text: string, offset: number): boolean {
  const m = /^\s{0,3}(?:[,(|–—-]\s{0,3})?(?:(?:is|was)\s+(?:the|our|their|a|an)\s+)?/u.exec(
    text.slice(offset, offset + 40),
  );
  return titleStarts.has(offset + (m?.[0].length ?? 0));
}

/** Spans of `text` that name a person, in text order, not overlapping. */
export function personNameSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const titleHits = TITLE_DICTIONARY.findAll(new Words(text));
  const titles = titleHits.map((h) => [h.start, h.end] as [number, number]);
  const titleStarts = new Set(titleHits.map((h) => h.start));

  // Values of name fields and headers: "Name: Priya Raman", "From: Priya Raman <[email]>".
  const lineRe = /[^\r\n]+/g;
  let previousLine = "";
  let firstLine = true;
  for (let m = lineRe.exec(text); m !== null; m = lineRe.exec(text)) {
    const line = m[0];
    const key = NAME_KEY.exec(line);
    if (key) {
      const valueStart = m.index + key[0].length;
      const value = line.slice(key[0].length);
      // "Raman, Priya" is one name; "Bjørn Halvorsen, Oslo" a name and a place.
      const lastFirst = /^\s*\p{Lu}[\p{L}'’-]+,\s*\p{Lu}[\p{L}'’-]+\s*$/u.test(value);
      const cut = value.search(lastFirst ? /\s*(?:<|\[email\]|\(|$)/u : /\s*(?:<|\[email\]|\(|,|;|$)/u);
      if (cut > 0 && /\p{Lu}/u.test(value)) spans.push([valueStart, valueStart + cut]);
    } else {
      // The line after a sign-off, or the first line, when it is only a name: "Best,\nPriya Raman".
      const trimmed = line.trim();
      const afterSignOff = SIGN_OFF.test(foldPhrase(previousLine));
      if ((afterSignOff || firstLine) && trimmed.length > 0) {
        const toks = tokens(line);
        const n = toks.length > 0 ? runAt(line, toks, 0, []) : 0;
        const last = toks[n - 1];
        const rest = last ? line.slice(last.end).trim() : "";
        if (n >= (afterSignOff ? 1 : 2) && (rest === "" || rest.startsWith(",") || rest.startsWith("|")))
          if (
            !TITLE_DICTIONARY.first(new Words(line.slice(0, last?.end))) &&
            !DEPARTMENT.test(line.slice(0, last?.end))
          )
            spans.push([m.index + (toks[0] as Token).start, m.index + (last as Token).end]);
      }
    }
    if (line.trim().length > 0) {
      previousLine = line;
      firstLine = false;
    }
  }

  // Capitalised runs where the words around them say a person.
  const toks = tokens(text);
  for (let i = 0; i < toks.length; i++) {
    const n = runAt(text, toks, i, titles);
    if (n === 0) continue;
    const end = (toks[i + n - 1] as Token).end;
    // The run may open with the word that announces the name ("Met Jonas …", "Ich bin Jana …").
    const announced = [...Array(n).keys()].find((k) =>
      BEFORE_NAME.test(lineBefore(text, toks[i + k] as Token)),
    );
    const start = (toks[i + (announced ?? 0)] as Token).start;
    // After "from", "at", "of" comes the organisation: "Aoife Brennan from Clover Dairy asked …".
    const ofOrganisation = ORG_BEFORE.has((toks[i - 1]?.text ?? "").toLowerCase());
    const after = text.slice(end, end + 30);
    const before = lineBefore(text, toks[i] as Token);
    const fullName = n >= 2 && !isPlace(text.slice(start, end));
    const person =
      announced !== undefined ||
      (fullName && afterTitle(text, toks, i, titles)) ||
      (fullName && titleAt(titleStarts, text, end)) ||
      (fullName && WEAK_BEFORE.test(before)) ||
      (fullName && PRONOUN_AFTER.test(after)) ||
      (fullName && ROLE_APPOSITION.test(before)) ||
      (!ofOrganisation && AFTER_NAME.test(after)) ||
      (fullName && n <= 3 && looksLikeFullName(text, toks, i, start, end));
    if (person) spans.push([start, end]);
    i += n - 1;
  }

  for (const re of [PROFILE, HANDLE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) spans.push([m.index, m.index + m[0].length]);
  }
  return merged(spans);
}

function merged(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The text with every person's name found (and every other occurrence of its words), profile URL and
 * handle replaced by "[name]". */
export function redactPersonNames(text: string): string {
  const spans = personNameSpans(text);
  const words = new Set<string>();
  for (const [s, e] of spans)
    for (const t of tokens(text.slice(s, e))) if (isNameWord(t.text) && t.text.length >= 3) words.add(t.text);
  // Other occurrences of a found name's words.
  for (const t of tokens(text)) if (words.has(t.text)) spans.push([t.start, t.end]);
  let out = "";
  let at = 0;
  for (const [s, e] of merged(spans)) {
    out += `${text.slice(at, s)}[name]`;
    at = e;
  }
  return out + text.slice(at);
}
