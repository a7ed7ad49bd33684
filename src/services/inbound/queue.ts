import type { ClaimedLead, Repositories } from "../ports/index.js";

export type { ClaimedLead };

/** How long an accepted lead is tried before it is given up (and listed as failed). */
export const INBOUND_GIVE_UP_MS = 24 * 3_600_000;

/** The wait before try n+1: 5 s, 10 s, 20 s, … at most 10 minutes. */
export function inboundBackoffMs(attempts: number): number {
  return Math.min(10 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/** Accepted leads waiting for their verdict to be posted, as the database holds them: claimed by one instance at
 * a time, settled once posted, tried again with back-off, given up after a day. */
export class InboundQueue {
  constructor(private readonly store: Pick<Repositories, "inbound">) {}

  claim(limit: number, leaseMs: number): Promise<ClaimedLead[]> {
    return this.store.inbound.claim(limit, leaseMs);
  }

  posted(id: string, checkId: string, messageTs: string | null): Promise<void> {
    return this.store.inbound.markPosted(id, { checkId, messageTs });
  }

  /** Not posted this time: tried again later, or given up once it has waited a day. */
  async retryLater(lead: ClaimedLead, error: string, now = new Date()): Promise<"retry" | "failed"> {
    const giveUp = now.getTime() - lead.createdAt.getTime() >= INBOUND_GIVE_UP_MS;
    const due = new Date(now.getTime() + inboundBackoffMs(lead.attempts));
    await this.store.inbound.defer(lead.id, error.slice(0, 300), giveUp ? null : due);
    return giveUp ? "failed" : "retry";
  }

  /** A lead that cannot be posted ever (its words are gone). */
  giveUp(lead: ClaimedLead, error: string): Promise<void> {
    return this.store.inbound.defer(lead.id, error, null);
  }
}
