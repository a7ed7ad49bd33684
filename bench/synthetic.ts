/** Reproducible synthetic leads and rule sets for the benchmarks (seeded, so runs compare like for like). */

import { INDUSTRIES } from "../src/domain/lead/dictionaries.js";
import {
  SENIORITIES as FACT_SENIORITIES,
  type Fact,
  type LeadFacts,
  type ParsedLead,
} from "../src/domain/lead/facts.js";
import type { Condition, RuleSetInput } from "../src/domain/personas/schema.js";

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

export const SYNTH_INDUSTRIES = [...INDUSTRIES, ...Array.from({ length: 40 }, (_, i) => `sector_${i}`)];
export const COUNTRIES = [
  "US",
  "GB",
  "DE",
  "FR",
  "ES",
  "MX",
  "BR",
  "IN",
  "CA",
  "AU",
  "NL",
  "SE",
  "JP",
  "SG",
  "IT",
];
export const SENIORITIES = [...FACT_SENIORITIES];
export const DEPARTMENTS = [
  "sales",
  "marketing",
  "engineering",
  "it",
  "finance",
  "hr",
  "operations",
  "procurement",
];
/** A vocabulary of signal words, the size of a real keyword list across many rules. */
export const KEYWORDS = Array.from({ length: 2000 }, (_, i) => `kw${i}`);
const FILLER = [
  "please",
  "send",
  "pricing",
  "demo",
  "team",
  "next",
  "week",
  "interested",
  "call",
  "tool",
  "crm",
];
const DOMAINS = Array.from({ length: 600 }, (_, i) => `company${i}.com`);
const RARE_TITLE_WORDS = [
  "buyer",
  "clerk",
  "trainee",
  "consultant",
  "student",
  "intern",
  "assistant",
  "analyst",
];

/** Parsed leads as the parser would produce them, each fact quoting its own words. */
export function syntheticLeads(count: number, seed = 1): ParsedLead[] {
  const r = rng(seed);
  const leads: ParsedLead[] = [];
  for (let n = 0; n < count; n++) {
    let text = "";
    const facts: LeadFacts = {};
    const add = <K extends keyof LeadFacts>(
      name: K,
      value: NonNullable<LeadFacts[K]> extends Fact<infer T> ? T : never,
      words: string,
    ) => {
      const start = text.length;
      text += `${words}, `;
      (facts as Record<string, Fact<unknown>>)[name] = { value, span: { start, end: start + words.length } };
    };
    if (r() < 0.9) add("industry", pick(r, SYNTH_INDUSTRIES), pick(r, SYNTH_INDUSTRIES));
    if (r() < 0.85) add("country", pick(r, COUNTRIES), pick(r, COUNTRIES));
    if (r() < 0.8) {
      const seniority = pick(r, SENIORITIES) as NonNullable<LeadFacts["seniority"]>["value"];
      const title = `${r() < 0.1 ? pick(r, RARE_TITLE_WORDS) : seniority} ${pick(r, DEPARTMENTS)}`;
      add("title", title, title);
      add("seniority", seniority, seniority);
      add("department", pick(r, DEPARTMENTS), pick(r, DEPARTMENTS));
    }
    if (r() < 0.7) {
      const size = Math.floor(10 ** (r() * 5));
      add("employees", { min: size, max: size }, `${size} employees`);
    }
    if (r() < 0.3) {
      const amount = Math.floor(r() * 20000);
      add("budget", { amount, currency: "USD", period: "year" }, `$${amount}/year`);
    }
    if (r() < 0.8) {
      const domain = r() < 0.2 ? "gmail.com" : pick(r, DOMAINS);
      add("emailDomain", domain, domain);
      add("domainKind", domain === "gmail.com" ? "free" : "corporate", domain);
    }
    const noteWords = Array.from({ length: 6 + Math.floor(r() * 10) }, () =>
      r() < 0.15 ? pick(r, KEYWORDS) : pick(r, FILLER),
    );
    const notes = noteWords.join(" ");
    add("notes", notes, notes);
    leads.push({ text, facts });
  }
  return leads;
}

/** 200 rules of the shapes real rule sets have: keyword lists, competitor and partner domain lists, set
 * membership on enums, combinations, numeric bounds. Like a real set, most rules are specific: a typical
 * lead matches a few of them (the benchmark prints the average). */
export function syntheticRuleSet(size = 200, seed = 2): RuleSetInput {
  const r = rng(seed);
  const rules: { id: string; when: Condition; weight: number; reason: string }[] = [];
  const sample = <T>(list: readonly T[], k: number) => [
    ...new Set(Array.from({ length: k }, () => pick(r, list))),
  ];
  // kind -> how many of the 200 rules (scaled for other sizes)
  const mix: [number, () => Condition][] = [
    [80, () => ({ field: "notes", op: "contains_any", value: sample(KEYWORDS, 4) })],
    [30, () => ({ field: "emailDomain", op: "in", value: sample(DOMAINS, 3) })],
    [10, () => ({ field: "industry", op: "in", value: sample(SYNTH_INDUSTRIES, 3) })],
    [
      30,
      () => ({
        all: [
          { field: "seniority", op: "eq", value: pick(r, SENIORITIES) },
          { field: "department", op: "eq", value: pick(r, DEPARTMENTS) },
        ],
      }),
    ],
    [
      20,
      () => ({
        all: [
          { field: "industry", op: "eq", value: pick(r, SYNTH_INDUSTRIES) },
          { field: "employees", op: "gte", value: Math.floor(r() * 5000) },
        ],
      }),
    ],
    [
      10,
      () => ({
        all: [
          { field: "country", op: "eq", value: pick(r, COUNTRIES) },
          { field: "industry", op: "in", value: sample(SYNTH_INDUSTRIES, 2) },
        ],
      }),
    ],
    [
      10,
      () => ({
        any: [
          { field: "title", op: "contains_any", value: [pick(r, RARE_TITLE_WORDS)] },
          { field: "notes", op: "contains_any", value: [pick(r, KEYWORDS)] },
        ],
      }),
    ],
    [5, () => ({ field: "employees", op: "lt", value: Math.floor(r() * 10) + 2 })],
    [5, () => ({ field: "budget", op: "lt", value: Math.floor(r() * 2000) })],
  ];
  for (const [share, make] of mix) {
    const n = Math.round((share * size) / 200);
    for (let k = 0; k < n && rules.length < size; k++) {
      rules.push({
        id: `r${rules.length}`,
        when: make(),
        weight: 5 + Math.floor(r() * 40),
        reason: `rule ${rules.length} ({evidence})`,
      });
    }
  }
  return { version: 1, personas: [{ id: "synthetic", name: "Synthetic", kind: "anti", rules }] };
}

