/** Whom an erasure request names: a person by address, or a whole company by its domain. */
export type ErasureSubject = { kind: "email"; email: string } | { kind: "domain"; domain: string };

/** What an erasure removed (the audit row keeps the same numbers). */
export interface ErasureCounts {
  /** Checks that named the subject: their words, summary and naming facts are gone; the verdict stays. */
  checks: number;
  texts: number;
  summaries: number;
  outcomeNotes: number;
}

/** Forgetting on request, with an audit row of what went. */
export interface ErasureRepository {
  /** Erases a subject from one workspace (undefined: every workspace); `memoryKey` is the lead memory's key of
   * the subject (a person's keyed hash, or a domain's company key). */
  subject(
    subject: ErasureSubject,
    workspaceId: string | undefined,
    requestedBy: string,
    memoryKey?: string | null,
  ): Promise<ErasureCounts>;
  /** Erases a workspace's words and its installation (on uninstall). */
  workspace(workspaceId: string, requestedBy: string): Promise<ErasureCounts & { installation: boolean }>;
}
