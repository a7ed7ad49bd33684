import type { ContextBlock } from "@slack/types";
import {
  countText,
  daysAgo,
  isEmptyHistory,
  type LeadHistory,
  type PriorCheck,
  type PriorOutcome,
  personOutcomeToShow,
  shortDate,
} from "../../domain/memory/history.js";
import { OUTCOME_LABELS } from "../../domain/outcomes/kinds.js";
import { reasonWords } from "../../domain/outcomes/reasons.js";
import { escapeMrkdwn } from "../text.js";

const DECISION_WORDS: Record<PriorCheck["decision"], string> = {
  pass: "pass",
  review: "review",
  reject: "reject",
  needs_info: "needs info",
};

/** A link to an earlier verdict's message (Slack opens it in the workspace it belongs to). */
function link(where: { channelId: string | null; messageTs: string | null }, text: string): string {
  if (!where.channelId || !where.messageTs) return "";
  return ` <https://slack.com/archives/${where.channelId}/p${where.messageTs.replace(".", "")}|${text}>`;
}

function who(userId: string | null): string {
  return userId ? ` by <@${userId}>` : "";
}

function reasonLabel(reason: string | null): string {
  if (!reason) return "";
  return ` — ${escapeMrkdwn(reasonWords(reason))}`;
}

/** "; lost 20 Sep — no budget (reported by @rep) thread" */
function outcomeText(outcome: PriorOutcome, now: Date): string {
  return `; ${OUTCOME_LABELS[outcome.kind].toLowerCase()} ${shortDate(outcome.createdAt, now)}${reasonLabel(outcome.reason)}${outcome.userId ? ` (reported by <@${outcome.userId}>)` : ""}${link(outcome, "thread")}`;
}

/** What the team knew before this check, as one context block under the decision; undefined when nothing. A
 * repeat (the same person within 30 days) says so first. */
export function historyBlock(
  history: LeadHistory,
  repeatOf: PriorCheck | undefined,
  now = new Date(),
): ContextBlock | undefined {
  if (isEmptyHistory(history)) return undefined;
  const lines: string[] = [];
  const person = history.person;
  const personOutcome = personOutcomeToShow(history);
  const personOutcomeText = personOutcome ? outcomeText(personOutcome, now) : "";
  if (repeatOf)
    lines.push(
      `🔁 *Already checked ${daysAgo(repeatOf.createdAt, now)}*${who(repeatOf.userId)} (${DECISION_WORDS[repeatOf.decision]})${link(repeatOf, "see that verdict")}${personOutcomeText}`,
    );
  else if (person)
    lines.push(
      `👤 This person: checked ${countText(person.count)}× since ${shortDate(person.first, now)}, last ${daysAgo(person.latest.createdAt, now)} (${DECISION_WORDS[person.latest.decision]})${link(person.latest, "last verdict")}${personOutcomeText}`,
    );
  const company = history.company;
  if (company) {
    const outcome = company.outcome;
    const companyOutcomeText = outcome
      ? outcomeText(outcome, now)
      : `, last ${daysAgo(company.latest.createdAt, now)} (${DECISION_WORDS[company.latest.decision]})${link(company.latest, "last verdict")}`;
    lines.push(
      `🏢 ${escapeMrkdwn(company.label)}: checked ${countText(company.count)}× since ${shortDate(company.first, now)}${companyOutcomeText}${company.customer ? " · *existing customer*" : ""}`,
    );
  }
  return { type: "context", elements: [{ type: "mrkdwn", text: lines.join("\n").slice(0, 3000) }] };
}
