import { annualAmount, type Budget, PERIODS } from "../lead/facts.js";
import type { HistoryFacts } from "../memory/facts.js";
import { formatNumber } from "../personas/describeFacts.js";
import type { LeafCondition } from "../personas/schema.js";
import { foldPhrase } from "../text.js";

/** A trait a lead can have, as the rule condition that would select it: "industry is education",
 * "11–50 employees", "title says intern". Refinement compares how leads with each trait ended. */
export interface Trait {
  /** Stable and unique: the condition, serialised. */
  key: string;
  when: LeafCondition;
  /** For people: "industry is education". */
  label: string;
}

/** What a check keeps of its lead's facts (stored JSON: values only, no personal facts). */
export type StoredFacts = Readonly<Record<string, unknown>>;

/** Facts whose whole value is a category worth testing. */
const CATEGORY_FIELDS = ["industry", "country", "domainKind", "seniority", "department", "source"] as const;

const CATEGORY_LABELS: Record<(typeof CATEGORY_FIELDS)[number], string> = {
  industry: "industry is",
  country: "country is",
  domainKind: "email domain is",
  seniority: "seniority is",
  department: "department is",
  source: "lead source is",
};

/** Head-count bands a sales team talks in. A range ("50-200") belongs to a band only when it fits inside it,
 * the way the rule engine reads ranges. */
export const HEADCOUNT_BANDS: readonly [number, number][] = [
  [1, 10],
  [11, 50],
  [51, 200],
  [201, 1_000],
  [1_001, 5_000],
  [5_001, Number.POSITIVE_INFINITY],
];

/** Annual budget bands. */
export const BUDGET_BANDS: readonly [number, number][] = [
  [0, 999],
  [1_000, 9_999],
  [10_000, 49_999],
  [50_000, Number.POSITIVE_INFINITY],
];

/** Words too common in titles to say anything about a persona. */
const TITLE_STOPWORDS = new Set([
  "and",
  "the",
  "for",
  "of",
  "de",
  "del",
  "der",
  "des",
  "du",
  "la",
  "le",
  "und",
  "et",
  "y",
]);

function bandLabel([lo, hi]: readonly [number, number], unit: string): string {
  const n = formatNumber;
  return !Number.isFinite(hi) ? `${n(lo)}+ ${unit}` : `${n(lo)}–${n(hi)} ${unit}`;
}

function band(
  field: "employees" | "budget",
  range: { min: number; max: number },
  bands: readonly [number, number][],
  unit: string,
): Trait | undefined {
  const found = bands.find(([lo, hi]) => range.min >= lo && range.max <= hi);
  if (found === undefined) return undefined;
  const [lo, hi] = found;
  const when: LeafCondition = !Number.isFinite(hi)
    ? { field, op: "gte", value: lo }
    : { field, op: "between", value: [lo, hi] };
  return { key: JSON.stringify(when), when, label: bandLabel(found, unit) };
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim().length > 0 ? value : undefined;
}

function headcount(value: unknown): { min: number; max: number } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { min, max } = value as { min?: unknown; max?: unknown };
  if (typeof min !== "number") return undefined;
  return { min, max: typeof max === "number" ? max : Number.POSITIVE_INFINITY };
}

function budget(value: unknown): number | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const b = value as Partial<Budget>;
  if (typeof b.amount !== "number" || !PERIODS.includes(b.period as Budget["period"])) return undefined;
  return annualAmount(b as Budget);
}

function trait(when: LeafCondition, label: string): Trait {
  return { key: JSON.stringify(when), when, label };
}

/** What the team's memory said when the lead was checked, as traits: "disqualified before", "an existing
 * customer". A check made without the memory has none. */
function historyTraits(history: HistoryFacts | undefined): Trait[] {
  if (history === undefined) return [];
  const traits: Trait[] = [];
  if (history.priorChecks >= 1)
    traits.push(trait({ field: "priorChecks", op: "gte", value: 1 }, "checked before"));
  if (history.priorOutcome !== "none")
    traits.push(
      trait(
        { field: "priorOutcome", op: "eq", value: history.priorOutcome },
        `${history.priorOutcome} before`,
      ),
    );
  if (history.priorLostReason)
    traits.push(
      trait(
        { field: "priorLostReason", op: "eq", value: history.priorLostReason },
        `earlier outcome's reason was ${history.priorLostReason.replace(/_/g, " ")}`,
      ),
    );
  if (history.companyCustomer)
    traits.push(trait({ field: "companyCustomer", op: "eq", value: true }, "an existing customer's company"));
  return traits;
}

/** The traits of one lead, each once, in a stable order: its facts', then its history's. */
export function traitsOf(facts: StoredFacts, history?: HistoryFacts): Trait[] {
  const traits: Trait[] = [];
  for (const field of CATEGORY_FIELDS) {
    const value = asString(facts[field]);
    if (value === undefined || (field === "seniority" && value === "unknown")) continue;
    // Leads spell the same value differently ("Education", "education"): one trait, keyed by the fold the
    // rule engine compares with.
    const when: LeafCondition = { field, op: "eq", value: value.trim() };
    const key = JSON.stringify({ field, op: "eq", value: foldPhrase(value) });
    traits.push({ key, when, label: `${CATEGORY_LABELS[field]} ${value.trim()}` });
  }
  const employees = headcount(facts.employees);
  const staff = employees && band("employees", employees, HEADCOUNT_BANDS, "employees");
  if (staff) traits.push(staff);
  const annual = budget(facts.budget);
  const money =
    annual === undefined ? undefined : band("budget", { min: annual, max: annual }, BUDGET_BANDS, "a year");
  if (money) traits.push({ ...money, label: `budget of ${money.label}` });
  const title = asString(facts.title);
  if (title) {
    const words = new Set(
      foldPhrase(title)
        .split(" ")
        .filter((w) => w.length >= 2 && !TITLE_STOPWORDS.has(w) && !/^\d+$/.test(w)),
    );
    for (const word of [...words].sort()) {
      const when: LeafCondition = { field: "title", op: "contains_any", value: [word] };
      traits.push({ key: JSON.stringify(when), when, label: `title says “${word}”` });
    }
  }
  traits.push(...historyTraits(history));
  return traits;
}
