import { annualAmount, type Fact, type LeadFacts, type ParsedLead } from "../lead/facts.js";
import { type HistoryField, historyValue, isHistoryField } from "../memory/facts.js";
import { fold } from "../text.js";
import { RULE_FIELDS, type RuleField } from "./schema.js";

export const FIELD_COUNT = RULE_FIELDS.length;
export const FIELD_INDEX: Readonly<Record<RuleField, number>> = Object.fromEntries(
  RULE_FIELDS.map((field, i) => [field, i]),
) as Record<RuleField, number>;
const TEXT = FIELD_INDEX.text;

/** A numeric reading of a fact; a range so that "50-200 employees" only satisfies conditions that hold for
 * the whole range. */
export interface NumericRange {
  min: number;
  max: number;
}

/** A lead fact (never `text` or a history field: those are not read from one span of the lead). */
function factOf(facts: LeadFacts, field: RuleField): Fact<unknown> | undefined {
  return field === "text" || isHistoryField(field)
    ? undefined
    : (facts[field as keyof LeadFacts] as Fact<unknown>);
}

/** Per-lead evaluation state. Folded strings are computed lazily and at most once per field, so a rule set
 * that never looks at a field never pays for it. One context is reused across leads to avoid allocation. */
export class EvalContext {
  lead!: ParsedLead;
  private readonly raw: (string | undefined)[] = new Array(FIELD_COUNT);
  private readonly folded: (string | undefined)[] = new Array(FIELD_COUNT);
  private readonly phrases: (string | undefined)[] = new Array(FIELD_COUNT);
  private readonly resolved: boolean[] = new Array(FIELD_COUNT).fill(false);

  reset(lead: ParsedLead): void {
    this.lead = lead;
    this.resolved.fill(false);
    this.folded.fill(undefined);
    this.phrases.fill(undefined);
  }

  fact(field: RuleField): Fact<unknown> | undefined {
    return factOf(this.lead.facts, field);
  }

  has(fieldIndex: number, field: RuleField): boolean {
    return this.string(fieldIndex, field) !== undefined;
  }

  /** The string a string operator sees: the fact's value, or for numeric facts the words of the lead. */
  string(fieldIndex: number, field: RuleField): string | undefined {
    if (this.resolved[fieldIndex]) return this.raw[fieldIndex];
    let value: string | undefined;
    if (fieldIndex === TEXT) {
      value = this.lead.text.length > 0 ? this.lead.text : undefined;
    } else if (fieldIndex > TEXT) {
      // History fields come after `text` in RULE_FIELDS: the team's memory, not the lead's words.
      const v = this.lead.history && historyValue(this.lead.history, field as HistoryField);
      value = v === undefined ? undefined : String(v);
    } else {
      const fact = factOf(this.lead.facts, field);
      if (fact !== undefined) {
        const v = fact.value;
        if (typeof v === "string") value = v;
        else if (typeof v === "number") value = String(v);
        else value = this.lead.text.slice(fact.span.start, fact.span.end);
      }
    }
    this.raw[fieldIndex] = value;
    this.resolved[fieldIndex] = true;
    return value;
  }

  foldedString(fieldIndex: number, field: RuleField): string | undefined {
    const cached = this.folded[fieldIndex];
    if (cached !== undefined) return cached;
    const value = this.string(fieldIndex, field);
    if (value === undefined) return undefined;
    const f = fieldIndex === TEXT && this.lead.folded !== undefined ? this.lead.folded : fold(value);
    this.folded[fieldIndex] = f;
    return f;
  }

  /** The folded value as one phrase (trimmed, single spaces): what eq/in compare against. */
  phrase(fieldIndex: number, field: RuleField): string | undefined {
    const cached = this.phrases[fieldIndex];
    if (cached !== undefined) return cached;
    const f = this.foldedString(fieldIndex, field);
    if (f === undefined) return undefined;
    const p =
      f.charCodeAt(0) !== 32 && f.charCodeAt(f.length - 1) !== 32 && !f.includes("  ")
        ? f
        : f.trim().replace(/ +/g, " ");
    this.phrases[fieldIndex] = p;
    return p;
  }

  numeric(field: RuleField): NumericRange | undefined {
    const facts = this.lead.facts;
    switch (field) {
      case "employees":
        return facts.employees?.value;
      case "revenue": {
        const amount = facts.revenue?.value.amount;
        return amount === undefined ? undefined : { min: amount, max: amount };
      }
      case "budget": {
        if (facts.budget === undefined) return undefined;
        const amount = annualAmount(facts.budget.value);
        return { min: amount, max: amount };
      }
      case "priorChecks":
      case "daysSincePriorOutcome": {
        const value = this.lead.history?.[field];
        return value === undefined ? undefined : { min: value, max: value };
      }
      default:
        return undefined;
    }
  }
}
