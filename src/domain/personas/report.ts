import type { FactName, FactSource, LeadFacts, ParsedLead } from "../lead/facts.js";
import { formatNumber } from "./describeFacts.js";
import type { Decision, RuleMatch, Verdict } from "./verdict.js";

export interface EvidenceReport {
  field: string;
  text: string;
  start: number;
  end: number;
}

export interface MatchReport {
  persona: string;
  rule: string;
  reason: string;
  weight: number | null;
  exclude: boolean;
  /** What it counted when it rests only on second-hand facts (a mail's body, maybe about someone else). */
  secondHand?: { counted: number };
  evidence: EvidenceReport[];
}

/** The machine form of a verdict (`lead-triage check --json`, CSV columns, stored checks). */
export interface VerdictReport {
  decision: Decision;
  risk: number;
  matches: MatchReport[];
  fits: MatchReport[];
  facts: Partial<Record<FactName, unknown>>;
  inferred: FactName[];
  /** Where each fact was read (field, header, signature, body, inferred). */
  sources: Partial<Record<FactName, FactSource>>;
  /** Facts read in a mail's body that may be about someone else (red flags on them count at part weight). */
  secondHand?: FactName[];
  missing: FactName[];
  ruleSetVersion: number;
  /** Facts the optional LLM read, with the lead's words they rest on. `judged`: the verdict includes them;
   * false when they would have made it less cautious, so the first verdict stands and they are only shown. */
  readByModel?: { facts: { fact: FactName; quote: string }[]; judged: boolean };
  /** Present when the lead was longer than the parser reads: only the first `readChars` were triaged. */
  truncated?: { readChars: number; totalChars: number };
}

function matchReport(match: RuleMatch): MatchReport {
  return {
    persona: match.persona,
    rule: match.rule,
    reason: match.reason,
    weight: match.weight ?? null,
    exclude: match.exclude,
    ...(match.secondHand ? { secondHand: match.secondHand } : {}),
    evidence: match.evidence.map((e) => ({
      field: e.field,
      text: e.text,
      start: e.span.start,
      end: e.span.end,
    })),
  };
}

/** Fact values as plain JSON: open head-count ranges ("10k+") have `max: null`. `leaveOut`: facts not wanted. */
export function factValues(
  facts: LeadFacts,
  leaveOut?: ReadonlySet<FactName>,
): Partial<Record<FactName, unknown>> {
  const out: Partial<Record<FactName, unknown>> = {};
  for (const [name, fact] of Object.entries(facts) as [FactName, { value: unknown }][]) {
    if (leaveOut?.has(name)) continue;
    const value = fact.value;
    if (name === "employees" && typeof value === "object" && value !== null) {
      const { min, max } = value as { min: number; max: number };
      out[name] = { min, max: Number.isFinite(max) ? max : null };
    } else out[name] = value;
  }
  return out;
}

/** The facts read second-hand (a mail's body, maybe about someone else), but those in `leaveOut`. */
export function secondHandFacts(facts: LeadFacts, leaveOut?: ReadonlySet<FactName>): FactName[] {
  return (Object.entries(facts) as [FactName, { secondHand?: true }][])
    .filter(([name, fact]) => fact.secondHand === true && !leaveOut?.has(name))
    .map(([name]) => name);
}

export function verdictReport(lead: ParsedLead, verdict: Verdict): VerdictReport {
  const secondHand = secondHandFacts(lead.facts);
  return {
    decision: verdict.decision,
    risk: verdict.risk,
    matches: verdict.matches.map(matchReport),
    fits: verdict.fits.map(matchReport),
    facts: factValues(lead.facts),
    inferred: (Object.entries(lead.facts) as [FactName, { inferred?: boolean }][])
      .filter(([, fact]) => fact.inferred === true)
      .map(([name]) => name),
    sources: Object.fromEntries(
      (Object.entries(lead.facts) as [FactName, { source?: FactSource; inferred?: boolean }][]).map(
        ([name, fact]) => [name, fact.source ?? (fact.inferred ? "inferred" : "body")],
      ),
    ),
    ...(secondHand.length > 0 ? { secondHand } : {}),
    missing: verdict.missing,
    ruleSetVersion: verdict.ruleSetVersion,
    ...(lead.truncatedFrom !== undefined
      ? { truncated: { readChars: lead.text.length, totalChars: lead.truncatedFrom } }
      : {}),
  };
}

/** Why a red flag counted part of its weight, in the words both verdicts (Slack, CLI) show. */
export const SECOND_HAND_NOTE = "from the mail's body, may be about someone else";

/** What a red flag weighed, as a rep reads it: its weight, `exclusion` for a hard gate, or the part a
 * second-hand one counted (an exclusion on hearsay is no hard gate, so it never reads as one). */
export function flagWeight(match: MatchReport, exclusion = "exclude"): string {
  if (match.secondHand) {
    const own = match.exclude ? "an exclusion" : `+${match.weight}`;
    return `${own}, counted +${match.secondHand.counted}: ${SECOND_HAND_NOTE}`;
  }
  return match.exclude ? exclusion : `+${match.weight}`;
}

/** The line a rep sees when a lead was too long to read whole. */
export function truncationNote(truncated: NonNullable<VerdictReport["truncated"]>): string {
  const n = formatNumber;
  return `Only the first ${n(truncated.readChars)} of ${n(truncated.totalChars)} characters were read: paste the lead's own details if they come later.`;
}
