import type { Fact, LeadFacts, ParsedLead } from "../lead/facts.js";
import type { StoredFacts } from "./traits.js";

const NO_SPAN = { start: 0, end: 0 };

/** A lead rebuilt from the facts a check kept, for replaying rules once its text was purged: fact rules
 * evaluate as before; rules on the lead's words (`text`) find nothing to read. */
export function leadFromStoredFacts(facts: StoredFacts): ParsedLead {
  const out: Record<string, Fact<unknown>> = {};
  for (const [name, value] of Object.entries(facts)) {
    if (value === null || value === undefined) continue;
    if (name === "employees" && typeof value === "object") {
      const { min, max } = value as { min: number; max: number | null };
      out[name] = { value: { min, max: max ?? Number.POSITIVE_INFINITY }, span: NO_SPAN };
    } else out[name] = { value, span: NO_SPAN };
  }
  return { text: "", facts: out as LeadFacts };
}
