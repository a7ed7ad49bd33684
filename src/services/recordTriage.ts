import type { NewCheck } from "../domain/checks.js";
import type { FactName, ParsedLead } from "../domain/lead/facts.js";
import { leadIdentity } from "../domain/memory/identity.js";
import { factValues, secondHandFacts } from "../domain/personas/report.js";
import type { Verdict } from "../domain/personas/verdict.js";

/** Facts that identify a person rather than a persona: not needed to learn from outcomes, so not stored
 * (the raw text that holds them is kept only for the retention period). */
const PERSONAL_FACTS: ReadonlySet<FactName> = new Set(["name", "email"]);

/** Who asked and where: the check's identifying fields. */
export type Where = Pick<
  NewCheck,
  "id" | "workspaceId" | "inputKind" | "userId" | "channelId" | "messageTs" | "threadTs" | "createdAt"
>;

/** What a check keeps of a verdict: the facts (never the person's name or email), which of them were read
 * second-hand, and the rules' answer. */
export function verdictFields(
  lead: ParsedLead,
  verdict: Verdict,
): Pick<NewCheck, "facts" | "decision" | "risk" | "matchedRules" | "missing" | "secondHandFacts"> {
  return {
    facts: factValues(lead.facts, PERSONAL_FACTS),
    decision: verdict.decision,
    risk: verdict.risk,
    matchedRules: verdict.matches.map((m) => `${m.persona}/${m.rule}`),
    missing: verdict.missing,
    secondHandFacts: secondHandFacts(lead.facts, PERSONAL_FACTS),
  };
}

export function checkRecord(
  where: Where,
  lead: ParsedLead,
  verdict: Verdict,
  retainDays: number,
  now = new Date(),
): NewCheck {
  const fields = verdictFields(lead, verdict);
  // Written out: spreading `where` and the fields cost four times as much (a bulk file builds one per row).
  return {
    id: where.id,
    workspaceId: where.workspaceId,
    inputKind: where.inputKind,
    userId: where.userId,
    channelId: where.channelId,
    messageTs: where.messageTs,
    threadTs: where.threadTs,
    createdAt: where.createdAt,
    facts: fields.facts,
    decision: fields.decision,
    risk: fields.risk,
    matchedRules: fields.matchedRules,
    missing: fields.missing,
    secondHandFacts: fields.secondHandFacts,
    ruleSetVersion: verdict.ruleSetVersion,
    rawText: lead.text,
    retainUntil: new Date(now.getTime() + retainDays * 86_400_000),
    // The company's key needs no secret, so every path keeps it (files and CRM imports too); the person's keyed
    // hash is added where the lead memory is (triageLead).
    companyKey: leadIdentity(lead).company,
    ...(lead.history ? { history: lead.history } : {}),
  };
}
