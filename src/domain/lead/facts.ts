import type { HistoryFacts } from "../memory/facts.js";

/** The facts a lead's text yields. Every fact keeps the span of input text it came from, so a verdict can
 * quote the words that triggered it. Unknown facts are simply absent: they are never guessed. */

export interface Span {
  /** Offset of the first character in the analysed text. */
  start: number;
  /** Offset one past the last character. */
  end: number;
}

/** Where a fact was read: a typed field ("Title: …"), a mail header, the sender's signature block, the body of
 * the text, or inferred. A sentence in the body may be about someone else; a field rarely is. */
export const FACT_SOURCES = ["field", "header", "signature", "body", "inferred"] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

export interface Fact<T> {
  value: T;
  span: Span;
  /** True when the fact was inferred (e.g. from a phone prefix or by the LLM) rather than stated. */
  inferred?: boolean;
  /** Where it was read (set by the parser once every fact is found). */
  source?: FactSource;
  /** Read in a mail's body from a sentence that is not the sender speaking of themselves ("Mark knows the
   * President of Requisite"): it may be about someone else, so rules count it at part weight. */
  secondHand?: true;
}

export const DOMAIN_KINDS = ["corporate", "free", "disposable", "edu", "gov"] as const;
export type DomainKind = (typeof DOMAIN_KINDS)[number];

export const SENIORITIES = [
  "c_level",
  "vp",
  "director",
  "manager",
  "individual",
  "intern",
  "student",
  "unknown",
] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const PERIODS = ["one_off", "month", "quarter", "year"] as const;
export type Period = (typeof PERIODS)[number];

/** A head count, exact or a range. `max` is Infinity for open ranges such as "10k+". */
export interface Headcount {
  min: number;
  max: number;
}

export interface Money {
  amount: number;
  /** ISO 4217 code; undefined when the text gave no currency. */
  currency?: string;
}

export interface Budget extends Money {
  period: Period;
}

export interface LeadFacts {
  name?: Fact<string>;
  email?: Fact<string>;
  emailDomain?: Fact<string>;
  domainKind?: Fact<DomainKind>;
  company?: Fact<string>;
  website?: Fact<string>;
  title?: Fact<string>;
  seniority?: Fact<Seniority>;
  department?: Fact<string>;
  industry?: Fact<string>;
  employees?: Fact<Headcount>;
  revenue?: Fact<Money>;
  budget?: Fact<Budget>;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: Fact<string>;
  source?: Fact<string>;
  notes?: Fact<string>;
}

export type FactName = keyof LeadFacts;

export const FACT_NAMES: readonly FactName[] = [
  "name",
  "email",
  "emailDomain",
  "domainKind",
  "company",
  "website",
  "title",
  "seniority",
  "department",
  "industry",
  "employees",
  "revenue",
  "budget",
  "country",
  "source",
  "notes",
];

/** A parsed lead: the text that was analysed (spans point into it) and the facts found in it. */
export interface ParsedLead {
  text: string;
  facts: LeadFacts;
  /** `fold(text)`, when the parser already computed it: keyword rules reuse it instead of folding again. */
  folded?: string;
  /** The length of the text as given, when it was longer than the parser reads (only the start is read). */
  truncatedFrom?: number;
  /** What the team's earlier checks say of this person and company (undefined: not known, e.g. no memory). */
  history?: HistoryFacts;
}

/** Annual amount of a budget, so rules can compare budgets stated per month, quarter or year. */
export function annualAmount(budget: Budget): number {
  switch (budget.period) {
    case "month":
      return budget.amount * 12;
    case "quarter":
      return budget.amount * 4;
    default:
      return budget.amount;
  }
}