const FIRST = ["Priya", "Tom", "Ana", "Jonas", "Claire", "Raj", "Laura", "Sam", "Lucía", "Max", "Kim", "Lee"];
const LAST = [
  "Raman",
  "Becker",
  "Souza",
  "Weber",
  "Martin",
  "Patel",
  "Chen",
  "Ruiz",
  "Müller",
  "Park",
  "Wong",
];
const COMPANIES = [
  "Northwind",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Vandelay",
  "Contoso",
  "Fabrikam",
  "Stark",
];
const TITLES = [
  "VP of Sales",
  "Head of Procurement",
  "Marketing Intern",
  "CEO",
  "Sales Manager",
  "PhD Student",
  "Executive Assistant",
  "Director of IT",
  "Gerente de Compras",
  "Geschäftsführer",
  "Directrice marketing",
];
const CITIES = [
  "Chicago",
  "Berlin",
  "Madrid",
  "London",
  "Toronto",
  "Austin, TX",
  "Paris",
  "Mexico City",
  "Bengaluru",
];
const NOTES = [
  "needs an RFP and a security questionnaire",
  "looking for the cheapest plan",
  "working on my thesis",
  "wants a demo this quarter",
  "budget approved",
  "do you have a free version?",
  "comparing prices for my boss",
  "",
];

/** Raw lead texts in the shapes reps paste: one-liners, key-value blocks, signatures, forwarded mail. */
export function syntheticTexts(count: number, seed = 3): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const first = pick(r, FIRST);
    const last = pick(r, LAST);
    const company = pick(r, COMPANIES);
    const title = pick(r, TITLES);
    const email = `${first.toLowerCase()}@${r() < 0.2 ? "gmail.com" : `${company.toLowerCase()}.com`}`;
    const size = Math.floor(10 ** (r() * 4.5));
    const city = pick(r, CITIES);
    const note = pick(r, NOTES);
    const shape = n % 4;
    if (shape === 0)
      out.push(`${first} ${last}, ${title} at ${company} (${size} employees), ${email}, ${city}. ${note}`);
    else if (shape === 1)
      out.push(
        `Name: ${first} ${last}\nCompany: ${company}\nJob Title: ${title}\nEmployees: ${size}\nEmail: ${email}\nLocation: ${city}\nNotes: ${note}`,
      );
    else if (shape === 2)
      out.push(
        `Hi, ${note}.\n\nBest,\n${first} ${last}\n${title} | ${company}\n+1 (312) 555-01${n % 100}\n${email}`,
      );
    else
      out.push(
        `---------- Forwarded message ---------\nFrom: ${first} ${last} <${email}>\nSubject: Pricing\nTo: sales@ourco.com\n\nWe are ${size} people in ${city}. ${note}`,
      );
  }
  return out;
}

const FIRST_NAMES = ["Priya", "Sam", "Jo", "Ken", "Maria", "Bo", "Ana", "Lee"];
const ROW_TITLES = [
  "VP Sales",
  "Student",
  "Head of Operations",
  "Founder",
  "Procurement Officer",
  "CTO",
  "Intern",
];
const ROW_COMPANIES = [
  "Northwind Logistics",
  "Acme Corp",
  "Tiny Studio",
  "City of Springfield",
  "Globex GmbH",
];

/** The columns of a CRM export as the bulk benchmarks write it. */
export const CRM_HEADER = [
  "First Name",
  "Last Name",
  "Title",
  "Company",
  "Email",
  "Number of Employees",
  "Country",
  "Description",
] as const;

/** Row `i` of that export, its description one of `descriptions` (each one line, without quotes). */
export function crmRow(
  i: number,
  descriptions: readonly string[],
): Record<(typeof CRM_HEADER)[number], string> {
  const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
  return {
    "First Name": first,
    "Last Name": `Lead${i}`,
    Title: ROW_TITLES[i % ROW_TITLES.length] as string,
    Company: ROW_COMPANIES[i % ROW_COMPANIES.length] as string,
    Email: `${first.toLowerCase()}${i}@example${i % 50}.com`,
    "Number of Employees": String([3, 40, 250, 12000][i % 4]),
    Country: ["US", "Germany", "UK", "Brazil"][i % 4] as string,
    Description: descriptions[i % descriptions.length] as string,
  };
}

/** One-line descriptions for CRM rows: synthetic lead texts without quotes or line breaks, 200 characters at most. */
export function rowDescriptions(n = 1_000): string[] {
  return syntheticTexts(n).map((t) => t.replace(/["\n\r]/g, " ").slice(0, 200));
}
