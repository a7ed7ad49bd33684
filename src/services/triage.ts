import { EXIT_USAGE, UserError } from "../domain/errors.js";
import type { ParsedLead } from "../domain/lead/facts.js";
import { parseLead } from "../domain/lead/parse.js";
import type { CompiledRuleSet } from "../domain/personas/compile.js";
import type { Verdict } from "../domain/personas/verdict.js";

export interface Triage {
  lead: ParsedLead;
  verdict: Verdict;
}

/** Raised for input that cannot be triaged; the message is meant for the rep. */
export class EmptyLeadError extends UserError {
  constructor() {
    super(
      "Nothing to triage: paste the lead's details (name, title, company, email, size, notes…).",
      "empty_lead",
      EXIT_USAGE,
    );
  }
}

export function triageText(text: string, rules: CompiledRuleSet): Triage {
  if (text.trim().length === 0) throw new EmptyLeadError();
  const lead = parseLead(text);
  return { lead, verdict: rules.evaluate(lead) };
}
