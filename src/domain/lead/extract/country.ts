import { COUNTRY_DICTIONARY, readCountryValue } from "../country.js";
import { CC_TLDS, CITY_DICTIONARY, REGION_CODES } from "../dictionaries.js";
import type { Fact } from "../facts.js";
import { type Ctx, fact, firstKv, freeLines, masked } from "./context.js";

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
