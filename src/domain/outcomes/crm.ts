import { z } from "zod";
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

/** What a CRM status can say became of a lead: an outcome, or "open" while it is still being worked. */
export const STATUS_READINGS = [
  "won",
  "lost",
  "disqualified",
  "no_show",
  "open",
] as const satisfies readonly (OutcomeKind | "open")[];
export type StatusReading = (typeof STATUS_READINGS)[number];

/** Statuses that closed a lead badly, by what they mean. Read before any word of winning: "Closed Lost -
 * Customer chose competitor" names a customer, "Closed - Not Converted" a conversion, and neither was won. */
const BAD_STATUSES: [RegExp, StatusReading][] = [
  [/\b(?:closed ?lost|lost|no sale|dead|rejected|declined|cancell?ed|churned)\b/, "lost"],
  [/\b(?:not|non|never|no longer) (?:won|signed|a customer|closed won)\b/, "lost"],
  [
    /\b(?:disqualified|unqualified|not qualified|non qualified|junk|spam|bad fit|not a fit|invalid|(?:not|non|never|no longer) converted|unconverted)\b/,
    "disqualified",
  ],
  [/\bno ?show\b/, "no_show"],
];
/** Words of a win; the strong ones are a status's own word, the weak ones may name someone ("Customer chose a
 * competitor") and never outweigh a bad word. */
const STRONG_WIN = /\b(?:closed ?won|won|converted)\b/;
const WEAK_WIN = /\b(?:customer|signed|evangelist)\b/;
/** Reads as a win but says the opposite ("Won't buy"): not classified. */
const NOT_A_WIN = /\bwon t\b|\bwont\b/;
/** Stages of Salesforce, HubSpot (labels and internal names), Pipedrive, Zoho and Odoo while a lead is worked. */
const OPEN_STATUS =
  /\b(?:open|new|working|contacted|attempted(?: to contact)?|connected|nurture|nurturing|pre ?qualified|qualified|qualification|in progress|meeting|appointment ?scheduled|proposal|proposition|price quote|negotiation|review|prospecting|needs analysis|value proposition|id decision makers|perception analysis|contact in future|subscriber|lead|marketingqualifiedlead|salesqualifiedlead|mql|sql|opportunity|open deal|qualifiedtobuy|presentationscheduled|decisionmakerboughtin|contractsent|bad timing)\b/;

/** "not won" → "not_won": a negated word no longer reads as itself. */
function joinNegations(folded: string): string {
  return folded.replace(/\b(?:not|non|never|no longer) /g, "not_");
}

function earliest(folded: string, table: readonly [RegExp, StatusReading][]): StatusReading | undefined {
  let best: { at: number; reading: StatusReading } | undefined;
  for (const [pattern, reading] of table) {
    const m = pattern.exec(folded);
    if (m && (best === undefined || m.index < best.at)) best = { at: m.index, reading };
  }
  return best?.reading;
}

/** What a CRM status says became of the lead; "open" when it is still being worked; undefined when the value
 * is not a status this can read with confidence (unknown words, or a status's own word of winning beside a
 * word of losing): such a row is reported and gets no outcome, since a wrong outcome teaches the personas the
 * opposite of the truth. Words of losing or disqualifying come first; the first of them names the outcome. */
export function statusOutcome(value: string): StatusReading | undefined {
  const folded = foldPhrase(value);
  if (folded.length === 0) return undefined;
  const bad = earliest(folded, BAD_STATUSES);
  if (bad !== undefined) return STRONG_WIN.test(joinNegations(folded)) ? undefined : bad;
  if (NOT_A_WIN.test(folded)) return undefined;
  if (STRONG_WIN.test(folded) || WEAK_WIN.test(folded)) return "won";
  if (OPEN_STATUS.test(folded)) return "open";
  return undefined;
}

/** What a team's own status map can say of a status: an outcome, still open, or "skip" (import nothing). */
export const STATUS_MAP_READINGS = [...STATUS_READINGS, "skip"] as const;
export type MappedStatus = (typeof STATUS_MAP_READINGS)[number];

/** A team's statuses and what they mean ({"Closed - Not Converted": "disqualified", "Parked": "open"}). */
export const statusMapSchema = z.record(
  z.string().trim().min(1).max(200),
  z.enum(STATUS_MAP_READINGS, {
    error: `each status maps to one of ${STATUS_MAP_READINGS.join(", ")}`,
  }),
);

/** Reads statuses with the team's map first (matched as folded words), then statusOutcome. */
export class StatusReader {
  private readonly map: Map<string, MappedStatus>;

  constructor(map: Readonly<Record<string, MappedStatus>> = {}) {
    this.map = new Map(Object.entries(map).map(([status, reading]) => [foldPhrase(status), reading]));
  }

  read(value: string): MappedStatus | undefined {
    return this.map.get(foldPhrase(value)) ?? statusOutcome(value);
  }
}
