/** A web form's or CRM's address for leads, as kept (its secret only sealed). */
export interface StoredEndpoint {
  id: string;
  workspaceId: string;
  channelId: string;
  sealedSecret: string;
  fieldMap: Record<string, string> | null;
  createdBy: string | null;
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

/** A lead waiting to be triaged and posted, as one instance claimed it. */
export interface ClaimedLead {
  id: string;
  endpointId: string;
  workspaceId: string;
  channelId: string;
  text: string | null;
  attempts: number;
  createdAt: Date;
}

/** A lead as a sender posted it, before it is triaged. */
export interface AcceptedLead {
  endpointId: string;
  workspaceId: string;
  channelId: string;
  /** The sender's own id for the lead (a retry with the same one is a duplicate); null: none. */
  sourceKey: string | null;
  text: string;
}

/** Leads that arrive by webhook, and the endpoints they arrive at. */
export interface InboundRepository {
  createEndpoint(endpoint: {
    id: string;
    workspaceId: string;
    channelId: string;
    sealedSecret: string;
    createdBy: string;
  }): Promise<void>;
  findEndpoint(id: string): Promise<StoredEndpoint | undefined>;
  listEndpoints(workspaceId: string): Promise<StoredEndpoint[]>;
  /** False when the workspace has no such live endpoint (so for the next four). */
  rotateEndpoint(workspaceId: string, id: string, sealedSecret: string): Promise<boolean>;
  revokeEndpoint(workspaceId: string, id: string): Promise<boolean>;
  setFieldMap(workspaceId: string, id: string, fieldMap: Record<string, string> | null): Promise<boolean>;
  /** Queues a lead; a sender's retry of one already queued is a duplicate, with the first one's id. */
  accept(lead: AcceptedLead): Promise<{ id: string; duplicate: boolean }>;
  /** Claims up to `limit` due leads for `leaseMs`; rows another instance holds are skipped, not waited for. */
  claim(limit: number, leaseMs: number): Promise<ClaimedLead[]>;
  markPosted(id: string, posted: { checkId: string; messageTs: string | null }): Promise<void>;
  /** A failed attempt: try again at `dueAt`, or never (null). */
  defer(id: string, error: string, dueAt: Date | null): Promise<void>;
  /** Each endpoint's leads by state. */
  counts(workspaceId: string): Promise<Map<string, { pending: number; posted: number; failed: number }>>;
  purge(olderThan: Date): Promise<number>;
}
