import {
  type OutboundEventType,
  type OutcomeDetail,
  outboundPayload,
} from "../../domain/outbound/payload.js";
import { outboundUrl } from "../../domain/outbound/url.js";
import type { OutcomeService } from "../outcomes.js";
import type { ClaimedEvent, DeadEvent, Repositories } from "../ports/index.js";
import { DatabaseSealer, SecretError, sharedSecret } from "../sealer.js";

export interface OutboundStatus {
  target?: { url: string; includeText: boolean; updatedAt: Date };
  counts: { pending: number; delivered: number; dead: number };
  dead: DeadEvent[];
}

/** A signed request ready to send. */
export interface OutboundRequest {
  url: string;
  body: string;
  secret: string;
}

/** Where a workspace's verdicts and outcomes go (set, rotated and removed by admins), the events that failed for
 * a day (retried by admins), and each event's signed body, built when it is sent from the check as it is then. */
export class OutboundService {
  private readonly sealer: DatabaseSealer;

  constructor(
    private readonly store: Pick<Repositories, "outbound" | "memory">,
    private readonly outcomes: OutcomeService,
    private readonly options: { allowPrivateUrls?: boolean } = {},
  ) {
    this.sealer = new DatabaseSealer(store);
  }

  /** Sets (or changes) the workspace's outbound URL; a new secret is made only the first time (`secret`). */
  async set(
    workspaceId: string,
    given: string,
    createdBy: string,
    options: { includeText: boolean },
  ): Promise<{ url: string; secret?: string }> {
    const url = outboundUrl(given, this.options.allowPrivateUrls === true);
    if (!url.ok) throw new SecretError(url.reason);
    const kept = await this.store.outbound.target(workspaceId);
    const secret = kept ? undefined : sharedSecret();
    await this.store.outbound.setTarget({
      workspaceId,
      url: url.url,
      sealedSecret: kept?.sealedSecret ?? (await this.sealer.seal(secret as string)),
      includeText: options.includeText,
      createdBy,
    });
    return { url: url.url, ...(secret ? { secret } : {}) };
  }

  /** A new secret for the workspace's URL; undefined when it has none. */
  async rotate(workspaceId: string): Promise<string | undefined> {
    const kept = await this.store.outbound.target(workspaceId);
    if (kept === undefined) return undefined;
    const secret = sharedSecret();
    await this.store.outbound.setTarget({
      ...kept,
      sealedSecret: await this.sealer.seal(secret),
      createdBy: kept.createdBy ?? "",
    });
    return secret;
  }

  remove(workspaceId: string): Promise<boolean> {
    return this.store.outbound.removeTarget(workspaceId);
  }

  async status(workspaceId: string, deadShown = 5): Promise<OutboundStatus> {
    const [target, counts, dead] = await Promise.all([
      this.store.outbound.target(workspaceId),
      this.store.outbound.counts(workspaceId),
      this.store.outbound.dead(workspaceId, deadShown),
    ]);
    return {
      ...(target
        ? { target: { url: target.url, includeText: target.includeText, updatedAt: target.updatedAt } }
        : {}),
      counts,
      dead: dead.events,
    };
  }

  /** Dead events back in the queue: one, or all of the workspace's. */
  retry(workspaceId: string, eventId?: string): Promise<number> {
    return this.store.outbound.retryDead(workspaceId, eventId);
  }

  /** New events for what happened since `since` (every workspace with a URL, or one). */
  replay(since: Date, workspaceId?: string): Promise<number> {
    return this.store.outbound.replay(since, workspaceId ?? null);
  }

  /** The signed request for an event, built from its check as it stands (an erased person's words and facts are
   * gone from it too); undefined when the workspace has no URL any more. */
  async request(event: ClaimedEvent): Promise<OutboundRequest | undefined> {
    const target = await this.store.outbound.target(event.workspaceId);
    if (target === undefined) return undefined;
    // One read of the check: its verdict as given, and what it keeps (the history is not sent).
    const stored = await this.outcomes.storedVerdict(event.workspaceId, event.checkId, { history: false });
    if (stored === undefined) return undefined;
    const payload = outboundPayload(
      {
        id: event.id,
        type: event.type as OutboundEventType,
        createdAt: event.createdAt,
        detail: event.detail as OutcomeDetail | null,
      },
      { ...stored.check, ...stored.kept },
      stored.verdict,
      { includeText: target.includeText },
    );
    return {
      url: target.url,
      body: JSON.stringify(payload),
      secret: await this.sealer.open(target.sealedSecret),
    };
  }
}
