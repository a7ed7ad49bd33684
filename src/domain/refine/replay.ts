import type { Fact, LeadFacts, ParsedLead } from "../lead/facts.js";
import type { StoredFacts } from "./traits.js";

const NO_SPAN = { start: 0, end: 0 };

/** A lead rebuilt from the facts a check kept, for replaying rules once its text was purged: fact rules
 * evaluate as before (a fact read second-hand is marked again, so its red flags count at part weight); rules
 * on the lead's words (`text`) find nothing to read. */
export function leadFromStoredFacts(facts: StoredFacts, secondHand: readonly string[] = []): ParsedLead {
  const out: Record<string, Fact<unknown>> = {};
  for (const [name, value] of Object.entries(facts)) {
    if (value === null || value === undefined) continue;
    const read = secondHand.includes(name) ? { span: NO_SPAN, secondHand: true as const } : { span: NO_SPAN };
    if (name === "employees" && typeof value === "object") {
      const { min, max } = value as { min: number; max: number | null };
      out[name] = { value: { min, max: max ?? Number.POSITIVE_INFINITY }, ...read };
    } else out[name] = { value, ...read };
  }
  return { text: "", facts: out as LeadFacts };
}
