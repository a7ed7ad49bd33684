import { COUNTRY_DICTIONARY, readCountryValue } from "../country.js";
import { CC_TLDS, CITY_DICTIONARY, REGION_CODES } from "../dictionaries.js";
import type { Fact } from "../facts.js";
import type { Line } from "../lines.js";
import { type Ctx, clauseAround, fact, firstKv, freeLines, masked } from "./context.js";

/** Words before a country's name that make it a continent ("North America"), not the country. */
const CONTINENT = new Set(["north", "south", "latin", "central"]);
/** Words after a country's name that make it a person's nationality ("as a US citizen"), not a place. */
const NATIONALITY = /^[\s-]*(?:citizens?|citizenship|nationals?|nationality|passports?|visas?)\b/i;
/** A line naming an organisation ("The Austin Group Energy, L.P."): a city in it is part of the name. */
const ORGANISATION_NAME = /\b(?:inc|corp|llc|ltd|gmbh|l\.\s?p|plc|group|company|holdings)\b/i;

/** Whether a place named at this hit says where someone is, rather than being part of another name. */
function placeHit(ctx: Ctx, hit: { start: number; end: number }): boolean {
  const i = ctx.words.indexAt(hit.start);
  if (i > 0 && CONTINENT.has(ctx.words.word(i - 1))) return false;
  return !NATIONALITY.test(ctx.text.slice(hit.end, hit.end + 20));
}

function countryIn(ctx: Ctx, from: number, to: number): Fact<string> | undefined {
  const country = COUNTRY_DICTIONARY.findAll(ctx.words, from, to).find((h) => placeHit(ctx, h));
  if (country) return fact(country.value, country.start, country.end);
  const city = CITY_DICTIONARY.first(ctx.words, from, to);
  const line = ctx.text.slice(from, to);
  if (city && !(ORGANISATION_NAME.test(line) && !/\d/.test(line)))
    return fact(city.value, city.start, city.end);
  // "Austin, TX" / "Toronto, ON"
  const region = /,\s?([A-Z]{2})(?![\p{L}])/gu;
  const slice = ctx.text.slice(from, to);
  for (let m = region.exec(slice); m !== null; m = region.exec(slice)) {
    const country = REGION_CODES[m[1] as string];
    if (country) return fact(country, from + m.index, from + m.index + m[0].length);
  }
  return undefined;
}

/** Words in a prose clause: a place named in running prose ("we met last week in Houston", "heading up to NYC
 * in January") is about something else, not where the lead is. */
const PROSE_WORDS = 8;
const LOCATES =
  /(?:based|located|headquartered|hq|offices?|operating|live|living|work|working)\s+(?:in|out of)\s+$/i;
/** First person in prose: "I am devastated by the New York events" speaks of a place, not from it. */
const FIRST_PERSON = /(?:^|[^\p{L}])(?:I|I'm|I've|I'd|we|we're|we've)\s+\p{L}/u;
/** A sentence in which the lead describes itself ("We are a logistics company … in Mexico"). */
const SELF =
  /\b(?:we are|we're|we have|our (?:company|team|business|office|offices|headquarters|firm|agency|startup|stores?))\b/i;

/** Whether a place named at `at` in this line says where the lead is: an address or signature line, a
 * fragment of a lead written as a list ("VP Sales at Northwind, Berlin, Germany"), or "based in …" — not a
 * mention inside a sentence of prose. */
function locatesTheLead(ctx: Ctx, line: Line, at: number): boolean {
  const clause = clauseAround(line, at);
  const before = ctx.text.slice(clause.start, at);
  if (LOCATES.test(before)) return true;
  const sentenceStart = Math.max(line.start, ctx.text.lastIndexOf(". ", at) + 1);
  if (/\bin\s+$/i.test(before) && SELF.test(ctx.text.slice(sentenceStart, at))) return true;
  // Counted without sentence ends: hard-wrapped prose keeps its length across a full stop.
  const wordsIn = (from: number, to: number) =>
    ctx.text
      .slice(from, to)
      .split(/\s+/)
      .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const fragment = clauseAround(line, at, { sentences: false });
  if (FIRST_PERSON.test(ctx.text.slice(fragment.start, at))) return false;
  return wordsIn(fragment.start, fragment.end) < PROSE_WORDS;
}

/** Country (ISO code): a Country, Location or City field, else a country or city named in free text, else
 * an international phone prefix, else a country-code domain (inferred). */
export function extractCountry(ctx: Ctx, phoneCountry: Fact<string> | undefined): void {
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
    if (
      found &&
      !masked(ctx, found.span.start, found.span.end) &&
      locatesTheLead(ctx, line, found.span.start)
    ) {
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
