import { z } from "zod";
import { reasonWords } from "../outcomes/reasons.js";
import type { LeadHistory, PriorOutcome } from "./history.js";

/** What the team's memory says of a lead, as facts rules can test (`priorOutcome: disqualified`,
 * `daysSincePriorOutcome < 90`). Unlike a lead's facts they come from earlier checks, not from its words. */
export const HISTORY_FIELDS = [
  "priorChecks",
  "priorOutcome",
  "priorLostReason",
  "daysSincePriorOutcome",
  "companyCustomer",
] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** The history facts rules compare as numbers. */
export const NUMERIC_HISTORY_FIELDS = ["priorChecks", "daysSincePriorOutcome"] as const;

/** The outcomes that say whether a lead bought; a no-show or "the verdict was wrong" does not. */
export const PRIOR_OUTCOMES = ["won", "lost", "disqualified", "none"] as const;
export type PriorOutcomeKind = (typeof PRIOR_OUTCOMES)[number];

export const historyFactsSchema = z.strictObject({
  /** Earlier checks of the same person or company (the larger count; counts stop at 1,000). */
  priorChecks: z.number().int().min(0),
  /** The latest outcome reported on the same person's or company's earlier checks. */
  priorOutcome: z.enum(PRIOR_OUTCOMES),
  /** Its reason (a reason id such as `no_budget`, `competitor`), when it was lost or disqualified. */
  priorLostReason: z.string().min(1).optional(),
  /** Whole days between that outcome and this check. */
  daysSincePriorOutcome: z.number().int().min(0).optional(),
  /** A lead of the same company was won: it is a customer. */
  companyCustomer: z.boolean(),
});
export type HistoryFacts = z.infer<typeof historyFactsSchema>;

/** A lead the team has never seen: known, and empty. */
export const NO_HISTORY: Readonly<HistoryFacts> = Object.freeze({
  priorChecks: 0,
  priorOutcome: "none",
  companyCustomer: false,
});

/** True when the history says something (a lead checked before); false for NO_HISTORY. */
export function hasHistory(facts: HistoryFacts): boolean {
  return facts.priorChecks > 0;
}

const DAY_MS = 86_400_000;

function latest(a: PriorOutcome | undefined, b: PriorOutcome | undefined): PriorOutcome | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.createdAt.getTime() >= b.createdAt.getTime() ? a : b;
}

/** The facts a history yields at `now` (the check's time). Pure; an empty history is "checked 0 times, no
 * outcome", which rules may test: it is known, not missing. */
export function historyFacts(history: LeadHistory, now: Date): HistoryFacts {
  const priorChecks = Math.max(history.person?.count ?? 0, history.company?.count ?? 0);
  const outcome = latest(history.person?.outcome, history.company?.outcome);
  const kind: PriorOutcomeKind =
    outcome && (outcome.kind === "won" || outcome.kind === "lost" || outcome.kind === "disqualified")
      ? outcome.kind
      : "none";
  return {
    priorChecks,
    priorOutcome: kind,
    ...(outcome && kind !== "none" && kind !== "won" && outcome.reason
      ? { priorLostReason: outcome.reason }
      : {}),
    ...(outcome && kind !== "none"
      ? {
          daysSincePriorOutcome: Math.max(
            0,
            Math.floor((now.getTime() - outcome.createdAt.getTime()) / DAY_MS),
          ),
        }
      : {}),
    companyCustomer: history.company?.customer === true,
  };
}

/** A history fact's value as the words a rule compares (`eq`, `in`, `contains_any`); numbers as numbers. */
export function historyValue(facts: HistoryFacts, field: HistoryField): string | number | undefined {
  switch (field) {
    case "priorChecks":
      return facts.priorChecks;
    case "priorOutcome":
      return facts.priorOutcome;
    case "priorLostReason":
      return facts.priorLostReason;
    case "daysSincePriorOutcome":
      return facts.daysSincePriorOutcome;
    case "companyCustomer":
      return facts.companyCustomer ? "true" : "false";
  }
}

/** What a verdict quotes when a rule matched on a history fact: "disqualified 12 days ago (competitor)". */
export function historyEvidence(facts: HistoryFacts, field: HistoryField): string {
  const when =
    facts.daysSincePriorOutcome === undefined
      ? ""
      : facts.daysSincePriorOutcome === 0
        ? " today"
        : facts.daysSincePriorOutcome === 1
          ? " yesterday"
          : ` ${facts.daysSincePriorOutcome} days ago`;
  const why = facts.priorLostReason ? ` (${reasonWords(facts.priorLostReason)})` : "";
  switch (field) {
    case "priorChecks":
      return `checked ${facts.priorChecks}× before`;
    case "companyCustomer":
      return facts.companyCustomer ? "a won deal at this company" : "no won deal at this company";
    case "priorOutcome":
    case "priorLostReason":
    case "daysSincePriorOutcome":
      return facts.priorOutcome === "none"
        ? "no outcome reported before"
        : `${facts.priorOutcome}${when}${why}`;
  }
}

const HISTORY_FIELD_SET: ReadonlySet<string> = new Set(HISTORY_FIELDS);

/** A set lookup: the evaluator asks this for every fact it reads. */
export function isHistoryField(field: string): field is HistoryField {
  return HISTORY_FIELD_SET.has(field);
}

/** History facts kept with a check (JSON), or undefined when the check has none or they do not read. */
export function storedHistoryFacts(value: unknown): HistoryFacts | undefined {
  const parsed = historyFactsSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** `{ history }` when a check kept history facts, else nothing: for spreading into what replays the check. */
export function keptHistory(value: unknown): { history?: HistoryFacts } {
  const history = storedHistoryFacts(value);
  return history ? { history } : {};
}
