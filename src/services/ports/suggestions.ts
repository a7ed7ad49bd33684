/** A suggestion as kept: what it proposes (the domain's Suggestion, as JSON) and its lifecycle. */
export interface StoredSuggestion {
  id: string;
  key: string;
  kind: string;
  proposal: unknown;
  evidence: unknown;
  status: string;
  ruleSetVersion: number | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  publishedVersion: number | null;
  createdAt: Date;
}

/** A suggestion as refinement (or an admin) makes it. */
export interface NewSuggestion {
  key: string;
  kind: string;
  ruleRef: string | null;
  proposal: object;
  evidence: object;
  ruleSetVersion: number;
}

/** The changes to the rules proposed to a workspace's admins, and what they decided. */
export interface SuggestionRepository {
  /** Makes these the open suggestions: open ones no longer suggested are withdrawn, the rest kept or refreshed. */
  replaceOpen(workspaceId: string, items: NewSuggestion[]): Promise<void>;
  open(workspaceId: string): Promise<StoredSuggestion[]>;
  /** Adds one open suggestion (a hand-made change) without touching the others. */
  add(workspaceId: string, item: NewSuggestion): Promise<StoredSuggestion | null>;
  /** The latest dismissal of each key, with the evidence the admin saw. */
  latestDismissals(workspaceId: string): Promise<StoredSuggestion[]>;
  find(workspaceId: string, id: string): Promise<StoredSuggestion | undefined>;
  /** Decides an open suggestion; false when it was no longer open (another admin decided first). */
  decide(
    id: string,
    decision: { status: "approved" | "dismissed"; by: string; note?: string },
  ): Promise<boolean>;
  /** Records the version an approval published, or puts the suggestion back (null) when publishing failed. */
  settleApproval(id: string, publishedVersion: number | null): Promise<void>;
}
