import { historyEvidence, isHistoryField } from "../memory/facts.js";
import { type EvalContext, FIELD_INDEX } from "./context.js";
import type { RuleField } from "./schema.js";
import type { Evidence } from "./verdict.js";

/** Evidence that quotes a whole fact, as the lead wrote it. */
export function factEvidence(ctx: EvalContext, field: RuleField, out: Evidence[]): void {
  if (historyEvidenceOf(ctx, field, out)) return;
  const fact = ctx.fact(field);
  if (fact === undefined) return;
  out.push({ field, text: ctx.lead.text.slice(fact.span.start, fact.span.end), span: fact.span });
}

/** Evidence for a phrase found at `offset` in the folded value of `field`. */
export function phraseEvidence(
  ctx: EvalContext,
  field: RuleField,
  offset: number,
  length: number,
  out: Evidence[],
): void {
  if (historyEvidenceOf(ctx, field, out)) return;
  if (field === "text") {
    out.push({
      field,
      text: ctx.lead.text.slice(offset, offset + length),
      span: { start: offset, end: offset + length },
    });
    return;
  }
  const fact = ctx.fact(field);
  if (fact === undefined) return;
  const spanText = ctx.lead.text.slice(fact.span.start, fact.span.end);
  const value = ctx.string(FIELD_INDEX[field], field);
  // Values that are the lead's own words point into the text precisely; derived values quote the whole fact.
  if (value !== undefined && spanText === value) {
    const start = fact.span.start + offset;
    out.push({
      field,
      text: ctx.lead.text.slice(start, start + length),
      span: { start, end: start + length },
    });
  } else {
    out.push({ field, text: spanText, span: fact.span });
  }
}

/** A history fact quotes what the team's memory said ("disqualified 12 days ago (competitor)"); it has no words
 * in the lead, so its span is empty. True when `field` is a history field. */
function historyEvidenceOf(ctx: EvalContext, field: RuleField, out: Evidence[]): boolean {
  if (!isHistoryField(field)) return false;
  const history = ctx.lead.history;
  if (history !== undefined)
    out.push({ field, text: historyEvidence(history, field), span: { start: 0, end: 0 } });
  return true;
}

/** The reason template split around `{evidence}`, so rendering is a join, not a search. */
export function reasonRenderer(template: string): (evidence: Evidence[]) => string {
  const parts = template.split("{evidence}");
  if (parts.length === 1) return () => template;
  return (evidence) => {
    let quoted = "";
    const seen: string[] = [];
    for (const e of evidence) {
      const t = e.text.trim();
      if (t.length === 0 || seen.includes(t)) continue;
      seen.push(t);
      quoted += `${quoted.length > 0 ? ", " : ""}"${t.length > 80 ? `${t.slice(0, 79)}…` : t}"`;
    }
    return parts.join(quoted.length > 0 ? quoted : "the lead's details");
  };
}
