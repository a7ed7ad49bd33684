import countries from "i18n-iso-countries";
import de from "i18n-iso-countries/langs/de.json" with { type: "json" };
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };
import { PhraseDictionary } from "./phrases.js";

for (const locale of [en, es, de, fr]) countries.registerLocale(locale);

/** Country names that are also first names, US states or common words: trusted only in a Country field. */
const AMBIGUOUS = new Set([
  "jordan",
  "chad",
  "georgia",
  "jersey",
  "maurice",
  "montserrat",
  "niger",
  "guernsey",
]);

const ALIASES: [string, string][] = [
  ["usa", "US"],
  ["u s a", "US"],
  ["u s", "US"],
  ["united states of america", "US"],
  ["america", "US"],
  ["eeuu", "US"],
  ["ee uu", "US"],
  ["estados unidos", "US"],
  ["uk", "GB"],
  ["u k", "GB"],
  ["great britain", "GB"],
  ["britain", "GB"],
  ["england", "GB"],
  ["scotland", "GB"],
  ["wales", "GB"],
  ["northern ireland", "GB"],
  ["reino unido", "GB"],
  ["grossbritannien", "GB"],
  ["royaume uni", "GB"],
  ["holland", "NL"],
  ["uae", "AE"],
  ["emirates", "AE"],
  ["deutschland", "DE"],
  ["espana", "ES"],
  ["schweiz", "CH"],
  ["suisse", "CH"],
  ["osterreich", "AT"],
  ["south korea", "KR"],
  ["korea", "KR"],
  ["russia", "RU"],
  ["czech republic", "CZ"],
  ["czechia", "CZ"],
  ["vietnam", "VN"],
  ["mexique", "MX"],
  ["etats unis", "US"],
];

function names(select: "all"): [string, string][] {
  const out: [string, string][] = [];
  for (const lang of ["en", "es", "de", "fr"]) {
    for (const [code, list] of Object.entries(countries.getNames(lang, { select }))) {
      for (const name of list as string[]) out.push([name, code]);
    }
  }
  return out;
}

const ALL_NAMES = [...ALIASES, ...names("all")];

/** Country names and aliases safe to spot in running text. */
export const COUNTRY_DICTIONARY = new PhraseDictionary<string>(
  ALL_NAMES.filter(([name]) => !AMBIGUOUS.has(name.toLowerCase())),
);

/** Every name, for values already known to be a country. */
const COUNTRY_VALUE_DICTIONARY = new PhraseDictionary<string>(ALL_NAMES);

/** Reads a Country field: a name in a supported language, an ISO alpha-2 or alpha-3 code. */
export function readCountryValue(value: string): string | undefined {
  const trimmed = value.trim().replace(/\.$/, "");
  const upper = trimmed.toUpperCase();
  if (upper === "UK") return "GB";
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper)) {
    const alpha2 = countries.alpha3ToAlpha2(upper);
    if (alpha2) return alpha2;
  }
  return COUNTRY_VALUE_DICTIONARY.lookup(trimmed);
}
