import countries from "i18n-iso-countries";
import { z } from "zod";
import { INDUSTRIES } from "../lead/dictionaries.js";
import { type FactName, type LeadFacts, type ParsedLead, SENIORITIES, type Span } from "../lead/facts.js";
import { type VerdictReport, verdictReport } from "../personas/report.js";
import type { Decision, Verdict } from "../personas/verdict.js";
import { findPhrase, fold, foldPhrase } from "../text.js";

/** Facts the model may fill when the parser found none: the ones rules judge by that messy prose hides. */
export const INFERABLE_FACTS = ["industry", "seniority", "employees", "country"] as const;
export type InferableFact = (typeof INFERABLE_FACTS)[number];

// Every field is required and nullable: what OpenAI's strict structured outputs accept.
const quote = z.string().max(200);
/** What the model returns about facts: each with the exact words of the lead that show it, or null. */
export const modelFactsSchema = z.object({
  industry: z.object({ value: z.enum(INDUSTRIES), quote }).nullable(),
  seniority: z
    .object({ value: z.enum(SENIORITIES.filter((s) => s !== "unknown") as [string, ...string[]]), quote })
    .nullable(),
  employees: z.object({ min: z.number().int(), max: z.number().int(), quote }).nullable(),
  country: z.object({ value: z.string().max(3), quote }).nullable(),
});
export type ModelFacts = z.infer<typeof modelFactsSchema>;

/** A fact the model read, checked: its value is one the rules know and its quote is in the lead's text. */
export interface InferredFact {
  name: InferableFact;
  value: unknown;
  /** Where the quoted words are in the lead's text. */
  span: Span;
}

const MAX_EMPLOYEES = 5_000_000;

/** Where the quoted words are in the (folded) text, ignoring case, accents, spacing and punctuation;
 * undefined when they are not there: a quote the model made up grounds nothing. */
export function locateQuote(folded: string, words: string): Span | undefined {
  const phrase = foldPhrase(words);
  if (phrase.length < 3) return undefined;
  const at = findPhrase(folded, phrase.split(" "));
  return at ? { start: at[0], end: at[1] } : undefined;
}

/** The model's facts that hold up: a value the rules know, words that are really in the text, and only for
 * facts the parser did not find (the model fills gaps, it never overrules what the text states). */
export function groundedFacts(lead: ParsedLead, model: ModelFacts): InferredFact[] {
  const out: InferredFact[] = [];
  const folded = lead.folded ?? fold(lead.text);
  const keep = (name: InferableFact, value: unknown, words: string) => {
    if (lead.facts[name] !== undefined) return;
    const span = locateQuote(folded, words);
    if (span) out.push({ name, value, span });
  };
  if (model.industry) keep("industry", model.industry.value, model.industry.quote);
  if (model.seniority) keep("seniority", model.seniority.value, model.seniority.quote);
  const e = model.employees;
  if (e && e.min >= 1 && e.max >= e.min && e.max <= MAX_EMPLOYEES)
    keep("employees", { min: e.min, max: e.max }, e.quote);
  const country = model.country?.value.toUpperCase();
  if (model.country && country && countries.isValid(country)) keep("country", country, model.country.quote);
  return out;
}

/** The lead with the inferred facts added, each marked inferred and pointing at its quoted words. */
export function withInferredFacts(lead: ParsedLead, inferred: readonly InferredFact[]): ParsedLead {
  const facts: LeadFacts = { ...lead.facts };
  for (const fact of inferred) {
    (facts as Record<FactName, unknown>)[fact.name] = { value: fact.value, span: fact.span, inferred: true };
  }
  return { ...lead, facts };
}

const SEVERITY: Record<Decision, number> = { pass: 0, needs_info: 1, review: 2, reject: 3 };

/** The verdict to show once inferred facts are judged: the rules' new verdict when it is at least as cautious
 * as the first, else the first. Guesses may add red flags; they never clear a lead the text alone did not. */
export function cautiousVerdict(first: Verdict, revised: Verdict): Verdict {
  const a = SEVERITY[first.decision];
  const b = SEVERITY[revised.decision];
  if (b > a || (b === a && revised.risk >= first.risk)) return revised;
  return first;
}

/** The model's facts a check kept (names, values and the offsets of their words), as grounded facts again;
 * pairs that do not fit the text are left out. */
export function keptInferredFacts(
  text: string,
  names: readonly string[],
  spans: readonly number[],
  values: Record<string, unknown>,
): InferredFact[] {
  const out: InferredFact[] = [];
  names.forEach((name, i) => {
    const start = spans[2 * i];
    const end = spans[2 * i + 1];
    if (!(INFERABLE_FACTS as readonly string[]).includes(name) || start === undefined || end === undefined)
      return;
    if (start < 0 || end <= start || end > text.length || values[name] === undefined) return;
    out.push({ name: name as InferableFact, value: values[name], span: { start, end } });
  });
  return out;
}

/** A verdict given again with the model's grounded facts. `judged`: the rules' new verdict stands (it is at
 * least as cautious); otherwise the first verdict stands and the facts are only shown. */
export interface Revision {
  lead: ParsedLead;
  verdict: Verdict;
  inferred: InferredFact[];
  judged: boolean;
}

/** Adds the model's grounded facts to the lead and lets the rules judge again; undefined when the model read
 * nothing the parser had not (or nothing its quotes could ground). */
export function reviseWithModelFacts(
  lead: ParsedLead,
  verdict: Verdict,
  rules: { evaluate(lead: ParsedLead): Verdict },
  model: ModelFacts,
): Revision | undefined {
  const inferred = groundedFacts(lead, model);
  if (inferred.length === 0) return undefined;
  const enriched = withInferredFacts(lead, inferred);
  const revised = rules.evaluate(enriched);
  const chosen = cautiousVerdict(verdict, revised);
  return { lead: enriched, verdict: chosen, inferred, judged: chosen === revised };
}

/** The verdict report of a revision: the facts the model read, with the words they rest on. */
export function revisedReport(revision: Revision): VerdictReport {
  return {
    ...verdictReport(revision.lead, revision.verdict),
    readByModel: {
      facts: revision.inferred.map((f) => ({
        fact: f.name,
        quote: revision.lead.text.slice(f.span.start, f.span.end),
      })),
      judged: revision.judged,
    },
  };
}
