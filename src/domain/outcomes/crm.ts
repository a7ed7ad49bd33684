import { foldPhrase } from "../text.js";
import type { OutcomeKind } from "./kinds.js";

/** How CRM exports (Salesforce, HubSpot, Pipedrive, Odoo) name the columns an outcome import needs, folded.
 * The first header that matches wins; the CLI's --status-column / --reason-column override. */
export const CRM_COLUMNS = {
  status: [
    "status",
    "lead status",
    "stage",
    "opportunity stage",
    "stagename",
    "deal stage",
    "lifecycle stage",
  ],
  reason: [
    "closed lost reason",
    "loss reason",
    "lost reason",
    "disqualified reason",
    "unqualified reason",
    "disqualification reason",
    "reason",
  ],
  id: ["id", "lead id", "record id", "opportunity id", "deal id", "contact id"],
  date: ["created date", "createddate", "create date", "close date", "closedate", "date"],
} as const;

/** The index of the column named `override`, or of the first header matching the candidates. */
export function findColumn(
  headers: readonly string[],
  candidates: readonly string[],
  override?: string,
): number {
  // Salesforce API names: Closed_Lost_Reason__c reads as "closed lost reason".
  const name = (h: string) => foldPhrase(h).replace(/ c$/, "");
  const folded = headers.map(name);
  if (override !== undefined) return folded.indexOf(name(override));
  for (const candidate of candidates) {
    const i = folded.indexOf(candidate);
    if (i !== -1) return i;
  }
  return -1;
}

const STATUS_WORDS: [RegExp, OutcomeKind | "open"][] = [
  [/\b(closed won|won|converted|customer|signed)\b/, "won"],
  [/\b(closed lost|lost)\b/, "lost"],
  [/\b(disqualified|unqualified|not qualified|junk|spam|bad fit)\b/, "disqualified"],
  [/\b(no show)\b/, "no_show"],
  [
    /\b(open|new|working|contacted|nurture|nurturing|qualified|in progress|attempted|meeting|proposal|negotiation)\b/,
    "open",
  ],
];

/** What a CRM status says became of the lead; "open" when it is still being worked; undefined when the
 * value is not a status this knows. */
export function statusOutcome(value: string): OutcomeKind | "open" | undefined {
  const folded = foldPhrase(value);
  if (folded.length === 0) return undefined;
  for (const [pattern, kind] of STATUS_WORDS) if (pattern.test(folded)) return kind;
  return undefined;
}
