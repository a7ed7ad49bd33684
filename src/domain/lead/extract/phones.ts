import { findPhoneNumbersInText } from "libphonenumber-js";
import type { Fact, Span } from "../facts.js";
import { fact } from "./context.js";

/** Phone numbers: their spans (masked, so their digits are never read as counts or money) and, for an
 * international number, the country it implies (inferred). */
export function findPhones(text: string): { spans: Span[]; country?: Fact<string> } {
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
