import type { RuleSet } from "./personas/schema.js";

/** What a triage needs to know of its workspace. */
export interface WorkspaceSettings {
  retentionDays: number;
  activeRuleSetVersion: number | null;
}

/** One stored version of a workspace's rules. */
export interface StoredRuleSet {
  version: number;
  document: RuleSet;
  author: string | null;
  note: string | null;
  provenance: string;
  createdAt: Date;
}
