import type { RuleSet } from "../../domain/personas/schema.js";
import type { StoredRuleSet } from "../../domain/workspace.js";

/** A new version of a workspace's rules, and who published it why. */
export interface RuleSetPublication {
  document: Omit<RuleSet, "version">;
  author?: string;
  note?: string;
  provenance?: string;
}

/** A version in a workspace's rule history (without its document). */
export interface RuleSetHistoryEntry {
  version: number;
  author: string | null;
  note: string | null;
  provenance: string;
  createdAt: Date;
  /** The version in force. */
  active: boolean;
}

/** How often a rule fired on a workspace's checks in a period, and how those leads ended so far. */
export interface RuleStat {
  /** "persona/rule". */
  rule: string;
  checks: number;
  won: number;
  lost: number;
}

/** Each workspace's versions of its rules. */
export interface RuleSetRepository {
  /** The version in force; undefined before the workspace has one. */
  active(workspaceId: string): Promise<StoredRuleSet | undefined>;
  version(workspaceId: string, version: number): Promise<StoredRuleSet | undefined>;
  /** Makes `document` version 1 when the workspace has none yet (once, however many ask at once). */
  adopt(workspaceId: string, document: Omit<RuleSet, "version">, provenance: string): Promise<void>;
  /** Stores the next version and puts it in force; resolves to its number. */
  publish(workspaceId: string, publication: RuleSetPublication): Promise<number>;
  history(workspaceId: string): Promise<RuleSetHistoryEntry[]>;
  /** The rules that fired in [from, to), the most frequent first. */
  stats(workspaceId: string, from: Date, to: Date): Promise<RuleStat[]>;
}
