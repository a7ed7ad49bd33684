/** Where a workspace's verdicts and outcomes are sent, as kept (the signing secret only sealed). */
export interface StoredTarget {
  workspaceId: string;
  url: string;
  sealedSecret: string;
  includeText: boolean;
  createdBy: string | null;
  updatedAt: Date;
}

/** An event one instance claimed to send. */
export interface ClaimedEvent {
  id: string;
  workspaceId: string;
  type: string;
  checkId: string;
  detail: Record<string, unknown> | null;
  attempts: number;
  triesSince: Date;
  createdAt: Date;
}

/** An event that will not be sent again unless an admin retries it. */
export interface DeadEvent {
  id: string;
  type: string;
  checkId: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
}

/** Events sent to a workspace's own systems, and where they go. */
export interface OutboundRepository {
  setTarget(target: {
    workspaceId: string;
    url: string;
    sealedSecret: string;
    includeText: boolean;
    createdBy: string;
  }): Promise<void>;
  target(workspaceId: string): Promise<StoredTarget | undefined>;
  removeTarget(workspaceId: string): Promise<boolean>;
  /** Claims due events, at most `perWorkspace` of one workspace and none of the `busy` ones, for `leaseMs`. */
  claim(
    limit: number,
    perWorkspace: number,
    busy: readonly string[],
    leaseMs: number,
  ): Promise<ClaimedEvent[]>;
  delivered(id: string, status: number): Promise<void>;
  /** A failed attempt: try again at `dueAt`, or give up (null: dead). */
  defer(id: string, failure: { status: number | null; error: string }, dueAt: Date | null): Promise<void>;
  dead(workspaceId: string, take: number): Promise<{ events: DeadEvent[]; total: number }>;
  /** Sends dead events again (one by id, or all); resolves to how many. */
  retryDead(workspaceId: string, id?: string): Promise<number>;
  counts(workspaceId: string): Promise<{ pending: number; delivered: number; dead: number }>;
  /** Queues again every verdict and outcome since `since` (one workspace's, or every one with a target). */
  replay(since: Date, workspaceId: string | null): Promise<number>;
  purge(olderThan: Date): Promise<number>;
}
