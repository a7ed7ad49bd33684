/** The parser's dictionaries, built once from its word lists (words.ts, data under words/): phrase lookups by
 * what the phrase names, and the sets the extractors consult. Folding (case and accents) is applied by
 * PhraseDictionary, so entries are written plainly. */
import type { Seniority } from "./facts.js";
import { PhraseDictionary } from "./phrases.js";
import { INDUSTRIES, type Industry, type KeyField, TITLE_SENIORITIES, WORDS } from "./words.js";

export { INDUSTRIES, type Industry, type KeyField };

/** Every phrase of every list, with the name of its list. */
function entriesOf<K extends string>(lists: Readonly<Record<K, readonly string[]>>): [string, K][] {
  return (Object.entries(lists) as [K, readonly string[]][]).flatMap(([name, words]) =>
    words.map((word) => [word, name] as [string, K]),
  );
}

export const KEY_DICTIONARY = new PhraseDictionary<KeyField>(entriesOf(WORDS.labels.words));

/** Stronger signals win when a title has several ("Student Director" is a student). */
export const SENIORITY_PRIORITY: readonly Seniority[] = TITLE_SENIORITIES;

export const TITLE_DICTIONARY = new PhraseDictionary<Exclude<Seniority, "unknown">>(
  entriesOf(WORDS.titles.words),
);

export const DEPARTMENT_DICTIONARY = new PhraseDictionary<string>(entriesOf(WORDS.departments.words));

export const INDUSTRY_DICTIONARY = new PhraseDictionary<Industry>(entriesOf(WORDS.industries.words));

/** Words for "employees" after a number: "400 employees", "2.500 Mitarbeiter", "50 empleados". */
export const EMPLOYEE_WORDS =
  "employees?|staff|people|persons?|FTEs?|emps?|workers|headcount|team members|" +
  "Mitarbeiter(?:innen)?|Mitarbeitende[n]?|Besch[äa]ftigte|Angestellte|empleados|trabajadores|personas|" +
  "colaboradores|employ[ée]s|salari[ée]s|collaborateurs|personnes|dipendenti|funcion[áa]rios";

/** Cities, states and provinces by name, each giving its country ("based in Ohio", "Lyon"). */
export const CITY_DICTIONARY = new PhraseDictionary<string>([
  ...entriesOf(WORDS.places.cities),
  ...entriesOf(WORDS.places.regions),
]);

/** US states and Canadian provinces, as in "Austin, TX": the country is then known. */
export const REGION_CODES: Readonly<Record<string, string>> = Object.fromEntries([
  ...(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND " +
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC"
  )
    .split(" ")
    .map((code) => [code, "US"]),
  ...["ON", "BC", "QC", "AB", "MB", "NS", "NB", "SK"].map((code) => [code, "CA"]),
]);

// ---------------------------------------------------------------- word lists the extractors consult

/** Words before a title that make it someone else's ("our CEO", "to the VP", "each trader"). */
export const TITLE_BLOCKERS: ReadonlySet<string> = new Set(WORDS.context.titleBlockers);

/** Words that may stand before a title word and belong to the title ("Senior", "Global", "Sales"). */
export const TITLE_MODIFIERS: ReadonlySet<string> = new Set(WORDS.context.titleModifiers);

/** Lower-case words that may join the capitalised words of a company name ("Bank of America"). */
export const NAME_JOINERS: ReadonlySet<string> = new Set(WORDS.context.nameJoiners);

/** Organisation nouns that name an industry on their own ("a university", "the hospital"). */
export const ORG_NOUNS: ReadonlySet<string> = new Set(WORDS.context.organisationNouns);

/** Country-code top-level domains that reliably mean a country (not .io, .co, .ai, .me …). */
export const CC_TLDS: ReadonlySet<string> = new Set(WORDS.context.countryDomains);
