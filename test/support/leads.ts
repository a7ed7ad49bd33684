import type { Fact, LeadFacts, ParsedLead } from "../../src/domain/lead/facts.js";

/** Builds a parsed lead whose facts all quote the text they came from, for evaluator tests. */
export function leadOf(values: Partial<Record<keyof LeadFacts, unknown>>, extraText = ""): ParsedLead {
  let text = "";
  const facts: Record<string, Fact<unknown>> = {};
  for (const [name, value] of Object.entries(values)) {
    const words =
      typeof value === "object" && value !== null
        ? "min" in value
          ? `${(value as { min: number }).min} employees`
          : `${(value as { amount: number }).amount} USD`
        : String(value);
    const start = text.length;
    text += `${words}\n`;
    facts[name] = { value, span: { start, end: start + words.length } };
  }
  text += extraText;
  return { text, facts: facts as LeadFacts };
}
