import { findPhoneNumbersInText } from "libphonenumber-js";
import type { Fact, Span } from "../facts.js";
import { fact } from "./context.js";

/** A run that may be an international number: "+" or "00", digits and separators on one line, maybe an
 * extension ("ext 200", "x12"). */
const INTERNATIONAL =
  /(?:\+|(?<!\d)00)[ \t\u00a0]?[1-9][\d \t\u00a0()./-]{0,30}\d(?:[ \t\u00a0]*(?:ext\.?|extension|x)[ \t\u00a0]*\d{1,6})?/gi;

/** International runs read by libphonenumber in one lead, at most. */
const MAX_LIBRARY_RUNS = 20;

/** Phone numbers: their spans (masked, so their digits are never read as counts or money) and, for an
 * international number, the country it implies (inferred). */
export function findPhones(text: string): { spans: Span[]; country?: Fact<string> } {
  const spans: Span[] = [];
  let country: Fact<string> | undefined;
  // Only international numbers ("+49 …", "0049 …") tell a country. libphonenumber reads each such run alone:
  // given the whole text it tries every other number in it too (a head count, a year), and throws an error
  // for each, which cost a third of all parsing.
  let asked = 0;
  for (const run of text.matchAll(INTERNATIONAL)) {
    // A number has 7 digits or more, and a lead a few numbers: the library (tens of microseconds a call, an
    // Error built for each refusal) is asked about the first few plausible runs only, so a lead of thousands
    // of "+1 1,000" costs what one of a few numbers does. Later runs are still masked by shape below.
    if ((run[0].match(/\d/g)?.length ?? 0) < 7 || asked >= MAX_LIBRARY_RUNS) continue;
    asked++;
    for (const found of findPhoneNumbersInText(run[0])) {
      const start = run.index + found.startsAt;
      const end = run.index + found.endsAt;
      spans.push({ start, end });
      if (!country && found.number.country) country = fact(found.number.country, start, end, true);
    }
  }
  // National-format numbers ("(312) 555-0199", "030 1234567") are masked too, by shape.
  const shape = /(?:\+|00)?\(?\d[\d\s()./-]{7,30}\d/g;
  for (let m = shape.exec(text); m !== null; m = shape.exec(text)) {
    const digits = m[0].replace(/\D/g, "").length;
    if (digits >= 9 && digits <= 15) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return country ? { spans, country } : { spans };
}
