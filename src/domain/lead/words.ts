/** The parser's word lists, kept as data under words/ (a new language, title or label is a change to a JSON
 * file, with its test), checked once when first loaded. Entries are written plainly: PhraseDictionary folds
 * case and accents. */
import type { Seniority } from "./facts.js";
import contextFile from "./words/context.json" with { type: "json" };
import departmentsFile from "./words/departments.json" with { type: "json" };
import industriesFile from "./words/industries.json" with { type: "json" };
import labelsFile from "./words/labels.json" with { type: "json" };
import placesFile from "./words/places.json" with { type: "json" };
import titlesFile from "./words/titles.json" with { type: "json" };

/** The fields a label may name. */
export const KEY_FIELDS = [
  "name",
  "firstName",
  "lastName",
  "email",
  "company",
  "website",
  "title",
  "department",
  "industry",
  "employees",
  "revenue",
  "budget",
  "country",
  "city",
  "location",
  "source",
  "notes",
  "phone",
  "from",
  "subject",
  "recipient",
  "date",
] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

/** Seniorities a title's words fix, strongest signal first (a title with several takes the first). */
export const TITLE_SENIORITIES = [
  "student",
  "intern",
  "c_level",
  "vp",
  "director",
  "manager",
  "individual",
] as const satisfies readonly Exclude<Seniority, "unknown">[];

/** Industry taxonomy used by rules (`industry in [education, government]`). */
export const INDUSTRIES = [
  "software",
  "it_services",
  "education",
  "government",
  "nonprofit",
  "healthcare",
  "financial_services",
  "insurance",
  "agency",
  "consulting",
  "retail",
  "manufacturing",
  "media",
  "real_estate",
  "hospitality",
  "legal",
  "logistics",
  "telecom",
  "energy",
  "construction",
  "recruiting",
  "automotive",
] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** What a file must hold: its lists by name (`names`: exactly these; undefined: any lower-case name, or an ISO
 * country code for `countries`), each a list of words written once, none blank. */
type ListsShape = { names: readonly string[] } | { pattern: RegExp };

/** The shape of each file: an `about` saying what its words are for, then its lists (or groups of lists). */
export const WORD_FILES = {
  labels: { words: { names: KEY_FIELDS } },
  titles: { words: { names: TITLE_SENIORITIES } },
  departments: { words: { pattern: /^[a-z_]+$/ } },
  industries: { words: { names: INDUSTRIES } },
  places: { cities: { pattern: /^[A-Z]{2}$/ }, regions: { pattern: /^[A-Z]{2}$/ } },
  context: {
    titleBlockers: "list",
    titleModifiers: "list",
    nameJoiners: "list",
    organisationNouns: "list",
    countryDomains: "list",
  },
} as const satisfies Record<string, Record<string, ListsShape | "list">>;

export type WordFileName = keyof typeof WORD_FILES;

/** Why a list is not one: undefined when it is. */
function listProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return "must be a list of words";
  const seen = new Set<string>();
  for (const word of value) {
    if (typeof word !== "string" || word.trim().length === 0) return "a word is blank";
    if (seen.has(word)) return `"${word}" is listed twice`;
    seen.add(word);
  }
  return undefined;
}

/** The problems of a word file's content, each as "path: what is wrong" (none: it holds what the parser needs).
 * Plain code rather than a schema library: the files hold thousands of words and are read at every start. */
export function wordFileProblems(name: WordFileName, data: unknown): string[] {
  const problems: string[] = [];
  const file = data as Record<string, unknown>;
  const shape: Record<string, ListsShape | "list"> = WORD_FILES[name];
  const expected = new Set(["about", ...Object.keys(shape)]);
  if (typeof file?.about !== "string" || file.about.trim().length === 0)
    problems.push("about: say what the words are for");
  for (const key of Object.keys(file ?? {}))
    if (!expected.has(key)) problems.push(`${key}: not a part of this file`);
  for (const [key, kind] of Object.entries(shape)) {
    const value = file?.[key];
    if (kind === "list") {
      const problem = listProblem(value);
      if (problem) problems.push(`${key}: ${problem}`);
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(`${key}: must hold lists by name`);
      continue;
    }
    const lists = value as Record<string, unknown>;
    if ("names" in kind)
      for (const missing of kind.names.filter((n) => !(n in lists)))
        problems.push(`${key}.${missing}: missing`);
    for (const [listName, list] of Object.entries(lists)) {
      const known = "names" in kind ? kind.names.includes(listName) : kind.pattern.test(listName);
      if (!known) problems.push(`${key}.${listName}: not a name this list may have`);
      const problem = listProblem(list);
      if (problem) problems.push(`${key}.${listName}: ${problem}`);
    }
  }
  return problems;
}

/** A file's content, once it is known to hold what the parser needs. */
function checked<T>(name: WordFileName, data: T): T {
  const problems = wordFileProblems(name, data);
  if (problems.length > 0) throw new Error(`src/domain/lead/words/${name}.json: ${problems.join("; ")}`);
  return data;
}

export const WORDS = {
  labels: checked("labels", labelsFile as { about: string; words: Record<KeyField, string[]> }),
  titles: checked(
    "titles",
    titlesFile as { about: string; words: Record<(typeof TITLE_SENIORITIES)[number], string[]> },
  ),
  departments: checked("departments", departmentsFile as { about: string; words: Record<string, string[]> }),
  industries: checked("industries", industriesFile as { about: string; words: Record<Industry, string[]> }),
  places: checked(
    "places",
    placesFile as { about: string; cities: Record<string, string[]>; regions: Record<string, string[]> },
  ),
  context: checked("context", contextFile),
};
