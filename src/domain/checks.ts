import type { FactName } from "./lead/facts.js";
import type { HistoryFacts } from "./memory/facts.js";
import type { Decision } from "./personas/verdict.js";

/** Where a lead came from. */
export const INPUT_KINDS = [
  "cli",
  "csv",
  "command",
  "shortcut",
  "mention",
  "dm",
  "form",
  "import",
  "inbound",
  "workflow",
] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** A triaged lead as it is kept: facts without the person's name or email, the verdict, the rule-set
 * version that made it, and the lead's own words until `retainUntil`. */
export interface NewCheck {
  /** Made by the caller, before anything is written or posted, so a verdict can carry it. */
  id?: string;
  workspaceId: string;
  inputKind: InputKind;
  userId?: string;
  channelId?: string;
  messageTs?: string;
  threadTs?: string;
  facts: Record<string, unknown>;
  decision: Decision;
  risk: number;
  matchedRules: string[];
  missing: string[];
  /** Facts read in a mail's body that may be about someone else (refinement leaves them out). */
  secondHandFacts?: string[];
  ruleSetVersion: number;
  /** The lead text; kept until `retainUntil`, then purged. Omit to keep none. */
  rawText?: string;
  retainUntil?: Date;
  /** The lead memory's keys: the person's keyed hash and the company's key (see domain/memory). */
  personKey?: string;
  companyKey?: string;
  /** The same person's check within 30 days before this one. */
  repeatOf?: string;
  /** What the team's memory said of the lead, as the rules saw it. */
  history?: HistoryFacts;
  /** When the lead was checked, if not now (a CRM history import keeps the row's date). */
  createdAt?: Date;
}

/** A check as it was kept, as services read it back: the record's own types, not the database's rows. */
export interface StoredCheck {
  id: string;
  workspaceId: string;
  inputKind: string;
  userId: string | null;
  channelId: string | null;
  messageTs: string | null;
  threadTs: string | null;
  facts: Partial<Record<FactName, unknown>>;
  decision: Decision;
  risk: number;
  matchedRules: string[];
  missing: FactName[];
  ruleSetVersion: number;
  /** The lead's words, until retention purges them. */
  rawText: string | null;
  rawTextExpiresAt: Date | null;
  /** The optional LLM's summary; purged with the words. */
  summary: string | null;
  /** Facts the LLM read from quoted words, and the start and end of each one's words (two per fact). */
  inferredFacts: FactName[];
  inferredSpans: number[];
  secondHandFacts: FactName[];
  personKey: string | null;
  companyKey: string | null;
  repeatOf: string | null;
  /** The history facts the rules saw, as kept (read with keptHistory); null when the memory did not answer. */
  history: unknown;
  createdAt: Date;
}

/** The message that carries a check's verdict (its thread is the lead's thread). */
export interface MessageLink {
  id: string;
  channelId: string;
  messageTs: string;
  threadTs: string;
}

/** Checks counted by decision over a period. */
export interface DecisionCounts {
  total: number;
  byDecision: Partial<Record<Decision, number>>;
  averageRisk: number | null;
}
