import { EMPLOYEE_WORDS } from "./dictionaries.js";
import type { Headcount } from "./facts.js";
import { applyMultiplier, NUMBER, readNumber } from "./numbers.js";

const N = String.raw`(?:${NUMBER})\s?(?:k(?![\p{L}]))?`;
const RANGE_SEP = String.raw`\s?(?:-|–|—|to|a|bis|à|y)\s?`;
const ABOVE = String.raw`(?:over|more than|above|>|\+|m[áa]s de|über|uber|plus de|au moins|at least)`;
const BELOW = "(?:under|less than|fewer than|below|up to|<|menos de|unter|bis zu|moins de|jusqu'?[àa])";
const APPROX = String.raw`(?:about|around|approx\.?|approximately|roughly|~|ca\.?|circa|unos|aprox\.?|etwa|environ)`;

/** "50-200 employees", "10k+ staff", "over 500 people", "2,500 Mitarbeiter", "a 4-person team",
 * "team of 12", "12-strong team", "headcount of 300". Requires a word that says it is about people. */
const IN_TEXT = new RegExp(
  [
    String.raw`(?<range>(?<lo>${N})${RANGE_SEP}(?<hi>${N})\s?\+?\s?(?:${EMPLOYEE_WORDS})(?![\p{L}]))`,
    String.raw`(?<above>${ABOVE}\s?(?<av>${N})\s?\+?\s?(?:${EMPLOYEE_WORDS})(?![\p{L}]))`,
    String.raw`(?<below>${BELOW}\s?(?<bv>${N})\s?(?:${EMPLOYEE_WORDS})(?![\p{L}]))`,
    String.raw`(?<single>(?:${APPROX}\s?)?(?<sv>${N})\s?(?<plus>\+)?\s?(?:${EMPLOYEE_WORDS})(?![\p{L}]))`,
    String.raw`(?<team>(?<tv>${N})[-\s](?:person|people|man|member|strong|personas|personnes|köpfig|kopfig)\s(?:team|company|shop|agency|startup|business|firm|equipo|empresa|firma|unternehmen|équipe|equipe|agence))`,
    String.raw`(?<teamof>(?:team|company|staff|headcount|equipo|plantilla|équipe|equipe) (?:of|de|von)\s(?<ov>${N})(?![\d\p{L}]))`,
  ].join("|"),
  "giu",
);

const SOLO =
  /\b(?:solo ?preneur|solo founder|one[- ]man (?:shop|band|business)|one[- ]person (?:company|business)|freelancer|self[- ]employed|sole (?:trader|proprietor)|aut[óo]nomo|aut[óo]noma|freiberufler(?:in)?|selbstst[äa]ndig|ind[ée]pendant(?:e)?|auto[- ]entrepreneur)\b/iu;

/** A value known to be a head count ("51-200", "10,001+", "5000", "< 10", "1-10 employees"). */
const AS_VALUE = new RegExp(
  String.raw`^\s*(?:(?<below>${BELOW})\s?)?(?:(?<above>${ABOVE})\s?)?(?:${APPROX}\s?)?(?<lo>${N})\s?(?:(?:${RANGE_SEP})(?<hi>${N}))?\s?(?<plus>\+)?`,
  "iu",
);

function readCount(raw: string): number {
  const k = /k$/i.test(raw.trim());
  return Math.round(applyMultiplier(readNumber(raw.replace(/\s?k$/i, "")), k ? "k" : undefined));
}

function sane(count: Headcount): Headcount | undefined {
  // Larger than any employer on earth: a phone number or an amount, not a head count.
  if (!Number.isFinite(count.min) || count.min < 0 || count.min > 3_000_000) return undefined;
  if (count.max !== Number.POSITIVE_INFINITY && (count.max < count.min || count.max > 3_000_000))
    return undefined;
  return count;
}

export interface HeadcountHit {
  value: Headcount;
  start: number;
  end: number;
}

/** Words before a count of "people" that make it an audience, not a staff: "sending the issue out to about
 * 5,000 people", "reaches 10,000 people", "attended by 300 people". */
const AUDIENCE_BEFORE =
  /\b(?:to|reach(?:es|ed|ing)?|audience of|attended by|read by|seen by|watched by|subscribed by|sent to|mailing list of)\s+(?:about|around|approximately|roughly|over|some|nearly|almost|more than|up to)?\s*$/i;
const GENERIC_PEOPLE = /(?:people|persons?|personas|personnes)$/i;

function audience(text: string, at: number, matched: string): boolean {
  return GENERIC_PEOPLE.test(matched.trim()) && AUDIENCE_BEFORE.test(text.slice(Math.max(0, at - 40), at));
}

export function findHeadcount(text: string): HeadcountHit | undefined {
  IN_TEXT.lastIndex = 0;
  for (let m = IN_TEXT.exec(text); m !== null; m = IN_TEXT.exec(text)) {
    const g = m.groups ?? {};
    let value: Headcount | undefined;
    if (g.range) value = { min: readCount(g.lo as string), max: readCount(g.hi as string) };
    else if (g.above) value = { min: readCount(g.av as string), max: Number.POSITIVE_INFINITY };
    else if (g.below) value = { min: 1, max: readCount(g.bv as string) };
    else if (g.single) {
      const n = readCount(g.sv as string);
      value = g.plus ? { min: n, max: Number.POSITIVE_INFINITY } : { min: n, max: n };
    } else if (g.team) {
      const n = readCount(g.tv as string);
      value = { min: n, max: n };
    } else if (g.teamof) {
      const n = readCount(g.ov as string);
      value = { min: n, max: n };
    }
    const checked = value && sane(value);
    if (checked && !audience(text, m.index, m[0]))
      return { value: checked, start: m.index, end: m.index + m[0].length };
  }
  const solo = SOLO.exec(text);
  if (solo) return { value: { min: 1, max: 1 }, start: solo.index, end: solo.index + solo[0].length };
  return undefined;
}

/** Reads a field value that is known to be a head count, such as a CRM "Company size" column. */
export function readHeadcountValue(value: string): Headcount | undefined {
  const inText = findHeadcount(value);
  if (inText) return inText.value;
  const m = AS_VALUE.exec(value);
  if (m === null) return undefined;
  const g = m.groups ?? {};
  const lo = readCount(g.lo as string);
  if (g.hi) return sane({ min: lo, max: readCount(g.hi) });
  if (g.plus || g.above) return sane({ min: lo, max: Number.POSITIVE_INFINITY });
  if (g.below) return sane({ min: 1, max: lo });
  return sane({ min: lo, max: lo });
}
